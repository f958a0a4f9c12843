import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import { addDays, eachDay } from '../../../src/core/spend/period';
import { buildSpendReport, type SpendRequest } from '../../../src/core/spend/spendReport';

/** A FOCUS CSV with one row per day and team; `cost(day, team)` gives each amount. */
function writeDaily(file: string, from: string, to: string, teams: string[], cost: (day: string, team: string) => number): void {
  const lines = ['ChargePeriodStart,EffectiveCost,BillingCurrency,Tags'];
  for (const day of eachDay({ from, to })) for (const team of teams) lines.push(`${day}T00:00:00Z,${cost(day, team)},USD,"{""team"":""${team}""}"`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const REQUEST: SpendRequest = { period: '7d', groupBy: 'team', metric: 'effective', filters: {} };

describe('spend report history beyond the view', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'spend-history-'));
    file = path.join(dir, 'export.csv');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function report(today: string, request: SpendRequest = REQUEST, budgets: { monthly: number }[] = []) {
    const b = new FocusBackend({ path: file });
    try {
      return await buildSpendReport(b, request, { today, budgets: budgets.map((x) => ({ dimension: 'team', key: 'nlp', monthly: x.monthly, thresholds: [1] })) });
    } finally {
      await b.dispose();
    }
  }

  it('forecasts the 2nd of a month from the trailing week, not month to date plus nothing', async () => {
    writeDaily(file, '2026-02-01', '2026-03-02', ['nlp'], () => 100);
    const r = await report('2026-03-02', REQUEST, [{ monthly: 5000 }]);
    assert.equal(r.month.actual, 200);
    // 200 so far + 100 a day for the 29 days left.
    assert.equal(r.month.forecast.amount, 3100);
    assert.equal(r.budgets[0].forecast, 3100);
  });

  it('finds an anomaly in a 7-day view from the days before it', async () => {
    writeDaily(file, '2026-02-10', '2026-03-09', ['nlp', 'vision'], (day, team) => (team === 'nlp' && day === '2026-03-08' ? 1000 : 100 + (day.charCodeAt(9) % 3)));
    const r = await report('2026-03-09');
    assert.equal(r.query.from, addDays('2026-03-09', -6));
    assert.deepEqual(r.anomalies.map((a) => [a.date, a.key]), [['2026-03-08', 'nlp']]);
    const monthly = await report('2026-03-09', { ...REQUEST, granularity: 'month' });
    assert.deepEqual(monthly.anomalies.map((a) => [a.date, a.key]), [['2026-03-08', 'nlp']], 'a monthly view is judged on daily history too');
  });
});
