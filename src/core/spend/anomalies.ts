import type { Anomaly, SeriesPoint } from './types';
import { addDays } from './period';
import { median, modifiedZScore } from './robustStats';

export const ANOMALY_METHOD = 'modified z-score (median/MAD) over the 14 previous days, above 3.5';

export interface AnomalyOptions {
  /** Days of history each day is compared with. */
  window: number;
  /** Modified z-score above which a day is unusual (3.5 is Iglewicz and Hoaglin's cut-off). */
  threshold: number;
  /** Days of history needed before a day can be judged. */
  minHistory: number;
  /** Ignore rises smaller than this, in currency units, however unusual (cents on a quiet group). */
  minIncrease: number;
}

export const DEFAULT_ANOMALY_OPTIONS: AnomalyOptions = { window: 14, threshold: 3.5, minHistory: 7, minIncrease: 10 };

/**
 * Flags days whose spend for a group rose far above that group's recent days. Only rises:
 * a spend drop is rarely what a FinOps reader is hunting. Days a group has no row count as 0.
 * Days from `from` to `to` are judged; `daily` may start earlier, at `historyFrom`, so the
 * first days of a short window have their baseline too.
 */
export function detectAnomalies(
  daily: readonly SeriesPoint[], from: string, to: string, opts: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS, historyFrom: string = from,
): Anomaly[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const p of daily) {
    const m = byKey.get(p.key) ?? new Map<string, number>();
    m.set(p.date, (m.get(p.date) ?? 0) + p.cost);
    byKey.set(p.key, m);
  }
  const found: Anomaly[] = [];
  for (const [key, costs] of byKey) {
    const first = [...costs.keys()].sort()[0];
    const judgedFrom = [from, addDays(historyFrom, opts.minHistory)].sort()[1];
    for (let date = judgedFrom; date <= to; date = addDays(date, 1)) {
      const baseline: number[] = [];
      for (let back = opts.window; back >= 1; back--) {
        const d = addDays(date, -back);
        if (d >= historyFrom && d >= first) baseline.push(costs.get(d) ?? 0);
      }
      if (baseline.length < opts.minHistory) continue;
      const actual = costs.get(date) ?? 0;
      const expected = median(baseline);
      const score = modifiedZScore(actual, baseline);
      if (score > opts.threshold && actual - expected >= opts.minIncrease) {
        found.push({ date, key, actual, expected, score: Number.isFinite(score) ? score : undefined, method: ANOMALY_METHOD });
      }
    }
  }
  return found.sort((a, b) => b.actual - b.expected - (a.actual - a.expected));
}
