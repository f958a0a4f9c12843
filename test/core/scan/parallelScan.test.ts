import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { CostEngine } from '../../../src/core/engine';
import { nodeReader } from '../../../src/core/io/nodeReader';
import { workerCount } from '../../../src/core/scan/parallelScan';
import { scanFolder, type ScanOptions } from '../../../src/core/scan/workspaceScan';

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

  it('starts no more workers than the files justify', () => {
    assert.equal(workerCount(8, 10), 1);
    assert.equal(workerCount(8, 1000, 400), 2);
    assert.equal(workerCount(2, 100000), 2);
  });
});
