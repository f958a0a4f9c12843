import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import { buildSpendReport, type SpendReport, type SpendRequest } from '../../../src/core/spend/spendReport';
import type { SpendBackend } from '../../../src/core/spend/types';
import { SpendSourceError } from '../../../src/core/spend/types';
import { AthenaEngine } from '../../../src/core/spend/warehouse/athenaEngine';
import { BigQueryEngine } from '../../../src/core/spend/warehouse/bigQueryEngine';
import { WarehouseBackend } from '../../../src/core/spend/warehouse/warehouseBackend';
import { ATHENA_CREDENTIALS, startAthenaServer, type AthenaServer } from './athenaServer';
import { BIGQUERY_TOKEN, startBigQueryServer, type BigQueryServer } from './bigQueryServer';
import { writeLayoutFixtures, type LayoutFixtures } from './layoutFixtures';

/** The fixtures' last day: every report is anchored on it. */
const AS_OF = '2026-08-31';

const REQUESTS: [string, SpendRequest][] = [
  ['by team, 30 days', { period: '30d', groupBy: 'team', metric: 'effective', filters: {} }],
  ['by a tag key spelled with a dash, billed', { period: 'custom', custom: { from: '2026-07-01', to: '2026-08-31' }, groupBy: 'tag:cost-center', metric: 'billed', filters: {} }],
  ['by service, monthly, list', { period: 'custom', custom: { from: '2026-07-01', to: '2026-08-31' }, groupBy: 'service', granularity: 'month', metric: 'list', filters: {} }],
  ['by account, one team', { period: '90d', groupBy: 'account', metric: 'effective', filters: { team: ['nlp'] } }],
  ['by region, 7 days', { period: '7d', groupBy: 'region', metric: 'effective', filters: {} }],
  ['by charge category', { period: '30d', groupBy: 'chargeCategory', metric: 'billed', filters: {} }],
];

/** The figures the panel and the CLI show: everything but where they came from. */
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
  };
}

async function report(backend: SpendBackend, req: SpendRequest): Promise<SpendReport> {
  return buildSpendReport(backend, req, { budgets: [], today: AS_OF });
}

