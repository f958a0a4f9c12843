import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledCatalog } from '../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../src/core/config/engineOptions';
import { CostEngine } from '../src/core/engine';
import { lensTitle } from '../src/core/format/costFormat';
import { nodeReader } from '../src/core/io/nodeReader';
import { terraformFile } from './generate';
import { median, percentile } from './stats';

const EDITS = 40;

/**
 * CPU time of the calling thread alone, in ms (Linux: the first field of its schedstat, in ns);
 * undefined elsewhere. Unlike `process.cpuUsage()` it leaves out V8's background threads
 * (optimising compiler, GC helpers), which on a machine with a free core run beside the edit.
 */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

interface Sample {
  wall: number;
  cpu: number;
  thread?: number;
}

/**
 * One document's lens computation: the engine's analysis plus the lens titles, as the provider
 * does it. Wall time, the process's CPU time (its own threads and GC, not the time other
 * processes hold the cores), which varies far less on a loaded machine, and the CPU time of
 * this thread alone.
 */
async function lenses(engine: CostEngine, file: string, text: string): Promise<Sample> {
  const started = performance.now();
  const thread = threadCpuMs();
  const cpu = process.cpuUsage();
  const { items } = await engine.analyze({ file, text, reader: nodeReader, options: DEFAULT_ENGINE_OPTIONS });
  items.map((i) => lensTitle(i));
  const used = process.cpuUsage(cpu);
  const threadAfter = threadCpuMs();
  const own = thread !== undefined && threadAfter !== undefined ? { thread: threadAfter - thread } : {};
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000, ...own };
}

/** Changes one character (a count digit) at a different place each time, like typing. */
function edit(text: string, n: number): string {
  const positions = [...text.matchAll(/count {9}= (\d)/g)].map((m) => (m.index ?? 0) + 16);
  const at = positions[n % positions.length];
  const digit = String(1 + ((Number(text[at]) + 1) % 4));
  return text.slice(0, at) + digit + text.slice(at + 1);
}

export interface LensFigures {
  first: number;
  median: number;
  p95: number;
  cpuMedian: number;
  cpuP95: number;
  /** This thread's CPU alone, where the platform tells it. */
  threadMedian?: number;
  threadP95?: number;
}

export async function benchTerraformLenses(lines: number): Promise<LensFigures> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-bench-'));
  const file = path.join(dir, 'main.tf');
  let text = terraformFile(lines);
  await fs.writeFile(file, text);
  const engine = new CostEngine(bundledCatalog());
  // Grammar loading is a once-per-process cost, measured separately from the first parse.
  await lenses(engine, path.join(dir, 'warmup.tf'), terraformFile(10));
  const first = (await lenses(engine, file, text)).wall;
  const samples: Sample[] = [];
  for (let i = 0; i < EDITS; i++) {
    text = edit(text, i);
    samples.push(await lenses(engine, file, text));
  }
  await fs.rm(dir, { recursive: true, force: true });
  const [wall, cpu] = [samples.map((s) => s.wall), samples.map((s) => s.cpu)];
  const thread = samples.flatMap((s) => (s.thread === undefined ? [] : [s.thread]));
  const own = thread.length === samples.length ? { threadMedian: median(thread), threadP95: percentile(thread, 95) } : {};
  return { first, median: median(wall), p95: percentile(wall, 95), cpuMedian: median(cpu), cpuP95: percentile(cpu, 95), ...own };
}

if (require.main === module) {
  const lines = Number(process.argv[2] ?? 1000);
  void benchTerraformLenses(lines).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
