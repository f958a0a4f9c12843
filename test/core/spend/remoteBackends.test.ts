import { strict as assert } from 'node:assert';
import { addDays } from '../../../src/core/spend/period';
import { CostExplorerBackend } from '../../../src/core/spend/remote/costExplorerBackend';
import { HttpBackend } from '../../../src/core/spend/remote/httpBackend';
import { OpenCostBackend } from '../../../src/core/spend/remote/openCostBackend';
import { buildSpendReport } from '../../../src/core/spend/spendReport';
import { SpendSourceError, type SpendQuery } from '../../../src/core/spend/types';
import { deadUrl, startServer, type Recorded } from './localServer';

function query(over: Partial<SpendQuery> = {}): SpendQuery {
  return { from: '2026-03-01', to: '2026-03-03', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {}, ...over };
}

function allocation(name: string, day: string, totalCost: number, gpuCost = 0, gpuHours = 0) {
  const window = { start: `${day}T00:00:00Z`, end: `${addDays(day, 1)}T00:00:00Z` };
  return {
    name, properties: { cluster: 'ml-cluster' }, window, start: window.start, end: window.end, minutes: 1440,
    cpuCores: 4, cpuCost: totalCost - gpuCost, gpuCount: gpuHours / 24, gpuHours, gpuCost, ramCost: 0, pvCost: 0, networkCost: 0,
    loadBalancerCost: 0, sharedCost: 0, externalCost: 0, totalCost, totalEfficiency: 0.5,
  };
}

/** Answers /allocation like OpenCost: one set per day of the window, keyed by aggregate value. */
function openCostHandler(req: Recorded) {
  if (req.url.pathname !== '/allocation') return { status: 404, body: { code: 404, message: 'not found' } };
  const [start, end] = (req.url.searchParams.get('window') ?? '').split(',').map((s) => s.slice(0, 10));
  const data: Record<string, unknown>[] = [];
  for (let d = start; d < end; d = addDays(d, 1)) {
    data.push({
      nlp: allocation('nlp', d, 100, 80, 24),
      'team=vision': allocation('team=vision', d, 50),
      __unallocated__: allocation('__unallocated__', d, 5),
      __idle__: allocation('__idle__', d, 20),
    });
  }
  return { body: { code: 200, data } };
}

describe('OpenCost backend against a local Allocation API', () => {
  it('asks for daily sets over the window and maps names, unallocated, idle and GPU cost', async () => {
    const server = await startServer(openCostHandler);
    try {
      const b = new OpenCostBackend({ url: server.url });
      const r = await b.query(query({ filters: { team: ['nlp'] } }));
      const params = server.requests[0].url.searchParams;
      assert.equal(params.get('window'), '2026-03-01T00:00:00Z,2026-03-04T00:00:00Z');
      assert.equal(params.get('aggregate'), 'label:team');
      assert.equal(params.get('step'), '1d');
      assert.equal(params.get('accumulate'), 'false');
      assert.equal(params.get('filter'), 'label[team]:"nlp"');
      assert.deepEqual(r.groups, [{ key: 'nlp', cost: 300 }, { key: 'vision', cost: 150 }, { key: '(idle)', cost: 60 }, { key: '(untagged)', cost: 15 }]);
      assert.equal(r.series.filter((p) => p.key === 'nlp').length, 3);
      assert.equal(r.untaggedCost, 15);
      assert.deepEqual(r.usage, [{ unit: 'GPU-hours', quantity: 72, cost: 240 }]);
      assert.equal(r.resources?.[0].idleReason, 'node capacity no workload requested');
      const ns = await new OpenCostBackend({ url: server.url, teamAggregate: 'namespace' }).query(query());
      assert.ok(ns.groups.length > 0);
      assert.equal(server.requests[1].url.searchParams.get('aggregate'), 'namespace');
    } finally {
      await server.close();
    }
  });

  it('turns an HTTP error, a wrong shape and a dead server into SpendSourceError', async () => {
    const failing = await startServer(() => ({ status: 500, body: { code: 500, message: 'prometheus unreachable' } }));
    const wrong = await startServer(() => ({ body: { code: 200, data: 'nope' } }));
    try {
      await assert.rejects(new OpenCostBackend({ url: failing.url }).query(query()), (e: Error) => e instanceof SpendSourceError && /500: prometheus unreachable/.test(e.message));
      await assert.rejects(new OpenCostBackend({ url: wrong.url }).query(query()), /without a data list/);
      await assert.rejects(new OpenCostBackend({ url: await deadUrl() }).query(query()), /unreachable/);
    } finally {
      await failing.close();
      await wrong.close();
    }
  });

  it('feeds a whole report: month summary, run-rate forecast and local anomaly detection', async () => {
    const server = await startServer(openCostHandler);
    try {
      const r = await buildSpendReport(new OpenCostBackend({ url: server.url }), { period: 'mtd', groupBy: 'team', metric: 'effective', filters: {} }, { budgets: [{ dimension: 'team', key: 'nlp', monthly: 1000, thresholds: [0.5, 1] }], today: '2026-03-10' });
      assert.equal(r.month.actual, 175 * 10);
      assert.equal(r.month.forecast.amount, 175 * 31);
      assert.deepEqual(r.budgets.map((b) => [b.key, b.actual, b.crossed]), [['nlp', 1000, [0.5, 1]]]);
      // The budget KPI compares the budgeted team's spend, not the whole cluster's, with its budget.
      assert.deepEqual([r.month.budget, r.month.budgetedActual], [1000, 1000]);
      assert.deepEqual(r.anomalies, []);
      assert.equal(r.budgetsAreSample, false);
    } finally {
      await server.close();
    }
  });
});

