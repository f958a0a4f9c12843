import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { bundledCatalog } from '../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../src/core/config/engineOptions';
import { CostEngine } from '../src/core/engine';
import { nodeReader } from '../src/core/io/nodeReader';
import { mapConcurrently } from '../src/core/scan/mapConcurrently';
import { IGNORED_DIRECTORIES, scanFolder, type ScanOptions } from '../src/core/scan/workspaceScan';
import { monorepo } from './generate';

/**
 * Runs in its own process so the peak memory is the scan's alone. `jobs` worker threads (1:
 * this thread); with `cached`, a first scan fills an empty cache and the second, timed, reads it.
 * `node scanBench.js 10000 read` times the floor instead (benchRead).
 */
export async function benchScan(files: number, jobs: number, cached: boolean) {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-bench-scan-'));
  const root = await monorepo(path.join(tmp, 'monorepo'), files);
  const opts: ScanOptions = { jobs, ...(cached ? { cache: { dir: path.join(tmp, 'cache'), engineVersion: 'bench', maxBytes: 1 << 30 } } : {}) };
  const scan = () => scanFolder(new CostEngine(bundledCatalog()), root, DEFAULT_ENGINE_OPTIONS, nodeReader, opts);
  if (cached) await scan();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await scan();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await fs.rm(tmp, { recursive: true, force: true });
  return {
    files,
    analyzed: result.filesScanned,
    items: result.items.length,
    workers: result.workers ?? 1,
    cacheHits: result.cache?.hits ?? 0,
    seconds,
    // All of the process's threads, workers included.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    filesPerSecond: files / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Every file the scan could open: the tree without the folders it never enters. */
async function walk(dir: string, out: string[]): Promise<string[]> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!IGNORED_DIRECTORIES.has(entry.name)) await walk(full, out);
    } else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The floor under a scan: walking the same generated tree and reading every file as text, nothing parsed. */
export async function benchRead(files: number) {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-bench-read-'));
  const root = await monorepo(path.join(tmp, 'monorepo'), files);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const paths = await walk(root, []);
  const bytes = await mapConcurrently(paths, 16, async (p) => (await fs.readFile(p, 'utf8')).length);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await fs.rm(tmp, { recursive: true, force: true });
  return { files, read: paths.length, megabytes: bytes.reduce((a, b) => a + b, 0) / 1e6, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, filesPerSecond: files / seconds };
}

if (require.main === module) {
  const [files = '10000', jobs = '1', cache = 'none'] = process.argv.slice(2);
  const run = jobs === 'read' ? benchRead(Number(files)) : benchScan(Number(files), Number(jobs), cache === 'cache');
  void run.then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
