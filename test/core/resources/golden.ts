import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import type { PricingContext } from '../../../src/core/resources/costModel';
import type { RegionChoice } from '../../../src/core/detectors/shared/region';
import type { InstanceGroup } from '../../../src/core/resources/instanceGroup';
import { fixturePath } from '../helpers';

export const ctx: PricingContext = { catalog: bundledCatalog(), options: DEFAULT_ENGINE_OPTIONS };

/**
 * Compares a model's output with its reviewed golden file under test/fixtures/resources/.
 * `AI_FINOPS_UPDATE_GOLDEN=1` rewrites the files; review their diff before committing it.
 */
export function assertGolden(name: string, actual: unknown): void {
  const file = fixturePath('resources', `${name}.golden.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.AI_FINOPS_UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  assert.ok(existsSync(file), `no golden file ${file}; run with AI_FINOPS_UPDATE_GOLDEN=1 and review it`);
  assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(file, 'utf8')), `${name} differs from its golden file`);
}

export function region(value: string | null): RegionChoice {
  return { value, assumption: value ? `region ${value} (test input)` : 'no region (test input)' };
}

const RANGE = { start: { line: 0, column: 0 }, end: { line: 0, column: 10 } };

/** An instance group as an adapter would read it; fields override the defaults. */
export function group(fields: Partial<InstanceGroup> & Pick<InstanceGroup, 'sku' | 'provider'>): InstanceGroup {
  return {
    file: '/ws/test',
    range: RANGE,
    kind: 'compute',
    resource: 'test resource',
    region: region(null),
    quantity: 1,
    pricing: 'on-demand',
    tags: {},
    notes: [],
    ...fields,
  };
}
