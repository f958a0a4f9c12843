// Benchmark (not a test): one million FOCUS rows as Parquet, then the panel's queries on them.
// The rows are the bundled sample's 90 days repeated with distinct resource ids and 100
// teams, written by DuckDB with real Parquet types (timestamps, doubles, JSON tags as text).
// Usage: npm run compile-tests && node scripts/bench-spend.mjs [--rows N]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (p) => path.join(root, 'out', 'src', 'core', 'spend', p);
if (!fs.existsSync(out('spendReport.js'))) throw new Error('run `npm run compile-tests` first');
const { openDuckDb } = require(out('focus/duckdb.js'));
const { FocusBackend } = require(out('focus/focusBackend.js'));
const { buildSpendReport } = require(out('spendReport.js'));

const argRows = process.argv.indexOf('--rows');
const target = argRows > 0 ? Number(process.argv[argRows + 1]) : 1_000_000;
const sample = path.join(root, 'data', 'sample-spend.focus.csv.gz');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spend-'));
const parquet = path.join(dir, 'focus-1m.parquet');

/** Every step's wall and CPU milliseconds, printed as one JSON line with --json for `npm run bench`. */
const figures = {};

async function timed(label, fn) {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(cpu);
  // CPU time (all DuckDB threads of this process) is the figure that survives a busy machine.
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms wall ${cpuMs.toFixed(0).padStart(6)} ms CPU`);
  figures[label] = { wallMs: ms, cpuMs };
  return { result, ms };
}

async function generate() {
  const db = await openDuckDb();
  const [{ n }] = await db.all(`SELECT count(*)::INTEGER AS n FROM read_csv('${sample}')`);
  const copies = Math.ceil(target / n);
  await db.all(`COPY (
    SELECT * REPLACE (
      ResourceId || '-' || c AS ResourceId,
      ResourceName || '-' || c AS ResourceName,
      regexp_replace(Tags, '"team":"([^"]+)"', '"team":"\\1-' || (c % 25) || '"') AS Tags)
    FROM read_csv('${sample}') CROSS JOIN range(${copies}) r(c)
    LIMIT ${target}) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`);
  const [{ rows }] = await db.all(`SELECT count(*)::INTEGER AS rows FROM read_parquet('${parquet}')`);
  await db.close();
  return rows;
}

async function main() {
  const { result: rows } = await timed(`generate ${target.toLocaleString('en-US')} rows as Parquet`, generate);
  console.log(`  ${rows.toLocaleString('en-US')} rows, ${(fs.statSync(parquet).size / 1e6).toFixed(1)} MB`);
  const backend = new FocusBackend({ path: parquet });
  const request = { period: '30d', groupBy: 'team', metric: 'effective', filters: {} };
  const options = { budgets: [], today: '2026-11-25' };
  const cold = await timed('panel report, cold (read Parquet + normalise + 3 queries)', () => buildSpendReport(backend, request, options));
  const warm = await timed('panel report, warm (team, 30 days)', () => buildSpendReport(backend, request, options));
  await timed('panel report, warm (group by service, 90 days)', () => buildSpendReport(backend, { ...request, groupBy: 'service', period: '90d' }, options));
  await timed('panel report, warm (one team filtered)', () => buildSpendReport(backend, { ...request, filters: { team: ['nlp-3'] } }, options));
  await backend.dispose();
  await timed('CLI end to end: ai-finops spend --path P --format json', async () =>
    execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'spend', '--path', parquet, '--to', '2026-11-25', '--format', 'json'], { stdio: ['ignore', 'ignore', 'inherit'] }));
  console.log(`  groups in the 30-day report: ${cold.result.groups.length}, total ${cold.result.total.toFixed(2)} (warm run agrees: ${warm.result.total.toFixed(2)})`);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
  fs.rmSync(dir, { recursive: true, force: true });
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, figures }));
}

main().catch((e) => {
  console.error(e);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
