import type { PanelData, SpendReport } from '../src/shared/messages';
import type { BurnData, StackedData } from './charts';
import { el, table } from './dom';
import { money, percent, signedPercent, unitCost } from './format';

export interface Kpi {
  id: string;
  label: string;
  value: string;
  detail?: string;
  tone?: 'warn' | 'bad';
}

/** The four headline figures; ids let tests and screen readers find them. */
export function kpis(r: SpendReport): Kpi[] {
  const c = r.currency;
  const change = r.previous.total > 0 ? (r.total - r.previous.total) / r.previous.total : undefined;
  const budget = r.month.budget;
  const share = budget ? (r.month.budgetedActual ?? r.month.actual) / budget : undefined;
  const budgeted = r.budgets.filter((b) => b.dimension === 'team').length;
  return [
    { id: 'month-actual', label: `Spend ${r.month.month}`, value: money(r.month.actual, c), detail: `to ${r.month.to}` },
    { id: 'forecast', label: 'Forecast month end', value: money(r.month.forecast.amount, c), detail: r.month.forecast.method, tone: budget && r.month.forecast.amount > budget ? 'warn' : undefined },
    {
      id: 'budget', label: r.budgetsAreSample ? 'Budget (sample)' : 'Budget', value: budget ? money(budget, c) : 'none set',
      detail: share === undefined ? 'add budgets: to .finops.yml' : `${percent(share)} used by ${budgeted} budgeted team${budgeted === 1 ? '' : 's'}`, tone: share !== undefined && share >= 1 ? 'bad' : share !== undefined && share >= 0.8 ? 'warn' : undefined,
    },
    { id: 'change', label: 'Change vs previous period', value: change === undefined ? '—' : signedPercent(change), detail: `${money(r.total, c)} vs ${money(r.previous.total, c)}` },
  ];
}

export function kpiCards(r: SpendReport): HTMLElement {
  return el('section', { class: 'kpis', 'aria-label': 'Key figures' }, ...kpis(r).map((k) =>
    el('div', { class: `kpi ${k.tone ?? ''}`, 'data-kpi': k.id },
      el('div', { class: 'kpi-label' }, k.label),
      el('div', { class: 'kpi-value' }, k.value),
      k.detail ? el('div', { class: 'kpi-detail', title: k.detail }, k.detail) : null)));
}

export function stackedTable(d: StackedData, groupBy: string, currency: string): HTMLTableElement {
  return table(`Spend per day by ${groupBy}`, ['date', ...d.groups.map((g) => g.key)], d.labels.map((date, i) => [date, ...d.groups.map((g) => money(g.values[i], currency))]));
}

export function burnTable(d: BurnData, currency: string): HTMLTableElement {
  return table('Budget burn', ['date', 'cumulative', 'forecast', 'budget'], d.labels.map((date, i) => [
    date, d.cumulative[i] === null ? '' : money(d.cumulative[i] ?? 0, currency), d.forecast[i] === null ? '' : money(d.forecast[i] ?? 0, currency),
    d.budget === undefined ? '' : money(d.budget, currency),
  ]));
}

export function groupsTable(r: SpendReport): HTMLTableElement {
  return table(`Totals by ${r.query.groupBy}`, [r.query.groupBy, 'cost', 'share'], r.groups.map((g) => [g.key, money(g.cost, r.currency), r.total ? percent(g.cost / r.total, 1) : '']));
}

export function anomaliesSection(r: SpendReport): HTMLElement {
  const method = r.anomalies[0]?.method;
  if (r.anomalies.length === 0) return el('p', { class: 'muted' }, 'No unusual days in this period.');
  return el('div', {},
    table('Anomalies', ['date', r.query.groupBy, 'actual', 'expected', 'cause'], r.anomalies.map((a) => [a.date, a.key, money(a.actual, r.currency), money(a.expected, r.currency), a.cause ?? '']), 2),
    method ? el('p', { class: 'muted small' }, `Method: ${method}`) : null);
}

export function resourcesSection(data: PanelData, open: (id: string) => void): HTMLElement {
  const r = data.report;
  const rows = r.resources.map((x) => {
    const declared = data.declared[x.id];
    const name = el('span', { class: 'resource', title: x.id }, x.name ?? x.id);
    const badges = el('span', { class: 'badges' },
      x.idleReason ? el('span', { class: 'badge warn', title: x.idleReason }, 'idle') : null,
      x.untagged ? el('span', { class: 'badge', title: 'no team tag' }, 'untagged') : null);
    const link = declared ? el('a', { href: '#', class: 'declared', 'data-resource': x.id, title: `Open ${declared.label}:${declared.line}` }, `${declared.label}:${declared.line}`) : null;
    link?.addEventListener('click', (e) => {
      e.preventDefault();
      open(x.id);
    });
    return [el('div', {}, name, badges, link), x.team ?? '', money(x.cost, r.currency)];
  });
  const untagged = r.untaggedCost ? el('p', { class: 'callout' }, `Untagged spend in this period: ${money(r.untaggedCost, r.currency)} (${r.total ? percent(r.untaggedCost / r.total, 1) : '0%'} of the total) has no team tag.`) : null;
  const idle = r.resources.filter((x) => x.idleReason);
  const idleNote = idle.length ? el('p', { class: 'callout warn' }, `${idle.length} idle resource${idle.length > 1 ? 's' : ''}: ${idle.map((x) => x.name ?? x.id).join(', ')} (${money(idle.reduce((a, x) => a + x.cost, 0), r.currency)}).`) : null;
  if (rows.length === 0) return el('p', { class: 'muted' }, 'This source does not report resources.');
  return el('div', {}, idleNote, untagged, table('Top resources', ['resource', 'team', 'cost'], rows, 2));
}

export function usageSection(r: SpendReport): HTMLElement {
  if (r.usage.length === 0) return el('p', { class: 'muted' }, 'This source reports no usage, so no unit cost.');
  return table('Unit cost', ['unit', 'quantity', 'cost', 'unit cost'], r.usage.map((u) => [
    u.unit, u.quantity.toLocaleString('en-US', { maximumFractionDigits: 0 }), money(u.cost, r.currency), unitCost(u, r.currency),
  ]), 1);
}

/** Commitment discounts: utilisation and coverage, as `ai-finops spend` prints them. */
export function commitmentSection(r: SpendReport): HTMLElement {
  const c = r.commitment;
  if (!c) return el('p', { class: 'muted' }, 'No commitment discounts (savings plans, reservations, CUDs) in this period.');
  return table('Commitment discounts', ['utilisation', 'coverage', 'used', 'unused', 'eligible usage'], [[
    percent(c.utilisation, 1), percent(c.coverage, 1), money(c.used, r.currency), money(c.unused, r.currency), money(c.eligible, r.currency),
  ]], 0);
}
