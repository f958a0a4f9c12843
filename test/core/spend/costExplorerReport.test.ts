import { strict as assert } from 'node:assert';
import { addDays } from '../../../src/core/spend/period';
import { CostExplorerBackend } from '../../../src/core/spend/remote/costExplorerBackend';
import { buildSpendReport, type SpendRequest } from '../../../src/core/spend/spendReport';
import { startServer, type Recorded } from './localServer';

const credentials = { accessKeyId: 'AKIDTESTLOCAL', secretAccessKey: 'test-secret' };
const NLP_MONITOR = 'arn:aws:ce::111122223333:anomalymonitor/nlp';
const SERVICE_MONITOR = 'arn:aws:ce::111122223333:anomalymonitor/services';

/** Cost Explorer's JSON 1.1 protocol with two monitors: one scoped to team nlp by the cost tag, one per service. */
function handler(req: Recorded) {
  const target = String(req.headers['x-amz-target'] ?? '').replace('AWSInsightsIndexService.', '');
  const input = JSON.parse(req.body || '{}') as { TimePeriod?: { Start: string; End: string }; GroupBy?: unknown[] };
  const amount = (a: number) => ({ NetAmortizedCost: { Amount: a.toFixed(10), Unit: 'USD' } });
  switch (target) {
    case 'GetCostAndUsage': {
      const results = [];
      for (let day = input.TimePeriod?.Start ?? ''; day < (input.TimePeriod?.End ?? ''); day = addDays(day, 1)) {
        results.push(input.GroupBy
          ? { TimePeriod: { Start: day, End: addDays(day, 1) }, Total: {}, Groups: [{ Keys: ['team$nlp'], Metrics: amount(100) }, { Keys: ['team$vision'], Metrics: amount(50) }] }
          : { TimePeriod: { Start: day, End: addDays(day, 1) }, Total: amount(150), Groups: [] });
      }
      return { body: { ResultsByTime: results } };
    }
    case 'GetCostForecast':
      return { body: { Total: { Amount: '3000.0', Unit: 'USD' }, ForecastResultsByTime: [] } };
    case 'GetAnomalyMonitors':
      return {
        body: {
          AnomalyMonitors: [
            { MonitorArn: NLP_MONITOR, MonitorName: 'nlp', MonitorType: 'CUSTOM', MonitorSpecification: { Tags: { Key: 'team', Values: ['nlp'], MatchOptions: ['EQUALS'] } } },
            { MonitorArn: SERVICE_MONITOR, MonitorName: 'services', MonitorType: 'DIMENSIONAL', MonitorDimension: 'SERVICE' },
          ],
        },
      };
    case 'GetAnomalies': {
      const anomaly = (id: string, monitor: string, service: string, actual: number) => ({
        AnomalyId: id, AnomalyStartDate: '2026-03-10', DimensionValue: service, MonitorArn: monitor,
        RootCauses: [{ Service: service, Region: 'us-east-1' }], AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.9 },
        Impact: { MaxImpact: actual - 100, TotalActualSpend: actual, TotalExpectedSpend: 100 },
      });
      return { body: { Anomalies: [anomaly('a-1', NLP_MONITOR, 'Amazon SageMaker', 900), anomaly('a-2', SERVICE_MONITOR, 'Amazon Bedrock', 400)] } };
    }
    default:
      return { status: 400, headers: { 'x-amzn-errortype': 'UnknownOperationException' }, body: { __type: 'UnknownOperationException', message: target } };
  }
}

const REQUEST: SpendRequest = { period: '30d', groupBy: 'team', metric: 'effective', filters: {} };

describe('Cost Explorer through the panel report: the real SDK against a local server', () => {
  async function run(request: SpendRequest, refreshes = 1) {
    const server = await startServer(handler);
    const backend = new CostExplorerBackend({ endpoint: server.url, credentials });
    try {
      const perRefresh: string[][] = [];
      let report;
      for (let i = 0; i < refreshes; i++) {
        const before = server.requests.length;
        report = await buildSpendReport(backend, request, { budgets: [], today: '2026-03-20' });
        perRefresh.push(server.requests.slice(before).map((r) => String(r.headers['x-amz-target']).replace('AWSInsightsIndexService.', '')).sort());
      }
      return { report: report!, targets: perRefresh[0], perRefresh };
    } finally {
      backend.dispose();
      await server.close();
    }
  }

  it('puts the team of a team monitor in the team column, never a service', async () => {
    const { report } = await run(REQUEST);
    assert.deepEqual(report.anomalies.map((a) => [a.key, a.actual, a.cause]), [
      ['nlp', 900, 'Amazon SageMaker, us-east-1'],
      ['(not attributed)', 400, 'Amazon Bedrock, us-east-1'],
    ]);
  });

  it('honours a team filter: only anomalies known to be that team\'s', async () => {
    const { report } = await run({ ...REQUEST, filters: { team: ['nlp'] } });
    assert.deepEqual(report.anomalies.map((a) => a.key), ['nlp']);
    const vision = await run({ ...REQUEST, filters: { team: ['vision'] } });
    assert.deepEqual(vision.report.anomalies, []);
  });

  it('keys anomalies by service when the view groups by service', async () => {
    const { report } = await run({ ...REQUEST, groupBy: 'service' });
    assert.deepEqual(report.anomalies.map((a) => a.key).sort(), ['Amazon Bedrock', 'Amazon SageMaker']);
  });

  it('asks each paid question once per refresh: no anomalies for the previous period or the month, an ungrouped total for the previous period', async () => {
    const { perRefresh, report } = await run(REQUEST, 2);
    // View, previous period's total, month to date with its forecast, anomalies, and (once a session) the monitors they belong to.
    assert.deepEqual(perRefresh[0], ['GetAnomalies', 'GetAnomalyMonitors', 'GetCostAndUsage', 'GetCostAndUsage', 'GetCostAndUsage', 'GetCostForecast']);
    assert.deepEqual(perRefresh[1], ['GetAnomalies', 'GetCostAndUsage', 'GetCostAndUsage', 'GetCostAndUsage', 'GetCostForecast']);
    assert.equal(report.previous.total, 150 * 30);
    assert.equal(report.month.forecast.amount, 150 * 20 + 3000);
  });
});
