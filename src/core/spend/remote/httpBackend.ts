import type { Anomaly, BackendResult, Forecast, ResourceSpend, SeriesPoint, SourceInfo, SpendBackend, SpendQuery, UsageTotal } from '../types';
import { SpendSourceError } from '../types';
import { fetchJson, finite, isRecord } from './fetchJson';

export interface HttpBackendOptions {
  url: string;
  /** Bearer token from SecretStorage (extension) or AI_FINOPS_TOKEN (CLI). */
  token?: string;
  timeoutMs?: number;
}

export const HTTP_CONTRACT_VERSION = 1;

/**
 * An in-house FinOps service speaking the small contract documented in the README:
 * `GET <url>/spend?from&to&granularity&groupBy&metric[&team=..]` answering
 * `{ schemaVersion: 1, currency, series: [{date, key, cost}], ...optional parts }`.
 */
export class HttpBackend implements SpendBackend {
  readonly source: SourceInfo;

  constructor(private readonly options: HttpBackendOptions) {
    this.source = { kind: 'http', label: new URL(options.url).host, sample: false };
  }

  async query(q: SpendQuery, signal?: AbortSignal): Promise<BackendResult> {
    const url = new URL('spend', this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
    for (const [k, v] of Object.entries({ from: q.from, to: q.to, granularity: q.granularity, groupBy: q.groupBy, metric: q.metric })) url.searchParams.set(k, v);
    for (const [dim, values] of Object.entries(q.filters)) for (const v of values ?? []) url.searchParams.append(dim, v);
    const headers: Record<string, string> = this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
    const body = await fetchJson(url, 'the spend service', { headers, timeoutMs: this.options.timeoutMs, signal });
    return parseContract(body);
  }
}

/** Reads a contract response; malformed entries are dropped with a warning, a wrong shape is an error. */
export function parseContract(body: unknown): BackendResult {
  if (!isRecord(body) || body.schemaVersion !== HTTP_CONTRACT_VERSION || !Array.isArray(body.series)) {
    throw new SpendSourceError(`the spend service's answer is not schemaVersion ${HTTP_CONTRACT_VERSION} with a series list`);
  }
  const warnings: string[] = [];
  const list = <T>(v: unknown, name: string, read: (x: Record<string, unknown>) => T | undefined): T[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return (warnings.push(`${name} is not a list; ignored`), []);
    const out = v.map((x) => (isRecord(x) ? read(x) : undefined));
    const bad = out.filter((x) => x === undefined).length;
    if (bad) warnings.push(`${bad} malformed ${name} entries ignored`);
    return out.filter((x): x is T => x !== undefined);
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const series = list<SeriesPoint>(body.series, 'series', (x) => {
    const [date, key, cost] = [str(x.date), str(x.key), finite(x.cost)];
    return date && /^\d{4}-\d{2}-\d{2}$/.test(date) && key !== undefined && cost !== undefined ? { date, key, cost } : undefined;
  });
  const totals = new Map<string, number>();
  for (const p of series) totals.set(p.key, (totals.get(p.key) ?? 0) + p.cost);
  const groups = [...totals].map(([key, cost]) => ({ key, cost })).sort((a, b) => b.cost - a.cost);
  const resources = list<ResourceSpend>(body.resources, 'resources', (x) => {
    const [id, cost] = [str(x.id), finite(x.cost)];
    if (!id || cost === undefined) return undefined;
    return { id, cost, name: str(x.name), service: str(x.service), team: str(x.team), untagged: x.untagged === true, idleReason: str(x.idle) };
  });
  const usage = list<UsageTotal>(body.usage, 'usage', (x) => {
    const [unit, quantity, cost] = [str(x.unit), finite(x.quantity), finite(x.cost)];
    return unit && quantity !== undefined && cost !== undefined ? { unit, quantity, cost } : undefined;
  });
  const anomalies = body.anomalies === undefined ? undefined : list<Anomaly>(body.anomalies, 'anomalies', (x) => {
    const [date, key, actual, expected] = [str(x.date), str(x.key), finite(x.actual), finite(x.expected)];
    return date && key !== undefined && actual !== undefined && expected !== undefined ? { date, key, actual, expected, method: str(x.method) ?? 'reported by the spend service' } : undefined;
  });
  let forecast: Forecast | undefined;
  if (isRecord(body.forecast)) {
    const [periodEnd, amount] = [str(body.forecast.periodEnd), finite(body.forecast.amount)];
    if (periodEnd && amount !== undefined) {
      forecast = { periodEnd, amount, method: str(body.forecast.method) ?? 'reported by the spend service', lower: finite(body.forecast.lower), upper: finite(body.forecast.upper) };
    } else warnings.push('forecast without periodEnd and amount ignored');
  }
  return {
    currency: str(body.currency) ?? 'USD',
    series,
    groups,
    total: groups.reduce((a, g) => a + g.cost, 0),
    resources,
    untaggedCost: finite(body.untaggedCost),
    usage,
    forecast,
    anomalies,
    warnings,
  };
}
