import type { UsageTotal } from './types';

/** A cost per unit of work, in the quantity FinOps reports use for that unit. */
export interface UnitCost {
  /** How many units the price is for: 1,000 for tokens and characters, 1 otherwise. */
  per: number;
  /** The unit as a reader says it: "1K tokens", "request", "GPU-hour". */
  label: string;
  price: number;
}

const PER_THOUSAND = /token|character/i;
const GPU_HOURS = /gpu.?hour/i;

/**
 * Per 1K tokens (or characters), per request, per GPU-hour, per GB...: FOCUS's
 * ConsumedUnit names the unit, ConsumedQuantity and the cost give the price. Exports
 * that already count in thousands ("1K Tokens") are priced per that unit.
 */
export function unitCostOf(u: UsageTotal): UnitCost | undefined {
  if (!(u.quantity > 0)) return undefined;
  const unit = u.unit.trim();
  const thousands = PER_THOUSAND.test(unit) && !/^1\s*k\b/i.test(unit);
  const per = thousands ? 1000 : 1;
  const singular = unit.replace(/s$/i, '');
  const label = thousands ? `1K ${unit.toLowerCase()}` : GPU_HOURS.test(unit) ? 'GPU-hour' : singular.toLowerCase().startsWith('1k') ? singular : singular.toLowerCase();
  return { per, label, price: (u.cost / u.quantity) * per };
}
