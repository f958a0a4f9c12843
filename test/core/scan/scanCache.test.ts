import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { CostEngine } from '../../../src/core/engine';
import { nodeReader } from '../../../src/core/io/nodeReader';
import { PRUNE_INTERVAL_MS, pruneScanCache, pruneScanCacheIfDue, type ScanCacheSettings } from '../../../src/core/scan/scanCache';
import { scanFolder } from '../../../src/core/scan/workspaceScan';

describe('scan results cache', () => {
  let tmp: string;
  let settings: ScanCacheSettings;
  const scan = (cache: ScanCacheSettings | undefined = settings) => scanFolder(new CostEngine(bundledCatalog()), path.join(tmp, 'repo'), DEFAULT_ENGINE_OPTIONS, nodeReader, { cache });
  const write = (file: string, text: string) => fs.writeFile(path.join(tmp, 'repo', file), text);
  const skus = async (cache?: ScanCacheSettings) => (await scan(cache)).items.map((i) => `${path.basename(i.file)} ${i.resource} ${i.sku}`);

  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-cache-'));
    settings = { dir: path.join(tmp, 'cache'), engineVersion: 'test', maxBytes: 1 << 30 };
    await fs.mkdir(path.join(tmp, 'repo'));
    await write('variables.tf', 'variable "instance_type" {\n  default = "g5.xlarge"\n}\n');
    await write('main.tf', 'resource "aws_instance" "trainer" {\n  instance_type = var.instance_type\n}\n');
    await write('terraform.tfvars', 'instance_type = "g5.2xlarge"\n');
  });
  afterEach(() => fs.rm(tmp, { recursive: true, force: true }));

  it('answers a second scan from the cache with the same result', async () => {
    const first = await scan();
    assert.deepEqual([first.cache?.hits, first.cache?.misses], [0, 2]);
    const second = await scan();
    assert.deepEqual([second.cache?.hits, second.cache?.misses], [2, 0]);
    assert.deepEqual(asJson(second.items), asJson(first.items));
    assert.deepEqual(second.items.map((i) => i.sku), ['g5.2xlarge']);
  });

  it('misses when a file the analysis read beside it changed: tfvars, a sibling .tf, a new file in the folder', async () => {
    await scan();
    await write('terraform.tfvars', 'instance_type = "p4d.24xlarge"\n');
    assert.deepEqual(await skus(), ['main.tf aws_instance.trainer p4d.24xlarge']);
    await fs.rm(path.join(tmp, 'repo', 'terraform.tfvars'));
    assert.deepEqual(await skus(), ['main.tf aws_instance.trainer g5.xlarge']);
    await write('variables.tf', 'variable "instance_type" {\n  default = "g5.4xlarge"\n}\n');
    assert.deepEqual(await skus(), ['main.tf aws_instance.trainer g5.4xlarge']);
    await write('override.tf', 'variable "instance_type" {\n  default = "g5.8xlarge"\n}\n');
    // Terraform merges an override file into the module: the folder's listing is part of the key.
    assert.deepEqual(await skus(), await skus(undefined));
  });

  it('misses when the engine version or the options differ', async () => {
    await scan();
    const other = await scan({ ...settings, engineVersion: 'other' });
    assert.equal(other.cache?.hits, 0);
    const hours = await scanFolder(new CostEngine(bundledCatalog()), path.join(tmp, 'repo'), { ...DEFAULT_ENGINE_OPTIONS, hoursPerMonth: 100 }, nodeReader, { cache: settings });
    assert.equal(hours.cache?.hits, 0);
  });

  it('ignores a corrupt entry, says which, and scans the file again', async () => {
    const first = await scan();
    const entries = await cacheFiles(settings.dir);
    assert.equal(entries.length, 2);
    await fs.writeFile(entries[0], '{"format":1,"file":');
    await fs.writeFile(entries[1], JSON.stringify({ format: 1, file: 'elsewhere.tf', deps: [], result: { items: [], skipped: [] } }));
    const second = await scan();
    assert.deepEqual([second.cache?.hits, second.cache?.misses], [0, 2]);
    assert.equal(second.cache?.ignored.length, 2);
    for (const e of entries) assert.ok(second.cache?.ignored.some((m) => m.startsWith(e)), `names ${e}`);
    assert.deepEqual(asJson(second.items), asJson(first.items));
    assert.equal((await scan()).cache?.hits, 2, 'the rewritten entries are used');
  });

  it('keeps the cache within its size bound after a scan, checking its size at most once an hour', async () => {
    await scan();
    const bound = await totalSize(await cacheFiles(settings.dir));
    await write('other.tf', 'resource "aws_instance" "b" {\n  instance_type = "g5.xlarge"\n}\n');
    // The first scan checked just now: the next check waits for the interval.
    assert.equal(await pruneScanCacheIfDue(settings.dir, bound), false);
    const hourAgo = new Date(Date.now() - PRUNE_INTERVAL_MS - 1000);
    await fs.utimes(path.join(settings.dir, 'last-pruned'), hourAgo, hourAgo);
    const next = await scan({ ...settings, maxBytes: bound });
    assert.ok(next.cache?.misses, 'the new file was written');
    const kept = await totalSize(await cacheFiles(settings.dir));
    assert.ok(kept > 0 && kept <= bound, `${kept} bytes kept, bound ${bound}`);
  });

  it('prunes the least recently used entries first', async () => {
    await write('other.tf', 'resource "aws_instance" "b" {\n  instance_type = "g5.xlarge"\n}\n');
    await scan();
    const entries = await cacheFiles(settings.dir);
    // Oldest use first: entries[0] an hour ago, entries[1] a minute later, and so on.
    for (const [i, f] of entries.entries()) await fs.utimes(f, new Date(Date.now() - 3600_000 + i * 60_000), new Date(Date.now() - 3600_000 + i * 60_000));
    const newest = entries.slice(1);
    await pruneScanCache(settings.dir, await totalSize(newest));
    assert.deepEqual(await cacheFiles(settings.dir), newest);
  });
});

/** Entries are JSON: a property set to undefined comes back absent, which every consumer reads alike. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

async function totalSize(files: string[]): Promise<number> {
  return (await Promise.all(files.map(async (f) => (await fs.stat(f)).size))).reduce((a, b) => a + b, 0);
}

async function cacheFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const shard of await fs.readdir(dir, { withFileTypes: true })) {
    if (shard.isDirectory()) for (const name of await fs.readdir(path.join(dir, shard.name))) out.push(path.join(dir, shard.name, name));
  }
  return out.sort();
}
