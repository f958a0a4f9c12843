import { strict as assert } from 'node:assert';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import { readSummaryLine } from '../../../src/core/spend/readSummary';
import { sampleDataPath } from '../../../src/core/spend/sampleData';
import { buildSpendReport, type SpendReport, type SpendRequest } from '../../../src/core/spend/spendReport';
import type { SpendBackend } from '../../../src/core/spend/types';
import { SpendSourceError } from '../../../src/core/spend/types';
import { AthenaEngine, type AthenaOptions } from '../../../src/core/spend/warehouse/athenaEngine';
import { BigQueryEngine } from '../../../src/core/spend/warehouse/bigQueryEngine';
import { WarehouseBackend } from '../../../src/core/spend/warehouse/warehouseBackend';
import { ATHENA_CREDENTIALS, startAthenaServer, type AthenaServer } from './athenaServer';
import { BIGQUERY_TOKEN, startBigQueryServer, type BigQueryServer } from './bigQueryServer';

/** The bundled sample's last day: the report is anchored on it for every source alike. */
const AS_OF = '2026-08-31';

const REQUESTS: [string, SpendRequest][] = [
  ['by team, 30 days', { period: '30d', groupBy: 'team', metric: 'effective', filters: {} }],
  ['by a tag key, one team, billed', { period: '90d', groupBy: 'tag:project', metric: 'billed', filters: { team: ['nlp', 'vision'] } }],
  ['by service, monthly', { period: 'custom', custom: { from: '2026-06-01', to: '2026-08-31' }, groupBy: 'service', granularity: 'month', metric: 'list', filters: {} }],
];

/** The figures a face shows: everything but where they came from. */
function figures(r: SpendReport) {
  const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1e6) / 1e6);
  return {
    currency: r.currency,
    total: round(r.total),
    groups: r.groups.map((g) => [g.key, round(g.cost)]),
    series: r.series.map((p) => [p.date, p.key, round(p.cost)]).sort(),
    previous: round(r.previous.total),
    month: [round(r.month.actual), round(r.month.forecast.amount), r.month.daily.map((d) => round(d.cost))],
    resources: r.resources.map((x) => [x.id, x.team, round(x.cost), x.untagged, x.idleReason]),
    untagged: round(r.untaggedCost),
    usage: r.usage.map((u) => [u.unit, round(u.quantity), round(u.cost)]),
    commitment: r.commitment && Object.values(r.commitment).map(round),
    anomalies: r.anomalies.map((a) => [a.date, a.key, round(a.actual)]),
    otherCurrencies: r.otherCurrencies,
  };
}

async function report(backend: SpendBackend, req: SpendRequest): Promise<SpendReport> {
  return buildSpendReport(backend, req, { budgets: [], today: AS_OF });
}

