import type { BudgetSpec } from '../config/sections/budgets';
import { detectAnomalies } from './anomalies';
import { budgetStatuses, SAMPLE_BUDGETS, type BudgetStatus } from './budgetStatus';
import { runRateForecast } from './forecast';
import { monthStart, previousRange, resolvePeriod, type DateRange, type PeriodPreset } from './period';
import type {
  Anomaly, BackendResult, CostMetric, Dimension, Forecast, Granularity, GroupTotal, ResourceSpend, SeriesPoint, SourceInfo,
  SpendBackend, SpendQuery, UsageTotal,
} from './types';

/** What a user asks for, before it is anchored to a date. */
export interface SpendRequest {
  period: PeriodPreset;
  custom?: DateRange;
  groupBy: Dimension;
  granularity?: Granularity;
  metric: CostMetric;
  filters: SpendQuery['filters'];
}

export interface MonthSummary {
  month: string;
  from: string;
  to: string;
  actual: number;
  forecast: Forecast;
  /** Sum of the budgets that apply (team budgets, narrowed by a team filter). */
  budget?: number;
  /** Month-to-date spend of the teams those budgets cover, to compare with `budget`. */
  budgetedActual?: number;
  /** Total spend per day of the month so far, for the burn chart. */
  daily: { date: string; cost: number }[];
}

/** Everything the panel and `ai-finops spend` show; both build it here so they agree. */
export interface SpendReport {
  schemaVersion: 1;
  source: SourceInfo;
  currency: string;
  /** The day periods are anchored on: today, or the last day of the bundled sample. */
  asOf: string;
  query: SpendQuery;
  series: SeriesPoint[];
  groups: GroupTotal[];
  total: number;
  previous: DateRange & { total: number };
  month: MonthSummary;
  budgets: BudgetStatus[];
  budgetsAreSample: boolean;
  anomalies: Anomaly[];
  resources: ResourceSpend[];
  untaggedCost?: number;
  usage: UsageTotal[];
  warnings: string[];
}

export interface ReportOptions {
  budgets: readonly BudgetSpec[];
  today: string;
}

export async function buildSpendReport(backend: SpendBackend, req: SpendRequest, opts: ReportOptions): Promise<SpendReport> {
  const sample = backend.source.sample;
  const asOf = sample ? ((await backend.dataEnd?.()) ?? opts.today) : opts.today;
  const range = resolvePeriod(req.period, asOf, req.custom);
  const query: SpendQuery = { ...range, granularity: req.granularity ?? 'day', groupBy: req.groupBy, metric: req.metric, filters: req.filters };
  const main = await backend.query(query);
  const prevRange = previousRange(range);
  const previousQuery: SpendQuery = { ...query, ...prevRange, granularity: 'month' };
  const previousTotal = backend.total ? await backend.total(previousQuery) : (await backend.query(previousQuery)).total;
  const monthQuery: SpendQuery = { ...query, from: monthStart(asOf), to: asOf, granularity: 'day', groupBy: 'team' };
  const month = sameQuery(monthQuery, query) ? main : await backend.query(monthQuery);
  const budgets = opts.budgets.length === 0 && sample ? SAMPLE_BUDGETS : opts.budgets;
  const statuses = await budgetLines(backend, budgets, month, monthQuery, asOf);
  const anomalies = main.anomalies ?? (query.granularity === 'day' ? detectAnomalies(main.series, query.from, query.to) : []);
  return {
    schemaVersion: 1,
    source: backend.source,
    currency: main.currency,
    asOf,
    query,
    series: main.series,
    groups: main.groups,
    total: main.total,
    previous: { ...prevRange, total: previousTotal },
    month: { ...monthSummary(month, monthQuery, asOf), ...applicableBudget(statuses, req.filters) },
    budgets: statuses,
    budgetsAreSample: budgets === SAMPLE_BUDGETS,
    anomalies,
    resources: main.resources ?? [],
    untaggedCost: main.untaggedCost,
    usage: main.usage ?? [],
    warnings: [...main.warnings, ...(month === main ? [] : month.warnings.filter((w) => !main.warnings.includes(w)))],
  };
}

function sameQuery(a: SpendQuery, b: SpendQuery): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function dailyTotals(series: readonly SeriesPoint[], key?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of series) if (key === undefined || p.key === key) out.set(p.date, (out.get(p.date) ?? 0) + p.cost);
  return out;
}

function monthSummary(month: BackendResult, q: SpendQuery, asOf: string): MonthSummary {
  const daily = dailyTotals(month.series);
  return {
    month: asOf.slice(0, 7),
    from: q.from,
    to: q.to,
    actual: month.total,
    forecast: month.forecast ?? runRateForecast(daily, asOf),
    daily: [...daily].sort(([a], [b]) => a.localeCompare(b)).map(([date, cost]) => ({ date, cost })),
  };
}

/** The team budgets in view (all, or the filtered teams') and what those teams spent. */
function applicableBudget(statuses: readonly BudgetStatus[], filters: SpendQuery['filters']): Pick<MonthSummary, 'budget' | 'budgetedActual'> {
  const teams = filters.team?.map((t) => t.trim().toLowerCase());
  const lines = statuses.filter((b) => b.dimension === 'team' && (!teams?.length || teams.includes(b.key)));
  if (!lines.length) return {};
  return { budget: lines.reduce((a, b) => a + b.budget, 0), budgetedActual: lines.reduce((a, b) => a + b.actual, 0) };
}

/** Team budgets read the month's team series; project budgets need one more query by project. */
async function budgetLines(backend: SpendBackend, budgets: readonly BudgetSpec[], byTeam: BackendResult, q: SpendQuery, asOf: string): Promise<BudgetStatus[]> {
  if (budgets.length === 0) return [];
  const byProject = budgets.some((b) => b.dimension === 'project') ? await backend.query({ ...q, groupBy: 'project' }) : undefined;
  const seriesOf = (dimension: BudgetSpec['dimension']) => (dimension === 'team' ? byTeam.series : (byProject?.series ?? []));
  const matching = (dimension: BudgetSpec['dimension'], key: string) => seriesOf(dimension).filter((p) => p.key.toLowerCase() === key);
  return budgetStatuses(
    budgets,
    asOf.slice(0, 7),
    (dimension, key) => matching(dimension, key).reduce((a, p) => a + p.cost, 0),
    (dimension, key) => runRateForecast(dailyTotals(matching(dimension, key)), asOf).amount,
  );
}
