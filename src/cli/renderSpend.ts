import { readSummaryLine } from '../core/spend/readSummary';
import { unitCostOf } from '../core/spend/unitCost';
import type { SpendReport } from '../core/spend/spendReport';
import { csvCell } from '../core/format/csvEscape';
import { terminalText } from '../core/format/terminalEscape';

function money(x: number, currency: string, digits = 2): string {
  return `${currency === 'USD' ? '$' : `${currency} `}${x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export function renderSpendTable(r: SpendReport): string {
  const c = r.currency;
  const out: string[] = [];
  out.push(`Spend ${r.query.from} to ${r.query.to} by ${r.query.groupBy} (${r.query.metric} cost) from ${terminalText(r.source.label)}`);
  if (r.source.sample) out.push('Sample data: configure spend.source in .finops.yml to see your own.');
  if (r.files) out.push(terminalText(readSummaryLine(r.files)));
  out.push('');
  const t = terminalText;
  out.push(table([[r.query.groupBy, 'cost', 'share'], ...r.groups.map((g) => [t(g.key), money(g.cost, c), `${r.total ? ((g.cost / r.total) * 100).toFixed(1) : '0.0'}%`]), ['total', money(r.total, c), '']]));
  const change = r.previous.total ? ((r.total - r.previous.total) / r.previous.total) * 100 : undefined;
  out.push('');
  out.push(`Previous period (${r.previous.from} to ${r.previous.to}): ${money(r.previous.total, c)}${change === undefined ? '' : ` (${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`}`);
  out.push(`Month ${r.month.month} to date: ${money(r.month.actual, c)}; forecast ${money(r.month.forecast.amount, c)} by ${r.month.forecast.periodEnd} (${r.month.forecast.method})`);
  if (r.month.budget !== undefined) out.push(`Budget: ${money(r.month.budget, c)}, ${(((r.month.budgetedActual ?? r.month.actual) / r.month.budget) * 100).toFixed(1)}% used by the budgeted teams${r.budgetsAreSample ? ' (sample budgets)' : ''}`);
  for (const b of r.budgets.filter((x) => x.crossed.length)) {
    out.push(`  ${b.dimension} ${t(b.key)}: ${money(b.actual, c)} of ${money(b.budget, c)} (${(b.shareUsed * 100).toFixed(0)}%)`);
  }
  if (r.anomalies.length) {
    out.push('', 'Anomalies:');
    // Only some sources say what caused an anomaly (Cost Explorer's root causes): the column is shown when one does.
    const causes = r.anomalies.some((a) => a.cause);
    const row = (a: (typeof r.anomalies)[number]) => [t(a.date), t(a.key), money(a.actual, c), money(a.expected, c), ...(causes ? [t(a.cause ?? '')] : [])];
    out.push(table([['date', r.query.groupBy, 'actual', 'expected', ...(causes ? ['cause'] : [])], ...r.anomalies.map(row)]));
    const methods = [...new Set(r.anomalies.map((a) => a.method))];
    out.push(`Detected by ${methods.map(t).join('; ')}.`);
  }
  const priced = r.usage.flatMap((u) => {
    const unit = unitCostOf(u);
    return unit ? [[u.unit, u.quantity.toLocaleString('en-US', { maximumFractionDigits: 0 }), money(u.cost, c), `${money(unit.price, c, 4)} per ${unit.label}`]] : [];
  });
  if (priced.length) out.push('', 'Unit cost:', table([['unit', 'quantity', 'cost', 'unit cost'], ...priced]));
  const k = r.commitment;
  if (k) {
    out.push('', `Commitment discounts: utilisation ${(k.utilisation * 100).toFixed(1)}%, coverage ${(k.coverage * 100).toFixed(1)}% (used ${money(k.used, c)}, unused ${money(k.unused, c)}, eligible usage ${money(k.eligible, c)})`);
  }
  for (const o of r.otherCurrencies) out.push(`Also billed in ${o.currency}: ${money(o.cost, o.currency)} (not converted, not in the totals above)`);
  const flagged = r.resources.filter((x) => x.idleReason || x.untagged);
  if (flagged.length) {
    out.push('', 'Resources to look at:');
    for (const x of flagged) out.push(`  ${t(x.name ?? x.id)}: ${money(x.cost, c)}${x.idleReason ? `, idle (${t(x.idleReason)})` : ''}${x.untagged ? ', untagged' : ''}`);
  }
  for (const w of r.warnings) out.push(`warning: ${t(w)}`);
  return out.join('\n');
}

/** One row per series point, as the panel's CSV export writes it. */
export function renderSpendCsv(r: SpendReport): string {
  const lines = [`date,${r.query.groupBy},cost_${r.currency.toLowerCase()}`];
  for (const p of r.series) lines.push([csvCell(p.date), csvCell(p.key), p.cost.toFixed(2)].join(','));
  return lines.join('\n');
}
