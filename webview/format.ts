import { unitCostOf } from '../src/core/spend/unitCost';
import type { UsageTotal } from '../src/core/spend/types';

export function money(x: number, currency: string, digits = 2): string {
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  const sign = x < 0 ? '-' : '';
  return `${sign}${symbol}${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function percent(ratio: number, digits = 0): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function signedPercent(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
}

/** Cost per unit of work, as the CLI prints it (core/spend/unitCost.ts). */
export function unitCost(u: UsageTotal, currency: string): string {
  const c = unitCostOf(u);
  return c ? `${money(c.price, currency, 4)} per ${c.label}` : '—';
}
