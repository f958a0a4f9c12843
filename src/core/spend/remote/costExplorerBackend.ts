import type { CostExplorerClient, Expression, GroupDefinition, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { addDays, monthEnd, monthStart } from '../period';
import type { Anomaly, BackendResult, CostMetric, Dimension, Forecast, SeriesPoint, SourceInfo, SpendBackend, SpendQuery } from '../types';
import { SpendSourceError, UNTAGGED } from '../types';
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

export const CE_FORECAST_METHOD = 'AWS Cost Explorer GetCostForecast';
export const CE_ANOMALY_METHOD = 'AWS Cost Anomaly Detection';

/** AWS Cost Explorer: GetCostAndUsage grouped by a cost allocation tag, GetCostForecast, GetAnomalies. */
export class CostExplorerBackend implements SpendBackend {
  readonly source: SourceInfo;
  private client: Promise<CostExplorerClient> | undefined;

  constructor(private readonly options: CostExplorerOptions) {
    this.source = { kind: 'aws-cost-explorer', label: `AWS Cost Explorer${options.profile ? ` (profile ${options.profile})` : ''}`, sample: false };
  }

  async query(q: SpendQuery, signal?: AbortSignal): Promise<BackendResult> {
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
    const anomalies = await this.anomalies(q, signal).catch((e: Error) => (warnings.push(`no Cost Anomaly Detection results: ${e.message}`), undefined));
    return { currency, series, groups, total, untaggedCost: q.groupBy === 'team' ? (totals.get(UNTAGGED) ?? 0) : undefined, forecast, anomalies, warnings };
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
    return this.options.endpoint ? new URL(this.options.endpoint).host : `ce.${this.options.region ?? 'us-east-1'}.amazonaws.com`;
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

  private groupBy(dim: Dimension): GroupDefinition[] | undefined {
    switch (dim) {
      case 'team': case 'project': case 'environment': case 'model':
        return [{ Type: 'TAG', Key: this.tag(dim) }];
      case 'service':
        return [{ Type: 'DIMENSION', Key: 'SERVICE' }];
      case 'resource':
        throw new SpendSourceError('Cost Explorer groups by resource only with resource-level data; group by service or a tag');
      case 'provider':
        return undefined;
    }
  }

  private filter(q: SpendQuery): Expression | undefined {
    const parts: Expression[] = [];
    for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
      if (!values?.length) continue;
      if (dim === 'service') parts.push({ Dimensions: { Key: 'SERVICE', Values: values } });
      else if (dim === 'team' || dim === 'project' || dim === 'environment' || dim === 'model') {
        // CE matches tag values exactly; an (untagged) filter asks for the absent tag.
        const absent = values.includes(UNTAGGED);
        const named = values.filter((v) => v !== UNTAGGED);
        if (named.length) parts.push({ Tags: { Key: this.tag(dim), Values: named, MatchOptions: ['EQUALS'] } });
        if (absent) parts.push({ Tags: { Key: this.tag(dim), MatchOptions: ['ABSENT'] } });
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

  private async anomalies(q: SpendQuery, signal?: AbortSignal): Promise<Anomaly[]> {
    const ce = await import('@aws-sdk/client-cost-explorer');
    const client = await this.clientOnce();
    const found: Anomaly[] = [];
    let token: string | undefined;
    do {
      const out = await this.send((abortSignal) => client.send(new ce.GetAnomaliesCommand({ DateInterval: { StartDate: q.from, EndDate: q.to }, NextPageToken: token }), { abortSignal }), signal);
      for (const a of out.Anomalies ?? []) {
        const actual = a.Impact?.TotalActualSpend;
        const expected = a.Impact?.TotalExpectedSpend;
        if (actual === undefined || expected === undefined || !a.AnomalyStartDate) continue;
        const key = a.DimensionValue ?? a.RootCauses?.[0]?.Service ?? 'AWS';
        found.push({ date: a.AnomalyStartDate.slice(0, 10), key, actual, expected, method: CE_ANOMALY_METHOD, score: a.AnomalyScore?.MaxScore });
      }
      token = out.NextPageToken;
    } while (token);
    return found;
  }
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
