import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './stats';

const repo = path.resolve(__dirname, '..', '..');
const cli = path.join(repo, 'dist', 'cli.js');
const RUNS = 15;

/** Wall time of one process from spawn to exit; throws when it fails, so a broken build is not timed. */
function timed(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return elapsed;
}

/**
 * The built CLI's start against bare Node's (`node -e 0`, the floor): `--version`, and `scan`
 * of a one-file folder without the cache and with it warm. The variants take turns, run after
 * run, so a change in the machine's load colours them all alike.
 */
export async function benchCliStart() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-bench-cli-'));
  const tiny = path.join(tmp, 'tiny');
  await fs.mkdir(tiny);
  await fs.writeFile(path.join(tiny, 'main.tf'), 'resource "aws_instance" "a" {\n  instance_type = "g5.xlarge"\n}\n');
  const cacheDir = path.join(tmp, 'cache');
  const variants: Record<string, string[]> = {
    node: ['-e', '0'],
    version: [cli, '--version'],
    scan: [cli, 'scan', tiny, '--no-cache'],
    scanCached: [cli, 'scan', tiny, '--cache-dir', cacheDir],
  };
  timed(variants.scanCached); // fills the cache
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(variants)) samples[name].push(timed(args));
  await fs.rm(tmp, { recursive: true, force: true });
  const figures = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs) });
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, figures(xs)]));
}

if (require.main === module) {
  void benchCliStart().then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
