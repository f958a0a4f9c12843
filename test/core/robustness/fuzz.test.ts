import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { CostEngine, maxDocumentChars } from '../../../src/core/engine';
import { nodeReader } from '../../../src/core/io/nodeReader';
import type { DetectionResult } from '../../../src/core/model';
import { huge, MUTATIONS, seededRng } from './mutations';

const SEED = 20261126;
/**
 * CPU time per input (this process's, so other work on a busy 2-core machine does not count;
 * a runaway loop does). Typical inputs take milliseconds.
 */
const TIME_BOUND_MS = 3000;
const repo = path.resolve(__dirname, '..', '..', '..', '..');
const ROOTS = ['test/fixtures', 'samples/workspace'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve(e.isFile() ? [path.join(dir, e.name)] : []))),
  );
  return nested.flat();
}

async function timedAnalyze(engine: CostEngine, file: string, text: string): Promise<{ result: DetectionResult; ms: number }> {
  const started = process.cpuUsage();
  const result = await engine.analyze({ file, text, reader: nodeReader, options: DEFAULT_ENGINE_OPTIONS });
  const used = process.cpuUsage(started);
  return { result, ms: (used.user + used.system) / 1000 };
}

function assertSafe(label: string, result: DetectionResult, ms: number): void {
  const crashed = result.skipped.filter((s) => /detector failed/.test(s.message));
  assert.deepEqual(crashed, [], `${label}: a detector threw`);
  for (const s of result.skipped) assert.ok(s.file && s.message.length > 10, `${label}: skip without a reason`);
  assert.ok(ms < TIME_BOUND_MS, `${label}: took ${ms.toFixed(0)} ms of CPU (bound ${TIME_BOUND_MS} ms)`);
}

describe(`fuzz: every detector on mutated fixtures (seed ${SEED}, ${MUTATIONS.length} mutations per fixture + one oversized input per file type)`, function () {
  this.timeout(600_000);
  const engine = new CostEngine(bundledCatalog());

  it('never throws, always returns within the bound, and says why it skipped', async () => {
    const fixtures = (await Promise.all(ROOTS.map((r) => filesUnder(path.join(repo, r))))).flat();
    const relevant = fixtures.filter((f) => engine.handles(f));
    assert.ok(relevant.length > 0, 'no fixtures found');
    const rng = seededRng(SEED);
    let inputs = 0;
    for (const file of relevant) {
      const text = await fs.readFile(file, 'utf8');
      for (const mutation of MUTATIONS) {
        // Mutants stay in the fixture's folder so module-level reads (variables, tfvars) still happen.
        const { result, ms } = await timedAnalyze(engine, file, mutation.apply(text, rng, path.extname(file)));
        assertSafe(`${path.relative(repo, file)} (${mutation.name})`, result, ms);
        inputs++;
      }
    }
    const byType = new Map(relevant.map((f) => [path.extname(f), f]));
    for (const file of byType.values()) {
      // Notebooks may be larger (their outputs are dropped); theirs is sized past their own limit.
      const { result, ms } = await timedAnalyze(engine, file, huge(await fs.readFile(file, 'utf8'), Math.max(20 * 1024 * 1024, maxDocumentChars(file) + 1)));
      assertSafe(`${path.relative(repo, file)} (oversized)`, result, ms);
      assert.match(result.skipped[0]?.message ?? '', /over the .* limit/, 'an oversized input is skipped with its reason');
      inputs++;
    }
    assert.ok(inputs >= relevant.length * MUTATIONS.length);
  });
});