describe('warehouse tables in their provider\'s own layout give the FOCUS figures of the same charges', function () {
  this.timeout(180_000);
  let files: LayoutFixtures;
  let awsFocus: FocusBackend;
  let gcpFocus: FocusBackend;
  let athena: AthenaServer;
  let bigquery: BigQueryServer;

  before(async () => {
    files = writeLayoutFixtures();
    awsFocus = new FocusBackend({ path: files.awsFocus });
    gcpFocus = new FocusBackend({ path: files.gcpFocus });
    athena = await startAthenaServer(files.cur2, 'cur', 'cur2', 'cur2');
    bigquery = await startBigQueryServer(files.billingExport, 'billing-proj', 'billing', 'gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9', 'billing-export');
  });
  after(async () => {
    await awsFocus?.dispose();
    await gcpFocus?.dispose();
    await athena?.close();
    await bigquery?.close();
    if (files) rmSync(files.dir, { recursive: true, force: true });
  });

  const cur2Backend = (layout: 'cur2' | 'focus' = 'cur2') => new WarehouseBackend(new AthenaEngine({
    table: 'cur.cur2', layout, workgroup: 'finops', maxBytesScanned: 10e9, endpoint: athena.url, credentials: ATHENA_CREDENTIALS, region: 'us-east-1', pollMs: { first: 5, max: 20 },
  }), { today: () => '2026-09-15' });
  const exportBackend = (layout: 'billing-export' | 'focus' = 'billing-export') => new WarehouseBackend(new BigQueryEngine({
    table: 'billing-proj.billing.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9', layout, maxBytesScanned: 10e9, endpoint: bigquery.url, accessToken: BIGQUERY_TOKEN,
  }), { today: () => '2026-09-15' });

  for (const [name, req] of REQUESTS) {
    it(`Athena on CUR 2.0 gives the FOCUS rows' figures (${name})`, async () => {
      const backend = cur2Backend();
      try {
        const [expected, actual] = [await report(awsFocus, req), await report(backend, req)];
        assert.ok(expected.total > 0);
        assert.deepEqual(figures(actual), figures(expected));
      } finally {
        backend.dispose();
      }
    });

    it(`BigQuery on the billing export gives the FOCUS rows' figures (${name})`, async () => {
      const backend = exportBackend();
      try {
        const [expected, actual] = [await report(gcpFocus, req), await report(backend, req)];
        assert.ok(expected.total > 0);
        assert.deepEqual(figures(actual), figures(expected));
      } finally {
        backend.dispose();
      }
    });
  }

  it('CUR 2.0: amortised Savings Plan cost, commitment use, unit costs, tags under user_ and the anomaly', async () => {
    const backend = cur2Backend();
    try {
      const r = await report(backend, { period: 'custom', custom: { from: '2026-08-01', to: '2026-08-31' }, groupBy: 'team', metric: 'effective', filters: {} });
      // 31 days of 168 used and 32 unused of a 200 commitment; all of it is usage but the unused part.
      assert.deepEqual(r.commitment && [r.commitment.used, r.commitment.unused, r.commitment.utilisation], [31 * 168, 31 * 32, 0.84]);
      assert.ok(r.usage.some((u) => u.unit === '1K tokens' && u.quantity > 0));
      assert.ok(r.groups.some((g) => g.key === 'vision') && r.groups.some((g) => g.key === 'nlp'));
      assert.ok(r.anomalies.some((a) => a.date === '2026-08-20' && a.key === 'nlp'), JSON.stringify(r.anomalies));
    } finally {
      backend.dispose();
    }
  });

  it('CUR 2.0: every statement keeps the billing-period partition condition and reads the mapped columns', async () => {
    const backend = cur2Backend();
    const from = athena.statements.length;
    try {
      await backend.query({ from: '2026-07-20', to: '2026-08-10', granularity: 'day', groupBy: 'tag:cost-center', metric: 'effective', filters: { team: ['NLP'] } });
    } finally {
      backend.dispose();
    }
    const sent = athena.statements.slice(from);
    assert.equal(sent.length, 3);
    for (const s of sent) {
      assert.match(s.sql, /"billing_period" BETWEEN '2026-07' AND '2026-08'/);
      assert.match(s.sql, /"ChargePeriodStart" >= TIMESTAMP '2026-07-20 00:00:00' AND "ChargePeriodStart" < TIMESTAMP '2026-08-11 00:00:00'/);
      assert.match(s.sql, /"line_item_usage_start_date" AS "ChargePeriodStart"/);
      assert.match(s.sql, /element_at\("product", 'product_name'\)/);
      assert.doesNotMatch(s.sql, /"product"\[/, 'a subscript fails on a missing key in Trino; element_at gives NULL');
      assert.deepEqual(s.params, ["'nlp'"]);
    }
  });

  it('BigQuery billing export: credits netted, partition bounded below, UNNEST for credits and labels, no commitment view', async () => {
    const backend = exportBackend();
    const from = bigquery.jobs.length;
    try {
      const r = await report(backend, { period: 'custom', custom: { from: '2026-08-01', to: '2026-08-31' }, groupBy: 'tag:cost-center', metric: 'billed', filters: {} });
      assert.equal(r.commitment, undefined);
      assert.ok(r.groups.some((g) => g.key === 'ml-research'));
      assert.ok(r.usage.some((u) => u.unit === 'requests' && u.quantity === 31 * 40_000));
    } finally {
      backend.dispose();
    }
    const sent = bigquery.jobs.slice(from).filter((j) => !j.dryRun);
    assert.ok(sent.length >= 3);
    for (const j of sent) {
      assert.match(j.sql, /`billing_partition_time` >= TIMESTAMP '20\d\d-\d\d-\d\d 00:00:00'/);
      assert.match(j.sql, /_PARTITIONTIME AS `billing_partition_time`/);
      assert.match(j.sql, /IFNULL\(\(SELECT SUM\(c\.amount\) FROM UNNEST\(`credits`\) AS c\), 0\)/);
      assert.match(j.sql, /FROM UNNEST\(`labels`\) AS l\)/);
    }
  });

  it('the late correction loaded days after its usage day is counted in July', async () => {
    const backend = exportBackend();
    try {
      const req: SpendRequest = { period: 'custom', custom: { from: '2026-07-31', to: '2026-07-31' }, groupBy: 'chargeCategory', metric: 'billed', filters: {} };
      const [expected, actual] = [await report(gcpFocus, req), await report(backend, req)];
      assert.ok(actual.groups.some((g) => g.key === 'Adjustment' && g.cost === -4), JSON.stringify(actual.groups));
      assert.deepEqual(figures(actual), figures(expected));
    } finally {
      backend.dispose();
    }
  });

  it('a layout that does not match the table is an error that names the one to set', async () => {
    const focusOnCur = cur2Backend('focus');
    const focusOnExport = exportBackend('focus');
    const q = { from: '2026-08-01', to: '2026-08-31', granularity: 'day' as const, groupBy: 'team' as const, metric: 'effective' as const, filters: {} };
    try {
      await assert.rejects(focusOnCur.query(q), (e: Error) => e instanceof SpendSourceError && /is not a FOCUS table: no ChargePeriodStart column \(its columns are CUR 2\.0's: set the layout to cur2\)/.test(e.message));
      await assert.rejects(focusOnExport.query(q), (e: Error) => e instanceof SpendSourceError && /set the layout to billing-export/.test(e.message));
    } finally {
      focusOnCur.dispose();
      focusOnExport.dispose();
    }
  });
});
