import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CatalogData } from '../../../src/core/catalog';

// Compiled to out/test/core/catalog, four levels below the repo root.
const repoRoot = resolve(__dirname, '../../../..');
const script = join(repoRoot, 'scripts', 'build-catalog.mjs');
const committedPath = join(repoRoot, 'data', 'price-catalog.json');
const sharedData = resolve(repoRoot, '..', 'shared', 'data');

function runBuilder(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function readCommitted(): { text: string; data: CatalogData } {
  const text = readFileSync(committedPath, 'utf8');
  return { text, data: JSON.parse(text) as CatalogData };
}

describe('build-catalog script', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'catalog-test-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('rebuilds the committed catalog byte for byte, deterministically', function () {
    if (!existsSync(sharedData)) {
      this.skip(); // The sourced CSVs live outside the repo; CI mounts them at ../shared/data.
    }
    const { text, data } = readCommitted();
    const outputs = ['a.json', 'b.json'].map((name) => {
      const out = join(tmp, name);
      const run = runBuilder(['--data', sharedData, '--out', out, '--built-at', data.meta.builtAt]);
      assert.equal(run.status, 0, run.stderr);
      return readFileSync(out, 'utf8');
    });
    assert.equal(outputs[0], outputs[1], 'two builds differ');
    assert.equal(outputs[0], text, 'data/price-catalog.json is stale; run npm run build:catalog');
  });

  it('parses quoted CSV fields with commas and doubled quotes, and strips source tags', () => {
    writeFixture(tmp, '"Radeon ""Pro"", V520"', 'ref:a@1+vm-only');
    const out = join(tmp, 'out.json');
    const run = runBuilder(['--data', tmp, '--cpu', join(tmp, 'cpu-instances.csv'), '--out', out, '--built-at', '2000-01-02']);
    assert.equal(run.status, 0, run.stderr);
    const data = JSON.parse(readFileSync(out, 'utf8')) as CatalogData;
    assert.equal(data.meta.builtAt, '2000-01-02');
    assert.equal(data.meta.retrievedAt, '2026-11-26');
    assert.deepEqual(data.offers.map((o) => [o.instanceType, o.accelerator?.name, o.kind, o.service]), [
      ['m9.large', undefined, 'instance', 'ec2'],
      ['p9.48xlarge', 'Radeon "Pro", V520', 'instance', 'ec2'],
      ['ml.p9.48xlarge', undefined, 'instance', 'sagemaker'],
      ['a2-highgpu-1g', undefined, 'vm-only', 'compute-engine'],
    ]);
    assert.deepEqual(data.meta.sources.map((s) => s.ref), ['ref:a@1', 'ref:b@2', 'ref:c@3', 'ref:d@4']);
    assert.equal(data.accelerators[0].name, 'X1');
  });

  it('refuses an unknown source tag instead of guessing the row kind', () => {
    writeFixture(tmp, 'A100', 'ref:a@1+mystery');
    const run = runBuilder(['--data', tmp, '--cpu', join(tmp, 'cpu-instances.csv'), '--out', join(tmp, 'out.json'), '--built-at', '2000-01-02']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /unknown source tag \+mystery/);
  });
});

/** A minimal data folder: one AWS row (accelerator given), one GCP row (source given), one SageMaker row. */
function writeFixture(dir: string, awsAccelerator: string, gcpSource: string): void {
  const date = '"unknown(x, y); retrieved 2026-11-26"';
  writeFileSync(join(dir, 'gpu-instances.csv'), [
    'cloud,region,instance_type,accelerator,accelerator_count,accelerator_memory_gib,vcpus,memory_gib,on_demand_usd_per_hour,spot_usd_per_hour,source,source_date',
    `aws,us-east-1,p9.48xlarge,${awsAccelerator},8,80,192,2048,10.5,,ref:b@2,${date}`,
    `gcp,us-central1,a2-highgpu-1g,,,,12,85,0.73948,0.36975,${gcpSource},${date}`,
    '',
  ].join('\r\n'));
  writeFileSync(join(dir, 'sagemaker-instances.csv'), [
    'region,instance_type,component,on_demand_usd_per_hour,source,source_date',
    `us-east-1,ml.p9.48xlarge,hosting,12,ref:c@3+region_inferred,${date}`,
  ].join('\n'));
  writeFileSync(join(dir, 'cpu-instances.csv'), [
    'cloud,region,instance_type,vcpus,memory_gib,on_demand_usd_per_hour,spot_usd_per_hour,source,source_date',
    'aws,us-east-1,m9.large,2,8,0.1,,ref:d@4,"2026-07-20; retrieved 2026-12-03"',
  ].join('\n'));
  writeFileSync(join(dir, 'accelerators.csv'), [
    'accelerator,vendor,memory_gib,peak_bf16_dense_tflops,peak_fp16_dense_tflops,peak_fp8_dense_tflops,notes,source',
    'X1,Acme,80,100,,,"notes, with ""quotes""\nand a newline",src',
  ].join('\n'));
}

describe('committed price catalog', () => {
  const { text, data } = readCommitted();

  it('has valid source indices and only positive or null prices', () => {
    for (const offer of data.offers) {
      const where = `${offer.cloud} ${offer.region} ${offer.instanceType || offer.accelerator?.name}`;
      assert.ok(Number.isInteger(offer.source) && offer.source >= 0 && offer.source < data.meta.sources.length, where);
      for (const price of [offer.onDemandUsdPerHour, offer.spotUsdPerHour]) {
        assert.ok(price === null || (typeof price === 'number' && price > 0), `${where}: ${String(price)}`);
      }
    }
  });

  it('keeps the documented row conventions', () => {
    assert.equal(data.meta.schemaVersion, 1);
    assert.deepEqual(data.meta.defaultRegions, { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus', lambda: 'us-east-1' });
    assert.ok(data.meta.sources.every((s) => !s.ref.includes('+')), 'source refs carry no +tags');
    assert.equal(new Set(data.meta.sources.map((s) => `${s.ref} ${s.date}`)).size, data.meta.sources.length);
    for (const offer of data.offers) {
      assert.equal(offer.instanceType === '', offer.kind === 'accelerator-only');
      assert.equal(offer.component !== undefined, offer.service === 'sagemaker');
    }
    assert.ok(data.accelerators.some((a) => a.name === 'A100-40GB' && a.memoryGib === 40));
  });

  it('stays small enough to commit and bundle', () => {
    // One offer per line keeps ~7,500 rows (CPU types in 17 regions) under 1.5 MB; the engine
    // bundle loads it lazily. Regions are added only while the file stays under this bound.
    assert.ok(Buffer.byteLength(text) < 1_500_000);
    assert.ok(text.endsWith('}\n'));
  });
});
