import { promises as fs } from 'node:fs';
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

/** One document's lens computation: the engine's analysis plus the lens titles, as the provider does it. */
async function lenses(engine: CostEngine, file: string, text: string): Promise<number> {
  const started = performance.now();
  const { items } = await engine.analyze({ file, text, reader: nodeReader, options: DEFAULT_ENGINE_OPTIONS });
  items.map((i) => lensTitle(i));
  return performance.now() - started;
}

/** Changes one character (a count digit) at a different place each time, like typing. */
function edit(text: string, n: number): string {
  const positions = [...text.matchAll(/count {9}= (\d)/g)].map((m) => (m.index ?? 0) + 16);
  const at = positions[n % positions.length];
  const digit = String(1 + ((Number(text[at]) + 1) % 4));
  return text.slice(0, at) + digit + text.slice(at + 1);
}

export async function benchTerraformLenses(lines: number): Promise<{ first: number; median: number; p95: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-bench-'));
  const file = path.join(dir, 'main.tf');
  let text = terraformFile(lines);
  await fs.writeFile(file, text);
  const engine = new CostEngine(bundledCatalog());
  // Grammar loading is a once-per-process cost, measured separately from the first parse.
  await lenses(engine, path.join(dir, 'warmup.tf'), terraformFile(10));
  const first = await lenses(engine, file, text);
  const samples: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    text = edit(text, i);
    samples.push(await lenses(engine, file, text));
  }
  await fs.rm(dir, { recursive: true, force: true });
  return { first, median: median(samples), p95: percentile(samples, 95) };
}

if (require.main === module) {
  const lines = Number(process.argv[2] ?? 1000);
  void benchTerraformLenses(lines).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
