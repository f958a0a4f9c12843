import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { CostEngine } from '../../../src/core/engine';
import type { DetectionResult } from '../../../src/core/model';
import { LivePriceCache, LivePriceOverlay } from '../../../src/core/pricing/live';
import { fixturePath, memoryReader } from '../helpers';

type Files = Record<string, string>;

/**
 * Each step changes the module the way an editor session does; the items a long-lived engine
 * returns from its caches must equal what a fresh engine computes from scratch.
 */
const STEPS: [string, (files: Files) => void][] = [
  ['a count digit', (f) => (f['/ws/main.tf'] = f['/ws/main.tf'].replace('desired_capacity = 1', 'desired_capacity = 2'))],
  ['lines inserted above every block', (f) => (f['/ws/main.tf'] = `# header\n\n${f['/ws/main.tf']}`)],
  ['a variable default in another file', (f) => (f['/ws/variables.tf'] = f['/ws/variables.tf'].replace('default = 3', 'default = 5'))],
  ['a local', (f) => (f['/ws/variables.tf'] = f['/ws/variables.tf'].replace('family = "g5"', 'family = "g6"'))],
  ['a referenced launch template', (f) => (f['/ws/main.tf'] = f['/ws/main.tf'].replace('.xlarge"', '.2xlarge"'))],
  ['the provider region', (f) => (f['/ws/main.tf'] = f['/ws/main.tf'].replace('region = var.region', 'region = "eu-west-1"'))],
  ['an auto tfvars file', (f) => (f['/ws/terraform.tfvars'] = 'workers = 7\n')],
  ['a block moved right', (f) => (f['/ws/main.tf'] = f['/ws/main.tf'].replace('resource "aws_autoscaling_group" "by_name"', '  resource "aws_autoscaling_group" "by_name"'))],
  ['a syntax error typed into a block', (f) => (f['/ws/main.tf'] = f['/ws/main.tf'].replace('min_size = 2', 'min_size = '))],
];

/** Splits the fixture so variables and locals live in a sibling file, as real modules do. */
async function moduleFiles(): Promise<Files> {
  const text = await fs.readFile(fixturePath('terraform', 'aws', 'main.tf'), 'utf8');
  const declarations = text.match(/variable "region" \{[\s\S]*?\n\}\n\nvariable "workers" \{[\s\S]*?\n\}\n\nlocals \{[\s\S]*?\n\}\n/);
  assert.ok(declarations, 'fixture declares region, workers and locals in a row');
  return { '/ws/main.tf': text.replace(declarations[0], ''), '/ws/variables.tf': declarations[0] };
}

function analyze(engine: CostEngine, files: Files): Promise<DetectionResult> {
  const snapshot = { ...files };
  return engine.analyze({ file: '/ws/main.tf', text: snapshot['/ws/main.tf'], reader: memoryReader(snapshot), options: DEFAULT_ENGINE_OPTIONS });
}

describe('Terraform detection after edits', () => {
  it('returns from its caches exactly what a fresh analysis returns, ranges included', async () => {
    const catalog = bundledCatalog();
    const longLived = new CostEngine(catalog);
    const files = await moduleFiles();
    assert.deepEqual(await analyze(longLived, files), await analyze(new CostEngine(catalog), files));
    for (const [what, change] of STEPS) {
      change(files);
      const cached = await analyze(longLived, files);
      const fresh = await analyze(new CostEngine(catalog), files);
      assert.ok(fresh.items.length > 3, `${what}: the module still prices its resources`);
      assert.deepEqual(cached, fresh, `after ${what}`);
    }
  });

  it('prices a called module again when the call changes', async () => {
    const catalog = bundledCatalog();
    const longLived = new CostEngine(catalog);
    const root = fixturePath('terraform', 'module-root', 'main.tf');
    const child = fixturePath('terraform', 'modules', 'gpu-pool', 'main.tf');
    const files: Files = { [root]: await fs.readFile(root, 'utf8'), [child]: await fs.readFile(child, 'utf8') };
    const run = (engine: CostEngine) => engine.analyze({ file: root, text: files[root], reader: memoryReader({ ...files }), options: DEFAULT_ENGINE_OPTIONS });
    await run(longLived);
    files[root] = files[root].replace('instance_type = "g5.2xlarge"', 'instance_type = "p4d.24xlarge"');
    const cached = await run(longLived);
    assert.deepEqual(cached, await run(new CostEngine(catalog)));
    assert.ok(JSON.stringify(cached.items).includes('p4d.24xlarge'), path.basename(root));
  });

  it('prices Terraform items again after a live price refresh changes the catalog they used', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const cache = new LivePriceCache();
    const engine = new CostEngine(bundledCatalog().withOverlay(new LivePriceOverlay(cache, () => now)));
    const files: Files = { '/ws/main.tf': 'resource "aws_instance" "trainer" {\n  instance_type = "p4d.24xlarge"\n}\n' };
    const before = await analyze(engine, files);
    assert.notEqual(before.items[0].estimate.hourlyUsd, 30);
    cache.put({
      cloud: 'aws',
      service: 'ec2',
      instanceType: 'p4d.24xlarge',
      region: 'us-east-1',
      onDemandUsdPerHour: 30,
      spotUsdPerHour: null,
      fetchedAt: '2026-11-26T10:00:00Z',
      source: 'AWS Price List API',
    });
    const after = await analyze(engine, files);
    assert.equal(after.items[0].estimate.hourlyUsd, 30);
    assert.equal(after.items[0].priceSource?.label, 'AWS Price List API');
  });
});
