import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { callVariants } from '../../parsing/source/callVariants';

/**
 * Items of a call whose arguments may be one of several values: each combination is
 * priced, and each item shows the highest figure with the range and the choices it rests
 * on, so a run-time choice reads as an upper bound rather than as unpriced.
 */
export function itemsOverVariants(call: CallSite, price: (call: CallSite) => CostItem[]): CostItem[] {
  const variants = callVariants(call);
  if (!variants) return price(call);
  const priced = variants.map((v) => ({ chose: v.chose, items: price(v.call) }));
  if (priced.length === 0 || priced.some((p) => p.items.length !== priced[0].items.length)) return price(call);
  return priced[0].items.map((_, i) => {
    const candidates = priced.map((p) => ({ item: p.items[i], chose: p.chose }));
    // The highest figure; among unpriced candidates, the one resting on fewest run-time values says most.
    const best = candidates.reduce((a, b) => (figure(b.item) > figure(a.item) || (figure(b.item) === figure(a.item) && runTime(b.chose) < runTime(a.chose)) ? b : a));
    const unknown = candidates.filter((c) => c !== best && c.item.unpricedReason).map((c) => notPriced(c.chose, c.item.unpricedReason ?? ''));
    const figures = candidates.map((c) => figure(c.item)).filter((f) => f >= 0);
    const skus = [...new Set(candidates.filter((c) => figure(c.item) >= 0).map((c) => c.item.sku ?? '?'))];
    const range = figures.length > 1 && Math.min(...figures) !== Math.max(...figures)
      ? [`one of ${figures.length} priced candidates (${skus.join(', ')}), from ${usd(Math.min(...figures))} to ${usd(Math.max(...figures))}${unit(best.item)}; the highest is shown`]
      : [];
    return { ...best.item, assumptions: [...best.item.assumptions, ...best.chose.map((c) => `chosen at run time: ${c}`), ...range, ...unknown] };
  });
}

/** Why a candidate has no figure, without repeating a reason its choice already states. */
function notPriced(chose: readonly string[], reason: string): string {
  return `not priced when ${chose.join(', ')}${chose.some((c) => c.startsWith(reason)) ? '' : `: ${reason}`}`;
}

/** How many of a candidate's choices are only known at run time (`x comes from ...` rather than `x = ...`). */
function runTime(chose: readonly string[]): number {
  return chose.filter((c) => !/^[\w ]+ = /.test(c)).length;
}

/** The item's headline figure, or -1 when it has none. */
function figure(item: CostItem): number {
  const e = item.estimate;
  return e.perRunUsd ?? e.monthlyUsd ?? e.perCallUsd ?? e.hourlyUsd ?? -1;
}

function unit(item: CostItem): string {
  const e = item.estimate;
  return e.perRunUsd !== null ? ' per run' : e.monthlyUsd !== null ? ' per month' : e.perCallUsd !== null ? ' per call' : ' per hour';
}

function usd(n: number): string {
  return `$${n < 1 ? n.toPrecision(2) : n.toFixed(2)}`;
}