describe('warehouse spend sources run the FOCUS queries on the warehouse', function () {
  this.timeout(120_000);
  const file = sampleDataPath(__dirname);
  let focus: FocusBackend;
  let athena: AthenaServer;
  let bigquery: BigQueryServer;

  before(async () => {
    focus = new FocusBackend({ path: file });
    athena = await startAthenaServer(file);
    bigquery = await startBigQueryServer(file, 'billing-proj', 'billing', 'focus_v1');
  });
  after(async () => {
    await focus.dispose();
    await athena.close();
    await bigquery.close();
  });

  const athenaOptions = (over: Partial<AthenaOptions> = {}): AthenaOptions => ({
    table: 'cur.focus', workgroup: 'finops', maxBytesScanned: 10e9, endpoint: athena.url, credentials: ATHENA_CREDENTIALS, region: 'us-east-1', pollMs: { first: 5, max: 20 }, ...over,
  });
  const athenaBackend = (over: Partial<AthenaOptions> = {}) => new WarehouseBackend(new AthenaEngine(athenaOptions(over)), { today: () => '2026-09-15' });
  const bigQueryBackend = (maxBytesScanned = 10e9) => new WarehouseBackend(new BigQueryEngine({ table: 'billing-proj.billing.focus_v1', maxBytesScanned, endpoint: bigquery.url, accessToken: BIGQUERY_TOKEN }), { today: () => '2026-09-15' });

  for (const [name, req] of REQUESTS) {
    it(`Athena gives the DuckDB focus source's figures (${name})`, async () => {
      const backend = athenaBackend();
      try {
        const [expected, actual] = [await report(focus, req), await report(backend, req)];
        assert.ok(expected.total > 0);
        assert.deepEqual(figures(actual), figures(expected));
      } finally {
        backend.dispose();
      }
      assert.equal(athena.badSignatures, 0);
    });

    it(`BigQuery gives the DuckDB focus source's figures (${name})`, async () => {
      const backend = bigQueryBackend();
      try {
        const [expected, actual] = [await report(focus, req), await report(backend, req)];
        assert.deepEqual(figures(actual), figures(expected));
      } finally {
        backend.dispose();
      }
    });
  }

  it('Athena reads only the billing periods of the range, binds filters as parameters, and runs in the named workgroup', async () => {
    const backend = athenaBackend();
    const from = athena.statements.length;
    try {
      await backend.query({ from: '2026-07-20', to: '2026-08-10', granularity: 'day', groupBy: 'team', metric: 'effective', filters: { team: ['NLP'] } });
    } finally {
      backend.dispose();
    }
    const sent = athena.statements.slice(from);
    assert.equal(sent.length, 3);
    for (const s of sent) {
      assert.match(s.sql, /"billing_period" BETWEEN '2026-07' AND '2026-08'/);
      assert.match(s.sql, /"chargeperiodstart" >= TIMESTAMP '2026-07-20 00:00:00' AND "chargeperiodstart" < TIMESTAMP '2026-08-11 00:00:00'/);
      assert.equal(s.workgroup, 'finops');
      assert.doesNotMatch(s.sql, /'nlp'/);
      assert.deepEqual(s.params, ["'nlp'"]);
    }
  });

  it('keeps the answers of a closed period and asks the warehouse again for the open month', async () => {
    const req: SpendRequest = { period: 'custom', custom: { from: '2026-08-01', to: '2026-08-31' }, groupBy: 'team', metric: 'effective', filters: {} };
    const closed = new WarehouseBackend(new AthenaEngine(athenaOptions()), { today: () => '2026-09-15' });
    const open = new WarehouseBackend(new AthenaEngine(athenaOptions()), { today: () => '2026-08-31' });
    try {
      const q = { from: '2026-08-01', to: '2026-08-31', granularity: 'day' as const, groupBy: 'team' as const, metric: 'effective' as const, filters: {} };
      const first = await closed.query(q);
      const before = athena.statements.length;
      const again = await closed.query(q);
      assert.equal(athena.statements.length, before, 'a closed period is not queried twice');
      assert.deepEqual(again.groups, first.groups);
      assert.match(again.files?.summary ?? '', /0 queries on Athena cur\.focus scanned 0 B; 3 answered from the closed-period cache/);
      assert.match(first.files?.summary ?? '', /3 queries on Athena cur\.focus scanned 4\.3 MiB/);
      // The panel's banner and the CLI say the table was queried, not that files were read.
      assert.equal(first.files?.what, 'table');
      assert.match(readSummaryLine(first.files!), /^Queried: 3 queries on Athena cur\.focus scanned 4\.3 MiB$/);
      await open.query(q);
      await open.query(q);
      assert.equal(athena.statements.length, before + 6, 'the open month is asked each time');
      await report(closed, req);
    } finally {
      closed.dispose();
      open.dispose();
    }
  });

  it('Athena stops a query that scans past the limit, and says so', async () => {
    athena.bytesPerStatement = 5e9;
    const backend = athenaBackend({ maxBytesScanned: 1e9 });
    try {
      await assert.rejects(
        backend.query({ from: '2026-08-01', to: '2026-08-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} }),
        (e: Error) => e instanceof SpendSourceError && /the query was stopped: it had scanned 4\.7 GiB, over the limit of 953\.7 MiB/.test(e.message),
      );
      assert.ok(athena.requests.some((r) => r.headers['x-amz-target'] === 'AmazonAthena.StopQueryExecution'));
    } finally {
      athena.bytesPerStatement = 1_500_000;
      backend.dispose();
    }
  });

  it('Athena reports a failed query with its reason, and a missing table by name', async () => {
    const missing = athenaBackend({ table: 'cur.nope' });
    try {
      await assert.rejects(missing.query({ from: '2026-08-01', to: '2026-08-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} }),
        (e: Error) => e instanceof SpendSourceError && /Athena cur\.nope: MetadataException: Table nope not found/.test(e.message));
    } finally {
      missing.dispose();
    }
    const engine = new AthenaEngine(athenaOptions());
    try {
      await assert.rejects(engine.run('SELECT no_such_column FROM "cur"."focus"', []), (e: Error) => e instanceof SpendSourceError && /the query failed: .*no_such_column/.test(e.message));
    } finally {
      engine.dispose();
    }
  });

  it('BigQuery dry-runs each statement, then runs it with maximumBytesBilled at the limit', async () => {
    const backend = bigQueryBackend(3e9);
    const from = bigquery.jobs.length;
    try {
      await backend.query({ from: '2026-08-01', to: '2026-08-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: { team: ['nlp'] } });
    } finally {
      backend.dispose();
    }
    const sent = bigquery.jobs.slice(from);
    assert.deepEqual(sent.map((j) => j.dryRun), [true, false, true, false, true, false]);
    for (const j of sent.filter((x) => !x.dryRun)) {
      assert.equal(j.maximumBytesBilled, '3000000000');
      assert.deepEqual(j.params, { p1: 'nlp' });
      assert.match(j.sql, /FROM `billing-proj\.billing\.focus_v1` WHERE `ChargePeriodStart` >= TIMESTAMP '2026-08-01 00:00:00'/);
      assert.match(j.sql, /IN \(@p1\)/);
    }
  });

  it('BigQuery refuses a query whose dry run scans past the limit, before running it', async () => {
    const backend = bigQueryBackend(1e6);
    const from = bigquery.jobs.length;
    try {
      await assert.rejects(
        backend.query({ from: '2026-08-01', to: '2026-08-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} }),
        (e: Error) => e instanceof SpendSourceError && /would scan 1\.9 MiB, over the limit of 976\.6 KiB .*nothing was run/.test(e.message),
      );
    } finally {
      backend.dispose();
    }
    assert.deepEqual(bigquery.jobs.slice(from).map((j) => j.dryRun), [true]);
  });
});
