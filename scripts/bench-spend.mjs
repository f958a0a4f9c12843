// Benchmark (not a test): ten million FOCUS rows as Parquet, the FOCUS backend's queries on
// them beside raw DuckDB running the same aggregate, each in a process of its own so its peak
// RSS is its own. The rows are written by DuckDB itself (no JS loop): one year of days,
// 40 teams in 1,560 tag sets (5% untagged), typed columns as AWS writes them, sorted by day
// so row groups carry tight ChargePeriodStart statistics.
// Usage: npm run compile-tests && node scripts/bench-spend.mjs [--rows N] [--json]
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

const DAYS = 365;
const LAST_DAY = '2026-11-25';
const QUERY = { from: '2026-10-27', to: LAST_DAY, granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };

/** The aggregate a user would write by hand for the panel's main chart: 30 days, spend per day and team. */
function rawSeriesSql(file) {
  return `SELECT strftime(CAST(ChargePeriodStart AS DATE), '%Y-%m-%d') AS date, coalesce(json_extract_string(Tags, '$.team'), '(untagged)') AS key,
  sum(EffectiveCost) AS cost
FROM read_parquet('${file}')
WHERE ChargePeriodStart >= TIMESTAMPTZ '${QUERY.from} 00:00:00+00' AND ChargePeriodStart < TIMESTAMPTZ '2026-11-26 00:00:00+00'
GROUP BY 1, 2 ORDER BY 1, 2`;
}

async function generate(file, rows) {
  const db = await openDuckDb();
  const perDay = Math.ceil(rows / DAYS);
  await db.all(`COPY (
    SELECT
      TIMESTAMPTZ '${LAST_DAY} 00:00:00+00' - to_days(${DAYS - 1}) + to_days(CAST(i // ${perDay} AS INTEGER)) AS ChargePeriodStart,
      ChargePeriodStart + to_days(1) AS ChargePeriodEnd,
      'USD' AS BillingCurrency,
      'Usage' AS ChargeCategory,
      (hash(i) % 100000) / 1000.0 AS EffectiveCost,
      EffectiveCost AS BilledCost,
      EffectiveCost * 1.1 AS ListCost,
      ['AWS', 'Google Cloud', 'Microsoft', 'OpenAI'][i % 4 + 1] AS ServiceProviderName,
      ['Amazon SageMaker', 'Amazon Bedrock', 'Amazon EC2', 'Vertex AI', 'Azure OpenAI', 'OpenAI API', 'Amazon S3', 'Compute Engine'][i % 8 + 1] AS ServiceName,
      'AI and Machine Learning' AS ServiceCategory,
      ['us-east-1', 'us-west-2', 'eu-west-1', 'europe-west4', 'eastus'][i % 5 + 1] AS RegionName,
      'account-' || (i % 10) AS SubAccountName,
      'res-' || (i % 50000) AS ResourceId,
      'resource-' || (i % 50000) AS ResourceName,
      ['Endpoint', 'Training Job', 'Instance', 'Model'][i % 4 + 1] AS ResourceType,
      ['Hours', 'Tokens', 'Requests', 'GPU-Hours'][i % 4 + 1] AS ConsumedUnit,
      (hash(i + 1) % 1000) + 1.0 AS ConsumedQuantity,
      CASE WHEN i % 20 = 0 THEN NULL ELSE
        '{"team":"team-' || (i % 40) || '","project":"p-' || (i % 13) || '","environment":"' || ['prod', 'dev', 'staging'][i % 3 + 1] || '"}' END AS Tags
    FROM range(${rows}) r(i)) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
  const [{ n }] = await db.all(`SELECT count(*)::BIGINT AS n FROM read_parquet('${file}')`);
  await db.close();
  return Number(n);
}

/** One measured step, run in this (child) process: wall and CPU time, and the process's peak RSS. */
async function child(mode, file) {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let detail;
  if (mode === 'raw') {
    const db = await openDuckDb();
    detail = (await db.all(rawSeriesSql(file))).length;
    await db.close();
  } else {
    const backend = new FocusBackend({ path: file });
    if (mode === 'series') detail = (await backend.series(QUERY)).length;
    else if (mode === 'query') detail = (await backend.query(QUERY)).series.length;
    else detail = (await buildSpendReport(backend, { period: '30d', groupBy: 'team', metric: 'effective', filters: {} }, { budgets: [], today: LAST_DAY })).series.length;
    await backend.dispose();
  }
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ wallMs: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (used.user + used.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, detail }));
}

function measure(mode, file) {
  const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], { encoding: 'utf8' });
  return JSON.parse(text.trim().split('\n').pop());
}

const STEPS = [
  ['raw', 'raw DuckDB: the series aggregate by hand (30 days, per day and team)'],
  ['series', 'FOCUS backend: the same series, cold (finds the file, reads its schema)'],
  ['query', 'FOCUS backend: the panel query (series, top resources, breakdown)'],
  ['report', 'panel report (query, previous period, month, history)'],
];

async function main() {
  const argRows = process.argv.indexOf('--rows');
  const target = argRows > 0 ? Number(process.argv[argRows + 1]) : 10_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spend-'));
  const file = path.join(dir, 'focus.parquet');
  try {
    const t = Date.now();
    const rows = await generate(file, target);
    console.log(`generated ${rows.toLocaleString('en-US')} rows as Parquet in ${((Date.now() - t) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
    const figures = {};
    for (const [mode, label] of STEPS) {
      const f = measure(mode, file);
      figures[mode] = f;
      console.log(`${label.padEnd(76)} ${f.wallMs.toFixed(0).padStart(6)} ms wall ${f.cpuMs.toFixed(0).padStart(6)} ms CPU ${f.peakRssMb.toFixed(0).padStart(5)} MB peak RSS`);
    }
    if (figures.series.detail !== figures.raw.detail) throw new Error(`the backend's series has ${figures.series.detail} points, raw DuckDB's ${figures.raw.detail}`);
    const ratio = figures.series.wallMs / figures.raw.wallMs;
    console.log(`series against raw DuckDB: ${ratio.toFixed(2)}× wall (target ≤ 2×), ${figures.series.peakRssMb.toFixed(0)} MB peak RSS (target < 400 MB)`);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
    if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, ratio, figures }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
(childAt > 0 ? child(process.argv[childAt + 1], process.argv[childAt + 2]) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
