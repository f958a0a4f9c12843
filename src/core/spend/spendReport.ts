import type { BudgetSpec } from '../config/sections/budgets';
import { DEFAULT_ANOMALY_OPTIONS, detectAnomalies } from './anomalies';
import { budgetStatuses, SAMPLE_BUDGETS, type BudgetStatus } from './budgetStatus';
import { RUN_RATE_DAYS, runRateForecast } from './forecast';
import { addDays, monthStart, previousRange, resolvePeriod, type DateRange, type PeriodPreset } from './period';
import type {
  Anomaly, BackendResult, CommitmentUse, CostMetric, CurrencyTotal, Dimension, FilesRead, Forecast, Granularity, GroupTotal, ResourceSpend, SeriesPoint, SourceInfo,
  QueryParts, SpendBackend, SpendQuery, UsageTotal,
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
  /** Spend billed in other currencies than `currency`: shown apart, never added. */
  otherCurrencies: CurrencyTotal[];
  commitment?: CommitmentUse;
  /** The files read, for file sources (the panel and the CLI say which). */
  files?: FilesRead;
  warnings: string[];
}

export interface ReportOptions {
  budgets: readonly BudgetSpec[];
  today: string;
}

/** Only the view's own query shows anomalies; the others would repeat (and pay for) them. */
const NO_ANOMALIES: QueryParts = { anomalies: false };

export async function buildSpendReport(backend: SpendBackend, req: SpendRequest, opts: ReportOptions): Promise<SpendReport> {
  const sample = backend.source.sample;
  const asOf = sample ? ((await backend.dataEnd?.()) ?? opts.today) : opts.today;
  const range = resolvePeriod(req.period, asOf, req.custom);
  const query: SpendQuery = { ...range, granularity: req.granularity ?? 'day', groupBy: req.groupBy, metric: req.metric, filters: req.filters };
  const main = await backend.query(query);
  const prevRange = previousRange(range);
  const previousQuery: SpendQuery = { ...query, ...prevRange, granularity: 'month' };
  const previousTotal = backend.total ? await backend.total(previousQuery, main.currency) : (await backend.query(previousQuery, undefined, NO_ANOMALIES)).total;
  const monthQuery: SpendQuery = { ...query, from: monthStart(asOf), to: asOf, granularity: 'day', groupBy: 'team' };
  const month = sameQuery(monthQuery, query) ? main : await backend.query(monthQuery, undefined, NO_ANOMALIES);
  const trailing = await trailingDays(backend, month, monthQuery);
  const budgets = opts.budgets.length === 0 && sample ? SAMPLE_BUDGETS : opts.budgets;
  const statuses = await budgetLines(backend, budgets, month, trailing, monthQuery, asOf);
  const anomalies = main.anomalies ?? (await localAnomalies(backend, main, query));
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
    month: { ...monthSummary(month, trailing, monthQuery, asOf), ...applicableBudget(statuses, req.filters) },
    budgets: statuses,
    budgetsAreSample: budgets === SAMPLE_BUDGETS,
    anomalies,
    resources: main.resources ?? [],
    untaggedCost: main.untaggedCost,
    usage: main.usage ?? [],
    otherCurrencies: main.otherCurrencies ?? [],
    commitment: main.commitment,
    files: main.files,
    warnings: [...main.warnings, ...(month === main ? [] : month.warnings.filter((w) => !main.warnings.includes(w)))],
  };
}

function sameQuery(a: SpendQuery, b: SpendQuery): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The days before the month that the run rate's trailing week reaches into (the first six
 * days of a month), by team, so a forecast on the 2nd is not month-to-date plus nothing.
 * Not needed when the source forecasts itself.
 */
async function trailingDays(backend: SpendBackend, month: BackendResult, monthQuery: SpendQuery): Promise<SeriesPoint[]> {
  const from = addDays(monthQuery.to, -(RUN_RATE_DAYS - 1));
  if (month.forecast || from >= monthQuery.from) return [];
  return seriesOf(backend, { ...monthQuery, from, to: addDays(monthQuery.from, -1) }, month.currency);
}

/**
 * The local anomaly check, on daily spend fetched from the window's start minus the
 * baseline's length: whatever the view's period or granularity, each day in it is judged
 * against its own previous days.
 */
async function localAnomalies(backend: SpendBackend, main: BackendResult, query: SpendQuery): Promise<Anomaly[]> {
  const historyFrom = addDays(query.from, -DEFAULT_ANOMALY_OPTIONS.window);
  const history = await seriesOf(backend, { ...query, from: historyFrom, granularity: 'day' }, main.currency);
  return detectAnomalies(history, query.from, query.to, DEFAULT_ANOMALY_OPTIONS, historyFrom);
}

async function seriesOf(backend: SpendBackend, q: SpendQuery, currency: string): Promise<SeriesPoint[]> {
  return backend.series ? backend.series(q, currency) : (await backend.query(q, undefined, NO_ANOMALIES)).series;
}

function dailyTotals(series: readonly SeriesPoint[], key?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of series) if (key === undefined || p.key === key) out.set(p.date, (out.get(p.date) ?? 0) + p.cost);
  return out;
}

function monthSummary(month: BackendResult, trailing: readonly SeriesPoint[], q: SpendQuery, asOf: string): MonthSummary {
  const daily = dailyTotals(month.series);
  return {
    month: asOf.slice(0, 7),
    from: q.from,
    to: q.to,
    actual: month.total,
    forecast: month.forecast ?? runRateForecast(dailyTotals([...trailing, ...month.series]), asOf),
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
async function budgetLines(
  backend: SpendBackend, budgets: readonly BudgetSpec[], byTeam: BackendResult, trailing: readonly SeriesPoint[], q: SpendQuery, asOf: string,
): Promise<BudgetStatus[]> {
  if (budgets.length === 0) return [];
  const byProject = budgets.some((b) => b.dimension === 'project') ? await backend.query({ ...q, groupBy: 'project' }, undefined, NO_ANOMALIES) : undefined;
  const projectTrailing = byProject ? await trailingDays(backend, byProject, { ...q, groupBy: 'project' }) : [];
  const seriesOf = (dimension: BudgetSpec['dimension']) => (dimension === 'team' ? byTeam.series : (byProject?.series ?? []));
  const historyOf = (dimension: BudgetSpec['dimension']) => (dimension === 'team' ? trailing : projectTrailing);
  const matching = (series: readonly SeriesPoint[], key: string) => series.filter((p) => p.key.toLowerCase() === key);
  return budgetStatuses(
    budgets,
    asOf.slice(0, 7),
    (dimension, key) => matching(seriesOf(dimension), key).reduce((a, p) => a + p.cost, 0),
    (dimension, key) => runRateForecast(dailyTotals(matching([...historyOf(dimension), ...seriesOf(dimension)], key)), asOf).amount,
  );
}