/** Answers Cost Explorer's JSON 1.1 protocol: POST / with X-Amz-Target naming the operation. */
function costExplorerHandler(req: Recorded) {
  const target = String(req.headers['x-amz-target'] ?? '');
  const input = JSON.parse(req.body || '{}') as { NextPageToken?: string; TimePeriod?: { Start: string; End: string } };
  const amount = (a: number) => ({ NetAmortizedCost: { Amount: a.toFixed(10), Unit: 'USD' } });
  switch (target) {
    case 'AWSInsightsIndexService.GetCostAndUsage': {
      const page = input.NextPageToken === 'page-2' ? 1 : 0;
      const day = addDays(input.TimePeriod?.Start ?? '2026-03-01', page);
      return {
        body: {
          GroupDefinitions: [{ Type: 'TAG', Key: 'team' }],
          ResultsByTime: [{
            TimePeriod: { Start: day, End: addDays(day, 1) }, Estimated: false, Total: {},
            Groups: [{ Keys: ['team$nlp'], Metrics: amount(120.5) }, { Keys: ['team$'], Metrics: amount(9.5) }],
          }],
          DimensionValueAttributes: [],
          ...(page === 0 ? { NextPageToken: 'page-2' } : {}),
        },
      };
    }
    case 'AWSInsightsIndexService.GetCostForecast':
      return { body: { Total: { Amount: '2100.0', Unit: 'USD' }, ForecastResultsByTime: [{ TimePeriod: input.TimePeriod, MeanValue: '2100.0', PredictionIntervalLowerBound: '1900.0', PredictionIntervalUpperBound: '2300.0' }] } };
    case 'AWSInsightsIndexService.GetAnomalies':
      return {
        body: {
          Anomalies: [{
            AnomalyId: 'a-1', AnomalyStartDate: '2026-03-02', AnomalyEndDate: '2026-03-02', DimensionValue: 'Amazon SageMaker',
            RootCauses: [{ Service: 'Amazon SageMaker', Region: 'us-east-1', LinkedAccount: '111122223333', UsageType: 'USE1-Host:ml.g5.2xlarge' }],
            AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.8 }, Impact: { MaxImpact: 300, TotalImpact: 300, TotalActualSpend: 420, TotalExpectedSpend: 120 },
            MonitorArn: 'arn:aws:ce::111122223333:anomalymonitor/m',
          }],
        },
      };
    case 'AWSInsightsIndexService.GetAnomalyMonitors':
      return { body: { AnomalyMonitors: [] } };
    default:
      return { status: 400, headers: { 'x-amzn-errortype': 'UnknownOperationException' }, body: { __type: 'UnknownOperationException', message: target } };
  }
}

