import type { BudgetSpec } from '../config/sections/budgets';

export interface BudgetStatus {
  dimension: BudgetSpec['dimension'];
  key: string;
  /** `YYYY-MM` the status is for. */
  month: string;
  budget: number;
  actual: number;
  forecast: number;
  /** actual / budget. */
  shareUsed: number;
  /** The thresholds the actual spend has reached, ascending. */
  crossed: number[];
}

/** Budget lines against month-to-date spend and the month-end forecast per group. */
export function budgetStatuses(
  budgets: readonly BudgetSpec[],
  month: string,
  actualBy: (dimension: BudgetSpec['dimension'], key: string) => number,
  forecastBy: (dimension: BudgetSpec['dimension'], key: string) => number,
): BudgetStatus[] {
  return budgets.map((b) => {
    const actual = actualBy(b.dimension, b.key);
    const shareUsed = actual / b.monthly;
    return {
      dimension: b.dimension,
      key: b.key,
      month,
      budget: b.monthly,
      actual,
      forecast: forecastBy(b.dimension, b.key),
      shareUsed,
      crossed: b.thresholds.filter((t) => shareUsed >= t),
    };
  });
}

/** A stable id for "this budget crossed this threshold this month", to notify once. */
export function thresholdNoticeKey(s: BudgetStatus, threshold: number): string {
  return `aiFinops.budget.${s.dimension}.${s.key}.${s.month}.${threshold}`;
}

/** Thresholds crossed that have not been announced yet (the highest first, so one notice says the most). */
export function newCrossings(statuses: readonly BudgetStatus[], announced: (key: string) => boolean): { status: BudgetStatus; threshold: number }[] {
  const out: { status: BudgetStatus; threshold: number }[] = [];
  for (const s of statuses) {
    const fresh = s.crossed.filter((t) => !announced(thresholdNoticeKey(s, t)));
    if (fresh.length) out.push({ status: s, threshold: Math.max(...fresh) });
  }
  return out;
}

/** Budgets shown with the bundled sample, so the burn chart has a line before anyone configures one. */
export const SAMPLE_BUDGETS: BudgetSpec[] = [
  { dimension: 'team', key: 'nlp', monthly: 22000, thresholds: [0.8, 1] },
  { dimension: 'team', key: 'vision', monthly: 6500, thresholds: [0.8, 1] },
  { dimension: 'team', key: 'recsys', monthly: 4000, thresholds: [0.8, 1] },
  { dimension: 'team', key: 'platform', monthly: 3000, thresholds: [0.8, 1] },
];
