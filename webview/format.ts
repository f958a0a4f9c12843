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

/** Cost per unit of work; request-like units are shown per 1,000, as FinOps reports do. */
export function unitCost(unit: string, quantity: number, cost: number, currency: string): string {
  if (quantity <= 0) return '—';
  const perThousand = /^(request|invocation|inference|call|image)s?$/i.test(unit.trim());
  return perThousand ? `${money((cost / quantity) * 1000, currency, 4)} per 1,000 ${unit}` : `${money(cost / quantity, currency, 4)} per ${unit}`;
}

export function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
