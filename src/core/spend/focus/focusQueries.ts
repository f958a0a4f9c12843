import type { BackendResult, CommitmentUse, CurrencyTotal, ResourceSpend, SeriesPoint, SpendQuery, UsageTotal } from '../types';
import { SpendSourceError, UNTAGGED } from '../types';
import type { SqlRow } from './duckdb';
import { breakdownSql, metricColumn, seriesSql, topResourcesSql, totalSql, type FocusSource } from './focusSql';

/**
 * The FOCUS queries of one spend query and how their rows become a result, whatever engine
 * runs them: DuckDB over export files, or a warehouse (Athena, BigQuery) over its table.
 */

/** Runs one statement with its bound parameters on the source's engine. */
export type RunSql = (statement: { sql: string; params: string[] }) => Promise<SqlRow[]>;

export type FocusResult = Omit<BackendResult, 'files'>;

export async function queryFocus(run: RunSql, src: FocusSource, q: SpendQuery, topResources: number): Promise<FocusResult> {
  if (!src.columns.has(metricColumn(q.metric))) {
    throw new SpendSourceError(`this FOCUS export has no ${metricColumn(q.metric)} column; choose another metric`);
  }
  const split = splitCurrencies(await run(seriesSql(src, q)));
  // Only when currencies mix do the other queries need to keep to the main one.
  const only = split.others.length ? split.currency : undefined;
  const resourceRows = await run(topResourcesSql(src, q, topResources, only));
  const breakdown = readBreakdown(await run(breakdownSql(src, q, only)));
  const byKey = new Map<string, number>();
  for (const p of split.series) byKey.set(p.key, (byKey.get(p.key) ?? 0) + p.cost);
  const groups = [...byKey].map(([key, cost]) => ({ key, cost })).sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  const warnings: string[] = [];
  if (split.others.length) {
    const list = split.others.map((c) => `${c.currency} ${c.cost.toFixed(2)}`).join(', ');
    warnings.push(`the export bills in several currencies: figures are in ${split.currency}, its largest; ${list} shown apart, not converted or added`);
  }
  return {
    currency: split.currency,
    series: split.series,
    groups,
    total: groups.reduce((a, g) => a + g.cost, 0),
    resources: resourceRows.map(toResource),
    untaggedCost: breakdown.untagged,
    usage: breakdown.usage,
    otherCurrencies: split.others.length ? split.others : undefined,
    commitment: breakdown.commitment,
    warnings,
  };
}

/** Only the series of a query, in `currency` when given (else the export's main one). */
export async function querySeries(run: RunSql, src: FocusSource, q: SpendQuery, currency?: string): Promise<SeriesPoint[]> {
  return splitCurrencies(await run(seriesSql(src, q)), currency).series;
}

export async function queryTotal(run: RunSql, src: FocusSource, q: SpendQuery, currency?: string): Promise<number> {
  return num((await run(totalSql(src, q, currency)))[0]?.cost);
}

/**
 * The series in the export's main currency (the one with the most spend, then by name, so
 * the choice does not flip between runs); other currencies are totalled apart. Rows that
 * name no currency count with the main one.
 */
function splitCurrencies(rows: SqlRow[], chosen?: string): { currency: string; series: SeriesPoint[]; others: CurrencyTotal[] } {
  const weight = new Map<string, { weight: number; cost: number }>();
  for (const r of rows) {
    if (r.currency == null) continue;
    const w = weight.get(String(r.currency)) ?? { weight: 0, cost: 0 };
    w.weight += Math.abs(num(r.cost));
    w.cost += num(r.cost);
    weight.set(String(r.currency), w);
  }
  const ordered = [...weight].sort(([a, x], [b, y]) => y.weight - x.weight || a.localeCompare(b));
  const currency = chosen ?? ordered[0]?.[0] ?? 'USD';
  const points = new Map<string, SeriesPoint>();
  for (const r of rows) {
    if (r.currency != null && String(r.currency) !== currency) continue;
    const id = `${String(r.date)}\u0000${String(r.key)}`;
    const p = points.get(id) ?? { date: String(r.date), key: String(r.key), cost: 0 };
    p.cost += num(r.cost);
    points.set(id, p);
  }
  return { currency, series: [...points.values()], others: ordered.filter(([c]) => c !== currency).map(([c, w]) => ({ currency: c, cost: w.cost })) };
}

function readBreakdown(rows: SqlRow[]): { untagged: number; usage: UsageTotal[]; commitment?: CommitmentUse } {
  const sum = (field: string) => rows.reduce((a, r) => a + num(r[field]), 0);
  const usage = rows
    .filter((r) => r.work === true && r.unit != null && num(r.quantity) > 0)
    .map((r): UsageTotal => ({ unit: String(r.unit), quantity: num(r.quantity), cost: num(r.unit_cost) }))
    .sort((a, b) => b.cost - a.cost || a.unit.localeCompare(b.unit));
  const [used, unused, eligible] = [sum('commitment_used'), sum('commitment_unused'), sum('eligible')];
  const commitment = used + unused > 0
    ? { used, unused, eligible, utilisation: used / (used + unused), coverage: eligible > 0 ? used / eligible : 0 }
    : undefined;
  return { untagged: sum('untagged'), usage, commitment };
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function toResource(r: SqlRow): ResourceSpend {
  const serving = r.serving === true;
  const idle = serving && num(r.work) === 0 && num(r.cost) > 0;
  return {
    id: String(r.id),
    name: r.name == null ? undefined : String(r.name),
    service: r.service == null ? undefined : String(r.service),
    team: r.team == null ? UNTAGGED : String(r.team),
    cost: num(r.cost),
    untagged: r.untagged === true,
    idleReason: idle ? `billed over ${num(r.billed_days)} days with no requests or data processed` : undefined,
  };
}
