import type { CostExplorerClient, Dimension as Dimension_, Expression, GroupDefinition, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { addDays, monthEnd, monthStart } from '../period';
import type { Anomaly, BackendResult, CostMetric, Dimension, Forecast, QueryParts, SeriesPoint, SourceInfo, SpendBackend, SpendQuery } from '../types';
import { SpendSourceError, TAG_DIMENSION_PREFIX, UNTAGGED } from '../types';
import { formatDuration } from '../../format/duration';
import { DEFAULT_TIMEOUT_MS } from './fetchJson';

export interface CostExplorerOptions {
  /** Profile of the shared config files; otherwise the default credential chain. */
  profile?: string;
  /** Cost Explorer's API lives in us-east-1 whatever the workload's region. */
  region?: string;
  /** The cost allocation tag that names teams (activated in the Billing console). */
  costTag?: string;
  /** Tests point the real SDK at a local server; never set from a workspace file. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Deadline of each try: connecting, waiting for the answer, and any silence mid-body. */
  timeoutMs?: number;
}

/** Tries per API call: one retry at most, so a throttled or failing API is not hammered. */
const MAX_ATTEMPTS = 2;
/** Room for the SDK's backoff between the tries (its throttling base delay is 500 ms). */
const BACKOFF_ALLOWANCE_MS = 2_000;

/** Cost Explorer metrics closest to FOCUS's: EffectiveCost is amortised net of discounts. */
const METRIC: Record<Exclude<CostMetric, 'list'>, { usage: string; forecast: 'NET_AMORTIZED_COST' | 'UNBLENDED_COST' }> = {
  effective: { usage: 'NetAmortizedCost', forecast: 'NET_AMORTIZED_COST' },
  billed: { usage: 'UnblendedCost', forecast: 'UNBLENDED_COST' },
};

/** Cost Explorer dimensions for the FOCUS ones it has (account: the linked account id). */
const CE_DIMENSION: Partial<Record<Dimension, Dimension_>> = {
  service: 'SERVICE', region: 'REGION', account: 'LINKED_ACCOUNT',
};

export const CE_FORECAST_METHOD = 'AWS Cost Explorer GetCostForecast';
export const CE_ANOMALY_METHOD = 'AWS Cost Anomaly Detection';

/** AWS Cost Explorer: GetCostAndUsage grouped by a cost allocation tag, GetCostForecast, GetAnomalies. */
export class CostExplorerBackend implements SpendBackend {
  readonly source: SourceInfo;
  private client: Promise<CostExplorerClient> | undefined;
  private monitors: Promise<Map<string, string>> | undefined;

  constructor(private readonly options: CostExplorerOptions) {
    this.source = { kind: 'aws-cost-explorer', label: `AWS Cost Explorer${options.profile ? ` (profile ${options.profile})` : ''}`, sample: false };
  }

  async query(q: SpendQuery, signal?: AbortSignal, parts: QueryParts = {}): Promise<BackendResult> {
    if (q.metric === 'list') throw new SpendSourceError('Cost Explorer has no list cost; choose the effective or billed metric');
    const ce = await import('@aws-sdk/client-cost-explorer');
    const client = await this.clientOnce();
    const metric = METRIC[q.metric];
    const results: ResultByTime[] = [];
    let token: string | undefined;
    do {
      const out = await this.send((abortSignal) => client.send(new ce.GetCostAndUsageCommand({
        TimePeriod: { Start: q.from, End: addDays(q.to, 1) },
        Granularity: q.granularity === 'month' ? 'MONTHLY' : 'DAILY',
        Metrics: [metric.usage],
        GroupBy: this.groupBy(q.groupBy),
        Filter: this.filter(q),
        NextPageToken: token,
      }), { abortSignal }), signal);
      results.push(...(out.ResultsByTime ?? []));
      token = out.NextPageToken;
    } while (token);
    const series = toSeries(results, metric.usage);
    const totals = new Map<string, number>();
    for (const p of series) totals.set(p.key, (totals.get(p.key) ?? 0) + p.cost);
    const groups = [...totals].map(([key, cost]) => ({ key, cost })).sort((a, b) => b.cost - a.cost);
    const total = groups.reduce((a, g) => a + g.cost, 0);
    const warnings: string[] = [];
    const currency = results.flatMap((r) => [...Object.values(r.Total ?? {}), ...(r.Groups ?? []).flatMap((g) => Object.values(g.Metrics ?? {}))]).find((m) => m.Unit)?.Unit ?? 'USD';
    const forecast = await this.forecast(q, total, metric.forecast, signal).catch((e: Error) => (warnings.push(`no Cost Explorer forecast: ${e.message}`), undefined));
    const anomalies = parts.anomalies === false
      ? undefined
      : await this.anomalies(q, signal).catch((e: Error) => (warnings.push(`no Cost Anomaly Detection results: ${e.message}`), undefined));
    return { currency, series, groups, total, untaggedCost: q.groupBy === 'team' ? (totals.get(UNTAGGED) ?? 0) : undefined, forecast, anomalies, warnings };
  }

  /** The period's total in one ungrouped, monthly GetCostAndUsage: no forecast, no anomalies. */
  async total(q: SpendQuery): Promise<number> {
    if (q.metric === 'list') throw new SpendSourceError('Cost Explorer has no list cost; choose the effective or billed metric');
    const ce = await import('@aws-sdk/client-cost-explorer');
    const client = await this.clientOnce();
    const metric = METRIC[q.metric].usage;
    let total = 0;
    let token: string | undefined;
    do {
      const out = await this.send((abortSignal) => client.send(new ce.GetCostAndUsageCommand({
        TimePeriod: { Start: q.from, End: addDays(q.to, 1) }, Granularity: 'MONTHLY', Metrics: [metric], Filter: this.filter(q), NextPageToken: token,
      }), { abortSignal }));
      for (const r of out.ResultsByTime ?? []) {
        const amounts = r.Groups?.length ? r.Groups.map((g) => g.Metrics?.[metric]?.Amount) : [r.Total?.[metric]?.Amount];
        for (const a of amounts) total += Number.isFinite(Number(a)) ? Number(a) : 0;
      }
      token = out.NextPageToken;
    } while (token);
    return total;
  }

  dispose(): void {
    void this.client?.then((c) => c.destroy(), () => undefined);
    this.client = undefined;
  }

  private clientOnce(): Promise<CostExplorerClient> {
    this.client ??= import('@aws-sdk/client-cost-explorer').then((ce) => new ce.CostExplorerClient({
      region: this.options.region ?? 'us-east-1',
      profile: this.options.profile,
      endpoint: this.options.endpoint,
      credentials: this.options.credentials,
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: { connectionTimeout: this.timeoutMs(), requestTimeout: this.timeoutMs(), socketTimeout: this.timeoutMs(), throwOnRequestTimeout: true },
    }));
    return this.client;
  }

  private timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The API's host, named in errors so the user knows which endpoint failed. */
  private host(): string {
    return costExplorerHost(this.options, process.env);
  }

  /**
   * One API call, its retry included, under an overall deadline: the SDK's socket limits end
   * a silent server, this ends one that trickles its answer forever.
   */
  private async send<T>(call: (abortSignal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const deadlineMs = this.timeoutMs() * MAX_ATTEMPTS + BACKOFF_ALLOWANCE_MS;
    const deadline = AbortSignal.timeout(deadlineMs);
    try {
      return await call(signal ? AbortSignal.any([signal, deadline]) : deadline);
    } catch (e) {
      const err = e as { name?: string; message?: string };
      if (err.name === 'TimeoutError' && !deadline.aborted) throw new SpendSourceError(`AWS Cost Explorer at ${this.host()} timed out after ${formatDuration(this.timeoutMs())}`);
      if (deadline.aborted) throw new SpendSourceError(`AWS Cost Explorer at ${this.host()} did not finish within ${formatDuration(deadlineMs)}`);
      if (signal?.aborted) throw new SpendSourceError(`AWS Cost Explorer at ${this.host()}: cancelled`);
      throw new SpendSourceError(`AWS Cost Explorer at ${this.host()}: ${err.name ?? 'error'}: ${(err.message ?? '').split('\n')[0]}`);
    }
  }

  private tag(dim: 'team' | 'project' | 'environment' | 'model'): string {
    return dim === 'team' ? (this.options.costTag ?? 'team') : dim;
  }

  /** The cost allocation tag a dimension reads, if it is a tag. */
  private tagOf(dim: Dimension): string | undefined {
    if (dim === 'team' || dim === 'project' || dim === 'environment' || dim === 'model') return this.tag(dim);
    return dim.startsWith(TAG_DIMENSION_PREFIX) ? dim.slice(TAG_DIMENSION_PREFIX.length).trim() : undefined;
  }

  private groupBy(dim: Dimension): GroupDefinition[] | undefined {
    const tag = this.tagOf(dim);
    if (tag !== undefined) return [{ Type: 'TAG', Key: tag }];
    if (dim === 'provider') return undefined;
    const key = CE_DIMENSION[dim];
    if (!key) throw new SpendSourceError(`Cost Explorer cannot group by ${dim}; group by service, region, account or a tag`);
    return [{ Type: 'DIMENSION', Key: key }];
  }

  private filter(q: SpendQuery): Expression | undefined {
    const parts: Expression[] = [];
    for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
      if (!values?.length) continue;
      const tag = this.tagOf(dim);
      if (tag !== undefined) {
        // CE matches tag values exactly; an (untagged) filter asks for the absent tag.
        const named = values.filter((v) => v !== UNTAGGED);
        if (named.length) parts.push({ Tags: { Key: tag, Values: named, MatchOptions: ['EQUALS'] } });
        if (values.includes(UNTAGGED)) parts.push({ Tags: { Key: tag, MatchOptions: ['ABSENT'] } });
      } else if (CE_DIMENSION[dim]) {
        parts.push({ Dimensions: { Key: CE_DIMENSION[dim], Values: values } });
      }
    }
    return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { And: parts };
  }

  /** Month to date plus Cost Explorer's forecast of the days left, when the query is the month so far. */
  private async forecast(q: SpendQuery, actual: number, metric: 'NET_AMORTIZED_COST' | 'UNBLENDED_COST', signal?: AbortSignal): Promise<Forecast | undefined> {
    const end = monthEnd(q.to);
    if (q.from !== monthStart(q.to) || q.to >= end) return undefined;
    const ce = await import('@aws-sdk/client-cost-explorer');
    const client = await this.clientOnce();
    const out = await this.send((abortSignal) => client.send(new ce.GetCostForecastCommand({
      TimePeriod: { Start: addDays(q.to, 1), End: addDays(end, 1) }, Metric: metric, Granularity: 'MONTHLY', Filter: this.filter(q),
      PredictionIntervalLevel: 80,
    }), { abortSignal }), signal);
    const mean = Number(out.Total?.Amount);
    if (!Number.isFinite(mean)) return undefined;
    const bounds = (out.ForecastResultsByTime ?? []).reduce(
      (a, r) => ({ lower: a.lower + Number(r.PredictionIntervalLowerBound ?? r.MeanValue ?? 0), upper: a.upper + Number(r.PredictionIntervalUpperBound ?? r.MeanValue ?? 0) }),
      { lower: 0, upper: 0 },
    );
    return { periodEnd: end, amount: actual + mean, method: CE_FORECAST_METHOD, lower: actual + bounds.lower, upper: actual + bounds.upper };
  }

  /**
   * Cost Anomaly Detection's anomalies, keyed by the view's dimension. An anomaly knows its
   * monitor, not a tag: its team is the cost-tag value of a monitor scoped to one team
   * (GetAnomalyMonitors, read once per session), and its service the root cause's. What
   * cannot be placed in the dimension is keyed as not attributed, and left out under a
   * filter it cannot be shown to match.
   */
  private async anomalies(q: SpendQuery, signal?: AbortSignal): Promise<Anomaly[]> {
    const ce = await import('@aws-sdk/client-cost-explorer');
    const client = await this.clientOnce();
    const teams = q.groupBy === 'team' || q.filters.team?.length ? await this.monitorTeams(signal) : new Map<string, string>();
    const found: Anomaly[] = [];
    let token: string | undefined;
    do {
      const out = await this.send((abortSignal) => client.send(new ce.GetAnomaliesCommand({ DateInterval: { StartDate: q.from, EndDate: q.to }, NextPageToken: token }), { abortSignal }), signal);
      for (const a of out.Anomalies ?? []) {
        const actual = a.Impact?.TotalActualSpend;
        const expected = a.Impact?.TotalExpectedSpend;
        if (actual === undefined || expected === undefined || !a.AnomalyStartDate) continue;
        const cause = a.RootCauses?.[0];
        const service = cause?.Service ?? undefined;
        const team = a.MonitorArn ? teams.get(a.MonitorArn) : undefined;
        if (!matchesFilters(q, { team, service })) continue;
        const key = q.groupBy === 'team' ? (team ?? NOT_ATTRIBUTED) : q.groupBy === 'service' ? (service ?? NOT_ATTRIBUTED) : NOT_ATTRIBUTED;
        const described = [service, cause?.Region, cause?.UsageType].filter((x): x is string => !!x).join(', ');
        found.push({ date: a.AnomalyStartDate.slice(0, 10), key, actual, expected, method: CE_ANOMALY_METHOD, score: a.AnomalyScore?.MaxScore, cause: described || undefined });
      }
      token = out.NextPageToken;
    } while (token);
    return found;
  }

  /** Monitor ARN → team, for monitors scoped to one value of the team cost tag. */
  private monitorTeams(signal?: AbortSignal): Promise<Map<string, string>> {
    this.monitors ??= this.readMonitorTeams(signal);
    this.monitors.catch(() => (this.monitors = undefined));
    return this.monitors;
  }

  private async readMonitorTeams(signal?: AbortSignal): Promise<Map<string, string>> {
    const ce = await import('@aws-sdk/client-cost-explorer');
    const client = await this.clientOnce();
    const tag = this.tag('team');
    const teams = new Map<string, string>();
    let token: string | undefined;
    do {
      const out = await this.send((abortSignal) => client.send(new ce.GetAnomalyMonitorsCommand({ NextPageToken: token }), { abortSignal }), signal);
      for (const m of out.AnomalyMonitors ?? []) {
        const values = teamValues(m.MonitorSpecification, tag);
        if (m.MonitorArn && values?.length === 1) teams.set(m.MonitorArn, values[0]);
      }
      token = out.NextPageToken;
    } while (token);
    return teams;
  }
}

/** Anomalies that cannot be placed in the view's dimension (a service monitor's, in a team view). */
export const NOT_ATTRIBUTED = '(not attributed)';

/** The values of the team tag a monitor's expression selects, when it selects by that tag alone. */
function teamValues(spec: Expression | undefined, tag: string): string[] | undefined {
  if (!spec) return undefined;
  if (spec.Tags?.Key === tag) return spec.Tags.Values;
  const parts = spec.And ?? [];
  for (const p of parts) {
    const v = teamValues(p, tag);
    if (v) return v;
  }
  return undefined;
}

/** Whether an anomaly's known team and service pass the query's filters; an unknown value passes no filter. */
function matchesFilters(q: SpendQuery, known: { team?: string; service?: string }): boolean {
  for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
    if (!values?.length) continue;
    const value = dim === 'team' ? known.team : dim === 'service' ? known.service : undefined;
    if (value === undefined || !values.some((v) => v.trim().toLowerCase() === value.toLowerCase())) return false;
  }
  return true;
}

