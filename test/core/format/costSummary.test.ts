import { strict as assert } from 'node:assert';
import { finopsConfigTemplate } from '../../../src/core/config/template';
import { parseFinopsConfig } from '../../../src/core/config/finopsConfig';
import { groupItems, totalMonthly } from '../../../src/core/format/costSummary';
import type { CostItem } from '../../../src/core/model';

function item(file: string, kind: CostItem['kind'], monthly: number | null, region = 'us-east-1'): CostItem {
  return {
    file, kind, region,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    resource: `${kind}@${file}:${monthly}`, provider: 'aws', sku: 'x', quantity: 1, pricing: 'on-demand',
    accelerators: null, tags: {}, assumptions: [],
    estimate: { hourlyUsd: null, monthlyUsd: monthly, perRunUsd: null, perCallUsd: null },
    ...(monthly === null ? { unpricedReason: 'unknown' } : {}),
  };
}

describe('cost summary', () => {
  const items = [item('a.tf', 'compute', 10), item('b.tf', 'endpoint', 300), item('a.tf', 'endpoint', 50), item('a.tf', 'compute', null)];

  it('totals the priced items', () => {
    assert.equal(totalMonthly(items), 360);
  });

  it('groups by file, most expensive group and item first, keeping unpriced items', () => {
    const groups = groupItems(items, 'file');
    assert.deepEqual(groups.map((g) => [g.key, g.monthlyUsd, g.items.map((i) => i.estimate.monthlyUsd)]), [
      ['b.tf', 300, [300]],
      ['a.tf', 60, [50, 10, null]],
    ]);
  });

  it('groups by kind', () => {
    assert.deepEqual(groupItems(items, 'kind').map((g) => g.key), ['endpoint', 'compute']);
  });
});

describe('.finops.yml template', () => {
  it('uses the region most resources use and parses without problems', () => {
    const text = finopsConfigTemplate([item('a', 'compute', 1, 'eu-west-1'), item('b', 'compute', 1, 'eu-west-1'), item('c', 'compute', 1, 'us-east-1')]);
    const { config, problems } = parseFinopsConfig(text);
    assert.deepEqual(problems, []);
    assert.equal(config.defaults.region, 'eu-west-1');
    assert.equal(config.defaults.hoursPerMonth, 730);
  });
});
