import { bundledCatalog } from '../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS } from '../src/core/config/engineOptions';
import { CostEngine } from '../src/core/engine';
import { lensTitle } from '../src/core/format/costFormat';
import { nodeReader } from '../src/core/io/nodeReader';
import { notebookCells, pythonFile } from './generateMl';
import { median, percentile } from './stats';

const EDITS = 40;

export interface LensFigures {
  first: number;
  median: number;
  p95: number;
  items: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

/** Changes one digit of a `max_tokens=` or `instance_count=` at a different place each time. */
function edit(text: string, n: number): string {
  const positions = [...text.matchAll(/(?:max_tokens|instance_count)=(\d)/g)].map((m) => (m.index ?? 0) + m[0].length - 1);
  const at = positions[(n * 7) % positions.length];
  const digit = String(1 + ((Number(text[at]) + 1) % 8));
  return text.slice(0, at) + digit + text.slice(at + 1);
}

async function figures(run: (n: number) => Promise<number>): Promise<LensFigures> {
  const [first, items] = await timed(() => run(-1));
  const samples: number[] = [];
  for (let i = 0; i < EDITS; i++) samples.push((await timed(() => run(i)))[0]);
  return { first, median: median(samples), p95: percentile(samples, 95), items };
}

/** A Python file's lenses, first and after one-character edits. */
export async function benchPython(lines: number): Promise<LensFigures> {
  const engine = new CostEngine(bundledCatalog());
  const analyze = async (text: string) => {
    const { items } = await engine.analyze({ file: '/bench/app.py', text, reader: nodeReader, options: DEFAULT_ENGINE_OPTIONS });
    items.map((i) => lensTitle(i));
    return items.length;
  };
  await analyze(pythonFile(30)); // grammar loading is a once-per-process cost
  let text = pythonFile(lines);
  return figures(async (n) => {
    if (n >= 0) text = edit(text, n);
    return analyze(text);
  });
}

/** A notebook's lenses: every cell's items, as the editor computes them, first and after an edit in one cell. */
export async function benchNotebook(cellCount: number): Promise<LensFigures> {
  const engine = new CostEngine(bundledCatalog());
  const cells = notebookCells(cellCount);
  const analyze = async () => {
    const { items } = await engine.analyzeCells({ file: '/bench/analysis.ipynb', reader: nodeReader, options: DEFAULT_ENGINE_OPTIONS }, cells);
    items.map((i) => lensTitle(i));
    return items.length;
  };
  await engine.analyzeCells({ file: '/bench/warmup.ipynb', reader: nodeReader, options: DEFAULT_ENGINE_OPTIONS }, notebookCells(3));
  const codeCells = cells.map((c, i) => (c.kind === 'code' && /=\d/.test(c.source) ? i : -1)).filter((i) => i >= 0);
  return figures(async (n) => {
    if (n >= 0) {
      const at = codeCells[(n * 13) % codeCells.length];
      cells[at] = { ...cells[at], source: edit(cells[at].source, 0) };
    }
    return analyze();
  });
}

if (require.main === module) {
  const [kind, size] = [process.argv[2] ?? 'python', Number(process.argv[3] ?? 2000)];
  void (kind === 'notebook' ? benchNotebook(size) : benchPython(size)).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
