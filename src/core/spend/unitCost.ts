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
/** A unit that already counts in thousands or millions: "1K Tokens", "1M tokens", "1K requests". */
const COUNTED = /^1\s*([km])\s+(.+)$/i;

/**
 * Per 1K tokens (or characters), per request, per GPU-hour, per GB...: FOCUS's
 * ConsumedUnit names the unit, ConsumedQuantity and the cost give the price. Exports
 * that already count in thousands ("1K Tokens") are priced per that unit.
 */
export function unitCostOf(u: UsageTotal): UnitCost | undefined {
  if (!(u.quantity > 0)) return undefined;
  const unit = u.unit.trim();
  const thousands = PER_THOUSAND.test(unit) && !COUNTED.test(unit);
  const per = thousands ? 1000 : 1;
  return { per, label: unitLabel(unit, thousands), price: (u.cost / u.quantity) * per };
}

/** "1K tokens" for tokens counted singly or in thousands, "1M tokens", "GPU-hour", "GB" (an abbreviation keeps its case), "request". */
function unitLabel(unit: string, thousands: boolean): string {
  if (thousands) return `1K ${unit.toLowerCase()}`;
  const counted = COUNTED.exec(unit);
  if (counted) return `1${counted[1].toUpperCase()} ${counted[2].toLowerCase()}`;
  if (GPU_HOURS.test(unit)) return 'GPU-hour';
  const singular = unit.replace(/ies$/, 'y').replace(/(?<=[a-rt-z])s$/, '');
  return /[A-Z].*[A-Z]/.test(singular) ? singular : singular.toLowerCase();
}