/** Tag group keys come back as `team$nlp`; `team$` is spend without the tag. */
export function keyOfGroup(raw: string): string {
  const i = raw.indexOf('$');
  if (i < 0) return raw;
  const value = raw.slice(i + 1).trim();
  return value === '' ? UNTAGGED : value;
}

function toSeries(results: ResultByTime[], metric: string): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const r of results) {
    const date = r.TimePeriod?.Start;
    if (!date) continue;
    if (r.Groups?.length) {
      for (const g of r.Groups) out.push({ date, key: keyOfGroup(g.Keys?.[0] ?? ''), cost: Number(g.Metrics?.[metric]?.Amount ?? 0) });
    } else if (r.Total?.[metric]) {
      out.push({ date, key: 'AWS', cost: Number(r.Total[metric].Amount ?? 0) });
    }
  }
  return out.filter((p) => Number.isFinite(p.cost));
}

/**
 * The host the SDK sends Cost Explorer calls to: the configured endpoint, else the one the
 * environment configures (the SDK reads `AWS_ENDPOINT_URL_COST_EXPLORER`, then
 * `AWS_ENDPOINT_URL`, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true), else AWS's own.
 */
export function costExplorerHost(options: { endpoint?: string; region?: string }, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true' ? undefined : env.AWS_ENDPOINT_URL_COST_EXPLORER || env.AWS_ENDPOINT_URL;
  const endpoint = options.endpoint ?? fromEnv;
  if (endpoint) {
    try {
      return new URL(endpoint).host;
    } catch {
      return endpoint;
    }
  }
  return `ce.${options.region ?? 'us-east-1'}.amazonaws.com`;
}
