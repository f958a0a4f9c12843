import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { bundledCatalog } from '../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../src/core/config/engineOptions';
import { CostEngine } from '../src/core/engine';
import { nodeReader } from '../src/core/io/nodeReader';
import { scanFolder } from '../src/core/scan/workspaceScan';
import { monorepo } from './generate';

/** Runs in its own process so the peak memory is the scan's alone. */
export async function benchScan(files: number) {
  const root = await monorepo(path.join(os.tmpdir(), 'ai-finops-bench-monorepo'), files);
  const engine = new CostEngine(bundledCatalog());
  const started = performance.now();
  const result = await scanFolder(engine, root, DEFAULT_ENGINE_OPTIONS, nodeReader);
  const seconds = (performance.now() - started) / 1000;
  await fs.rm(root, { recursive: true, force: true });
  return {
    files,
    analyzed: result.filesScanned,
    items: result.items.length,
    seconds,
    filesPerSecond: files / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (require.main === module) {
  void benchScan(Number(process.argv[2] ?? 10000)).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
