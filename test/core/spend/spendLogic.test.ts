import { strict as assert } from 'node:assert';
import { detectAnomalies } from '../../../src/core/spend/anomalies';
import { budgetStatuses, newCrossings, thresholdNoticeKey } from '../../../src/core/spend/budgetStatus';
import { runRateForecast } from '../../../src/core/spend/forecast';
import { previousRange, resolvePeriod } from '../../../src/core/spend/period';
import { mad, median, modifiedZScore } from '../../../src/core/spend/robustStats';
import { addDays } from '../../../src/core/spend/period';
import type { SeriesPoint } from '../../../src/core/spend/types';

function days(from: string, costs: number[], key = 'nlp'): SeriesPoint[] {
  return costs.map((cost, i) => ({ date: addDays(from, i), key, cost }));
}

describe('spend periods', () => {
  it('anchors presets on a day, inclusive, and finds the previous period of the same length', () => {
    assert.deepEqual(resolvePeriod('7d', '2026-03-10'), { from: '2026-03-04', to: '2026-03-10' });
    assert.deepEqual(resolvePeriod('mtd', '2026-03-10'), { from: '2026-03-01', to: '2026-03-10' });
    assert.deepEqual(resolvePeriod('90d', '2026-03-31').from, '2026-01-01');
    assert.deepEqual(previousRange({ from: '2026-03-01', to: '2026-03-10' }), { from: '2026-02-19', to: '2026-02-28' });
  });
});

describe('robust statistics', () => {
  it('computes median, MAD and the modified z-score, with the mean-deviation fallback when MAD is 0', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(mad([1, 2, 3, 4, 100]), 1);
    assert.ok(Math.abs(modifiedZScore(100, [1, 2, 3, 4, 5]) - (0.6745 * 97) / 1) < 1e-9);
    // Six equal days and one other: MAD is 0, the fallback still scores.
    const z = modifiedZScore(50, [10, 10, 10, 10, 10, 10, 12]);
    assert.ok(Number.isFinite(z) && z > 3.5, String(z));
    assert.equal(modifiedZScore(10, [10, 10, 10]), 0);
  });
});

describe('anomaly detection (modified z-score over 14 days)', () => {
  it('flags a spike against a noisy baseline and names expected, actual and method', () => {
    const costs = [100, 104, 97, 101, 99, 103, 98, 102, 100, 96, 105, 101, 99, 100, 400, 101, 99];
    const found = detectAnomalies(days('2026-03-01', costs), '2026-03-01', '2026-03-17');
    assert.equal(found.length, 1);
    assert.equal(found[0].date, '2026-03-15');
    assert.equal(found[0].actual, 400);
    assert.equal(found[0].expected, 100);
    assert.match(found[0].method, /modified z-score/);
  });

  it('ignores drops, small absolute rises and days without enough history', () => {
    const drop = [100, 101, 99, 100, 102, 98, 100, 101, 5];
    assert.deepEqual(detectAnomalies(days('2026-03-01', drop), '2026-03-01', '2026-03-09'), []);
    const cents = [0.1, 0.1, 0.11, 0.1, 0.1, 0.09, 0.1, 0.1, 3];
    assert.deepEqual(detectAnomalies(days('2026-03-01', cents), '2026-03-01', '2026-03-09'), []);
    const early = [100, 900, 100];
    assert.deepEqual(detectAnomalies(days('2026-03-01', early), '2026-03-01', '2026-03-03'), []);
  });

  it('judges each group on its own history', () => {
    const series = [...days('2026-03-01', Array(10).fill(1000), 'big'), ...days('2026-03-01', [...Array(9).fill(20), 200], 'small')];
    const found = detectAnomalies(series, '2026-03-01', '2026-03-10');
    assert.deepEqual(found.map((a) => a.key), ['small']);
  });
});

describe('run-rate forecast', () => {
  it('adds the median of the last 7 days for each day left in the month, so one spike does not inflate it', () => {
    const daily = new Map(days('2026-03-01', [10, 10, 10, 10, 10, 10, 10, 10, 500, 10]).map((p) => [p.date, p.cost]));
    const f = runRateForecast(daily, '2026-03-10');
    assert.equal(f.periodEnd, '2026-03-31');
    assert.equal(f.amount, 590 + 10 * 21);
    assert.equal(runRateForecast(daily, '2026-03-31').amount, 590);
  });
});

describe('budget status', () => {
  it('reports share used and crossed thresholds, and announces each crossing once per month', () => {
    const statuses = budgetStatuses(
      [{ dimension: 'team', key: 'nlp', monthly: 1000, thresholds: [0.5, 0.8, 1] }, { dimension: 'team', key: 'vision', monthly: 1000, thresholds: [0.8] }],
      '2026-03',
      (_d, key) => (key === 'nlp' ? 850 : 100),
      () => 2000,
    );
    assert.deepEqual(statuses[0].crossed, [0.5, 0.8]);
    assert.equal(statuses[0].shareUsed, 0.85);
    assert.deepEqual(statuses[1].crossed, []);
    const announced = new Set<string>();
    const first = newCrossings(statuses, (k) => announced.has(k));
    assert.deepEqual(first.map((c) => [c.status.key, c.threshold]), [['nlp', 0.8]]);
    for (const t of statuses[0].crossed) announced.add(thresholdNoticeKey(statuses[0], t));
    assert.deepEqual(newCrossings(statuses, (k) => announced.has(k)), []);
    assert.notEqual(thresholdNoticeKey({ ...statuses[0], month: '2026-04' }, 0.8), thresholdNoticeKey(statuses[0], 0.8));
  });
});