describe('AWS Cost Explorer backend: the real SDK against a local JSON 1.1 server', () => {
  const credentials = { accessKeyId: 'AKIDTESTLOCAL', secretAccessKey: 'test-secret' };

  it('pages GetCostAndUsage by tag, maps team$ keys, and adds GetCostForecast and GetAnomalies', async () => {
    const server = await startServer(costExplorerHandler);
    const b = new CostExplorerBackend({ endpoint: server.url, credentials, region: 'us-east-1' });
    try {
      const r = await b.query(query({ from: '2026-03-01', to: '2026-03-02', filters: { team: ['nlp'] } }));
      const first = server.requests[0];
      assert.equal(first.method, 'POST');
      assert.equal(first.headers['content-type'], 'application/x-amz-json-1.1');
      assert.match(String(first.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIDTESTLOCAL\/\d{8}\/us-east-1\/ce\/aws4_request/);
      const input = JSON.parse(first.body) as Record<string, unknown>;
      assert.deepEqual(input.TimePeriod, { Start: '2026-03-01', End: '2026-03-03' });
      assert.deepEqual(input.GroupBy, [{ Type: 'TAG', Key: 'team' }]);
      assert.deepEqual(input.Metrics, ['NetAmortizedCost']);
      assert.deepEqual(input.Filter, { Tags: { Key: 'team', Values: ['nlp'], MatchOptions: ['EQUALS'] } });
      assert.equal(JSON.parse(server.requests[1].body).NextPageToken, 'page-2');
      assert.deepEqual(r.groups, [{ key: 'nlp', cost: 241 }, { key: '(untagged)', cost: 19 }]);
      assert.deepEqual(r.series.map((p) => p.date), ['2026-03-01', '2026-03-01', '2026-03-02', '2026-03-02']);
      assert.equal(r.forecast?.amount, 260 + 2100);
      assert.equal(r.forecast?.lower, 260 + 1900);
      // A service monitor's anomaly has no team: it is not put in the team column, and a team filter leaves it out.
      assert.deepEqual(r.anomalies, []);
      const all = await b.query(query({ from: '2026-03-01', to: '2026-03-02' }));
      assert.deepEqual(all.anomalies?.map((a) => [a.date, a.key, a.actual, a.expected, a.cause]), [['2026-03-02', '(not attributed)', 420, 120, 'Amazon SageMaker, us-east-1, USE1-Host:ml.g5.2xlarge']]);
      assert.deepEqual(r.warnings, []);
    } finally {
      b.dispose();
      await server.close();
    }
  });

  it('reports an AWS error by name, and keeps spend when only anomalies are denied', async () => {
    const denied = await startServer((req) => {
      if (String(req.headers['x-amz-target']).endsWith('GetAnomalies')) {
        return { status: 400, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: { __type: 'AccessDeniedException', message: 'not allowed: ce:GetAnomalies' } };
      }
      return costExplorerHandler(req);
    });
    const broken = await startServer(() => ({ status: 400, headers: { 'x-amzn-errortype': 'DataUnavailableException' }, body: { __type: 'DataUnavailableException', message: 'Data is not available.' } }));
    try {
      const r = await new CostExplorerBackend({ endpoint: denied.url, credentials }).query(query({ from: '2026-03-01', to: '2026-03-01' }));
      assert.equal(r.anomalies, undefined);
      assert.match(r.warnings.join(), /AccessDeniedException/);
      await assert.rejects(
        new CostExplorerBackend({ endpoint: broken.url, credentials }).query(query()),
        (e: Error) => e instanceof SpendSourceError && /DataUnavailableException: Data is not available/.test(e.message),
      );
    } finally {
      await denied.close();
      await broken.close();
    }
  });
});

describe('http contract backend', () => {
  it('sends the query and the bearer token, reads series and optional parts, drops malformed entries', async () => {
    const server = await startServer((req) => {
      if (req.headers.authorization !== 'Bearer s3cret') return { status: 401, body: { error: 'bad token' } };
      return {
        body: {
          schemaVersion: 1, currency: 'EUR',
          series: [{ date: '2026-03-01', key: 'nlp', cost: 10 }, { date: '2026-03-02', key: 'nlp', cost: 5 }, { date: 'yesterday', key: 'x', cost: 1 }],
          resources: [{ id: 'ep-1', name: 'endpoint', cost: 15, idle: 'no invocations in 7 days', untagged: false }],
          usage: [{ unit: '1K requests', quantity: 30, cost: 15 }],
          forecast: { periodEnd: '2026-03-31', amount: 155 },
        },
      };
    });
    try {
      const r = await new HttpBackend({ url: `${server.url}/finops/`, token: 's3cret' }).query(query({ filters: { team: ['nlp', 'vision'] } }));
      const sent = server.requests[0].url;
      assert.equal(sent.pathname, '/finops/spend');
      assert.deepEqual(sent.searchParams.getAll('team'), ['nlp', 'vision']);
      assert.equal(sent.searchParams.get('groupBy'), 'team');
      assert.equal(r.currency, 'EUR');
      assert.deepEqual(r.groups, [{ key: 'nlp', cost: 15 }]);
      assert.equal(r.resources?.[0].idleReason, 'no invocations in 7 days');
      assert.equal(r.forecast?.amount, 155);
      assert.deepEqual(r.warnings, ['1 malformed series entries ignored']);
      await assert.rejects(new HttpBackend({ url: server.url, token: 'wrong' }).query(query()), (e: Error) => /401: bad token/.test(e.message) && !e.message.includes('wrong'));
    } finally {
      await server.close();
    }
  });

  it('rejects an answer that is not the contract', async () => {
    const server = await startServer(() => ({ body: { rows: [] } }));
    try {
      await assert.rejects(new HttpBackend({ url: server.url }).query(query()), /not schemaVersion 1/);
    } finally {
      await server.close();
    }
  });
});
