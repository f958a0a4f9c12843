import { round } from '../estimate/instanceEstimate';
import type { CostItem } from '../model';
import { formatUsd } from './costFormat';

export interface CostTotals {
  monthlyUsd: number;
  perRunUsd: number;
  perCallUsd: number;
  priced: number;
  unpriced: number;
}

/** Sums each kind of figure apart: monthly bills, one run of each job, one call of each call site. */
export function totalsOf(items: readonly CostItem[]): CostTotals {
  const sum = (f: (i: CostItem) => number | null) => round(items.reduce((a, i) => a + (f(i) ?? 0), 0), 6);
  return {
    monthlyUsd: sum((i) => i.estimate.monthlyUsd),
    perRunUsd: sum((i) => i.estimate.perRunUsd),
    perCallUsd: sum((i) => i.estimate.perCallUsd),
    priced: items.filter((i) => !i.unpricedReason).length,
    unpriced: items.filter((i) => i.unpricedReason).length,
  };
}

/** `$1,106/mo · $226.13/run · 2 not priced`, leaving out figures that are zero. */
export function formatTotals(t: CostTotals): string {
  const parts = [
    t.monthlyUsd > 0 && `${formatUsd(t.monthlyUsd)}/mo`,
    t.perRunUsd > 0 && `${formatUsd(t.perRunUsd)}/run`,
    t.perCallUsd > 0 && `${formatUsd(t.perCallUsd)}/call`,
    t.unpriced > 0 && `${t.unpriced} not priced`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? parts.join(' · ') : 'no cost';
}
