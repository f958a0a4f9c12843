import type { AcceleratorSummary, CostItem } from '../model';

/**
 * Created on first use: the first currency format loads ICU's locale data (about 30 ms),
 * which would otherwise be paid by every process that merely imports this module.
 */
let usd: { whole: Intl.NumberFormat; cents: Intl.NumberFormat; tiny: Intl.NumberFormat; fine: Intl.NumberFormat } | undefined;

function usdFormats(): NonNullable<typeof usd> {
  const currency = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', ...options });
  usd ??= {
    whole: currency({ maximumFractionDigits: 0 }),
    cents: currency({ minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    /** Per-call LLM costs can be fractions of a cent: two significant digits keep them readable. */
    tiny: currency({ maximumSignificantDigits: 2 }),
    fine: currency({ minimumFractionDigits: 2, maximumFractionDigits: 4 }),
  };
  return usd;
}

/** Lenses are retitled on every edit with mostly the same figures; `Intl` formatting is the slow part. */
const formatted = new Map<number, string>();
const FORMATTED_MAX = 4096;

/** Cents for small figures, whole dollars once they are large enough that cents are noise. */
export function formatUsd(value: number): string {
  // A Map holds -0 and 0 as one key, but they format differently.
  if (Object.is(value, -0)) return formatUsdNow(value);
  let text = formatted.get(value);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(value, (text = formatUsdNow(value)));
  }
  return text;
}

function formatUsdNow(value: number): string {
  const f = usdFormats();
  if (Math.abs(value) >= 1000) return f.whole.format(value);
  if (Math.abs(value) > 0 && Math.abs(value) < 0.0001) return f.tiny.format(value);
  if (Math.abs(value) > 0 && Math.abs(value) < 0.01) return f.fine.format(value);
  return f.cents.format(value);
}

/** `A100-40GB` reads as `A100 40GB`; counts are totals across the item's instances. */
export function formatAccelerators(acc: AcceleratorSummary): string {
  return `${trimNumber(acc.count)}× ${acc.name.replace(/-/g, ' ')}`;
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/**
 * `$43.92/h · $32,058/mo · 2× p4d.24xlarge (16× A100 40GB) · on-demand us-east-1`;
 * `compact` keeps only the figures.
 */
export function lensTitle(item: CostItem, verbosity: 'full' | 'compact' = 'full'): string {
  const what = subject(item);
  if (item.unpricedReason) return `$ not priced · ${what} · ${item.unpricedReason}`;
  const parts: string[] = [];
  const e = item.estimate;
  if (e.hourlyUsd !== null) parts.push(`${formatUsd(e.hourlyUsd)}/h`);
  if (e.monthlyUsd !== null) parts.push(`${formatUsd(e.monthlyUsd)}/mo`);
  if (e.perRunUsd !== null) parts.push(`${formatUsd(e.perRunUsd)}/run`);
  if (e.perCallUsd !== null) parts.push(`${formatUsd(e.perCallUsd)}/call`);
  if (verbosity === 'compact') return parts.join(' · ');
  parts.push(what);
  // Token prices have no pricing model or region; GPU runs priced from rates have no region either.
  if (item.kind !== 'llm-call') parts.push([item.pricing, item.region].filter(Boolean).join(' '));
  return parts.join(' · ');
}

/** What is priced: the model for an LLM call, the GPUs for a run, else instances and their accelerators. */
function subject(item: CostItem): string {
  if (item.kind === 'llm-call') return `${item.sku ?? '?'} (${item.resource})`;
  const acc = item.accelerators;
  if (item.kind === 'training-run' && acc && acc.name === item.sku) return formatAccelerators(acc);
  // A workload that names GPUs but no instance type (a Kubernetes Job) is its GPUs.
  if (item.sku === null && !item.summary) return acc ? `${formatAccelerators(acc)}, instance type not set` : `${item.quantity}× instance type not set`;
  return `${item.summary ?? `${item.quantity}× ${item.sku}`}${acc ? ` (${formatAccelerators(acc)})` : ''}`;
}
