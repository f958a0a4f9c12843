import { round } from '../estimate/instanceEstimate';
import type { CostItem, Estimate } from '../model';
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

/**
 * The unit an item is billed in, for a one-figure summary. A monthly figure wins (an LLM call
 * site with a stated call rate has one); a job has a run; a task with neither is billed by the
 * hour while it runs. Only monthly figures add up to a month: the others are never shown as /mo.
 */
export type CostBasis = 'monthly' | 'run' | 'call' | 'hourly' | 'unpriced';

const BASIS_ORDER: readonly CostBasis[] = ['monthly', 'run', 'hourly', 'call', 'unpriced'];
const UNIT: Record<Exclude<CostBasis, 'unpriced'>, string> = { monthly: '/mo', run: '/run', call: '/call', hourly: '/h' };

export function costBasis(item: CostItem): CostBasis {
  return estimateBasis(item.estimate, Boolean(item.unpricedReason));
}

/** `costBasis` for a bare estimate (e.g. a report row): an estimate with no figure is unpriced. */
export function estimateBasis(e: Estimate, unpriced = false): CostBasis {
  if (unpriced) return 'unpriced';
  if (e.monthlyUsd !== null) return 'monthly';
  if (e.perRunUsd !== null) return 'run';
  if (e.hourlyUsd !== null) return 'hourly';
  if (e.perCallUsd !== null) return 'call';
  return 'unpriced';
}

function figureOf(e: Estimate, basis: CostBasis): number {
  if (basis === 'monthly') return e.monthlyUsd ?? 0;
  if (basis === 'run') return e.perRunUsd ?? 0;
  if (basis === 'hourly') return e.hourlyUsd ?? 0;
  if (basis === 'call') return e.perCallUsd ?? 0;
  return 0;
}

/** `$1,106/mo`, `$226.13/run`, `$21.96/h`, `$0.006/call` or `not priced`: the item's own unit. */
export function itemCostText(item: CostItem): string {
  return estimateCostText(item.estimate, Boolean(item.unpricedReason));
}

export function estimateCostText(e: Estimate, unpriced = false): string {
  const basis = estimateBasis(e, unpriced);
  return basis === 'unpriced' ? 'not priced' : `${formatUsd(figureOf(e, basis))}${UNIT[basis]}`;
}

/**
 * Most expensive first within a unit; units in the order monthly, run, hourly, call, then the
 * unpriced. Figures in different units do not compare, so a unit never outranks another by amount.
 */
export function compareByCost(a: CostItem, b: CostItem): number {
  return compareEstimates(a.estimate, b.estimate, Boolean(a.unpricedReason), Boolean(b.unpricedReason));
}

export function compareEstimates(a: Estimate, b: Estimate, aUnpriced = false, bUnpriced = false): number {
  const ba = estimateBasis(a, aUnpriced);
  const bb = estimateBasis(b, bUnpriced);
  return BASIS_ORDER.indexOf(ba) - BASIS_ORDER.indexOf(bb) || figureOf(b, bb) - figureOf(a, ba);
}

export interface BasisTotal {
  usd: number;
  count: number;
}

/** Items summed by the unit they are billed in (`costBasis`), each item counted once. */
export type TotalsByBasis = Record<CostBasis, BasisTotal>;

export function totalsByBasis(items: readonly CostItem[]): TotalsByBasis {
  return estimateTotals(items.map((i) => ({ estimate: i.estimate, unpriced: Boolean(i.unpricedReason) })));
}

export function estimateTotals(rows: readonly { estimate: Estimate; unpriced: boolean }[]): TotalsByBasis {
  const out = Object.fromEntries(BASIS_ORDER.map((b) => [b, { usd: 0, count: 0 }])) as TotalsByBasis;
  for (const row of rows) {
    const basis = estimateBasis(row.estimate, row.unpriced);
    out[basis].usd += figureOf(row.estimate, basis);
    out[basis].count += 1;
  }
  for (const b of BASIS_ORDER) out[b].usd = round(out[b].usd, 6);
  return out;
}

/** `1 item`, `2 items`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the monthly total leaves out, each with its own unit: `2 runs $226.13/run`. */
function excludedParts(t: TotalsByBasis): string[] {
  return [
    t.run.count > 0 && `${plural(t.run.count, 'run')} ${formatUsd(t.run.usd)}/run`,
    t.hourly.count > 0 && `${plural(t.hourly.count, 'hourly job')} ${formatUsd(t.hourly.usd)}/h while running`,
    t.call.count > 0 && `${plural(t.call.count, 'call site')} ${formatUsd(t.call.usd)}/call`,
    t.unpriced.count > 0 && `${t.unpriced.count} not priced`,
  ].filter((p): p is string => typeof p === 'string');
}

/**
 * The sentence a total needs so it is not read as everything:
 * `$84,082/mo for 20 always-on items; not included: 4 runs $2,361/run, 1 not priced`.
 */
export function describeTotals(t: TotalsByBasis): string {
  const monthly = `${formatUsd(t.monthly.usd)}/mo for ${plural(t.monthly.count, 'always-on item')}`;
  const left = excludedParts(t);
  return left.length ? `${monthly}; not included: ${left.join(', ')}` : monthly;
}

/** A short form for tight places (status bar, tree groups): `$84,082/mo + 4 runs + 3 hourly`. */
export function shortTotals(t: TotalsByBasis): string {
  const parts = [
    (t.monthly.count > 0 || (t.run.count === 0 && t.hourly.count === 0 && t.call.count === 0)) && `${formatUsd(t.monthly.usd)}/mo`,
    t.run.count > 0 && `${formatUsd(t.run.usd)}/run`,
    t.hourly.count > 0 && `${formatUsd(t.hourly.usd)}/h`,
    t.call.count > 0 && `${formatUsd(t.call.usd)}/call`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.join(' + ');
}
