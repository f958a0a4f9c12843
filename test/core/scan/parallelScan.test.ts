import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { CostEngine } from '../../../src/core/engine';
import { nodeReader } from '../../../src/core/io/nodeReader';
import { workerCount } from '../../../src/core/scan/parallelScan';
import { scanFolder, type ScanOptions } from '../../../src/core/scan/workspaceScan';

/** Cached entries are JSON: a property set to undefined comes back absent, which every consumer reads alike. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const repo = path.resolve(__dirname, '..', '..', '..', '..');

describe('scan on worker threads', () => {
  const scan = (root: string, opts: ScanOptions) => scanFolder(new CostEngine(bundledCatalog()), root, { ...DEFAULT_ENGINE_OPTIONS, workspaceRoot: root }, nodeReader, opts);

  // The sample workspace has every kind of item; the fixtures add broken files, skipped inputs and called modules.
  for (const folder of ['samples/workspace', 'test/fixtures']) {
    it(`gives ${folder} the same result, in the same order, as one thread`, async () => {
      const root = path.join(repo, folder);
      const single = await scan(root, { jobs: 1 });
      const { workers, ...parallel } = await scan(root, { jobs: 3, minFilesPerWorker: 1 });
      assert.equal(single.workers, undefined);
      assert.equal(workers, 3);
      assert.ok(single.items.length > 10, 'the folder has items to compare');
      assert.deepEqual(parallel, single);
      if (folder === 'test/fixtures') assert.ok(single.skipped.length > 0, 'skipped inputs are compared too');
    });
  }

  it('stores what the workers analysed, and answers a second scan from the cache without them', async () => {
    const root = path.join(repo, 'test/fixtures');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-parallel-cache-'));
    try {
      const cache = { dir, engineVersion: 'test', maxBytes: 1 << 30 };
      const { workers, cache: first, ...cold } = await scan(root, { jobs: 2, minFilesPerWorker: 1, cache });
      assert.equal(workers, 2);
      assert.deepEqual([first?.hits, first?.misses], [0, cold.filesScanned]);
      const { workers: none, cache: second, ...warm } = await scan(root, { jobs: 2, minFilesPerWorker: 1, cache });
      assert.equal(none, undefined);
      assert.deepEqual([second?.hits, second?.misses], [cold.filesScanned, 0]);
      assert.deepEqual(asJson(warm), asJson(cold));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('starts no more workers than the files justify', () => {
    assert.equal(workerCount(8, 10), 1);
    assert.equal(workerCount(8, 1000, 400), 2);
    assert.equal(workerCount(2, 100000), 2);
  });
});
