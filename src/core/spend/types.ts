/**
 * The spend model shared by every backend, the CLI and the panel. A backend answers a
 * `SpendQuery` with a `BackendResult`; `spendReport.ts` adds what the backend lacks
 * (forecast, anomalies, budgets) so that every face shows the same figures.
 */

/** Dimensions spend can be grouped or filtered by. */
export const DIMENSIONS = ['team', 'project', 'environment', 'service', 'provider', 'model', 'resource'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** FOCUS cost columns: EffectiveCost (amortised, after discounts), BilledCost, ListCost. */
export const METRICS = ['effective', 'billed', 'list'] as const;
export type CostMetric = (typeof METRICS)[number];

export type Granularity = 'day' | 'month';

export const SOURCE_KINDS = ['sample', 'focus', 'opencost', 'aws-cost-explorer', 'http'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Calendar dates as `YYYY-MM-DD`, UTC; `to` is inclusive. */
export interface SpendQuery {
  from: string;
  to: string;
  granularity: Granularity;
  groupBy: Dimension;
  metric: CostMetric;
  /** Only rows whose dimension value is one of the listed values (compared case-insensitively). */
  filters: Partial<Record<Dimension, string[]>>;
}

/** The label of spend that carries no value for the grouped tag. */
export const UNTAGGED = '(untagged)';

export interface SeriesPoint {
  /** First day of the bucket (`YYYY-MM-DD`). */
  date: string;
  key: string;
  cost: number;
}

export interface GroupTotal {
  key: string;
  cost: number;
}

export interface ResourceSpend {
  id: string;
  name?: string;
  service?: string;
  team?: string;
  cost: number;
  /** Why the backend thinks the resource is idle (no usage while billed), if it does. */
  idleReason?: string;
  untagged: boolean;
}

export interface UsageTotal {
  /** e.g. "1K requests", "1M tokens", "GPU-hours". */
  unit: string;
  quantity: number;
  cost: number;
}

export interface Forecast {
  /** Last day of the forecast period (inclusive). */
  periodEnd: string;
  amount: number;
  /** Who made it, named so users can judge it. */
  method: string;
  lower?: number;
  upper?: number;
}

export interface Anomaly {
  date: string;
  key: string;
  actual: number;
  expected: number;
  /** How the anomaly was found (backend name or the local method). */
  method: string;
  score?: number;
}

export interface SourceInfo {
  kind: SourceKind;
  /** Human label: a path, a URL host, "bundled sample data". */
  label: string;
  sample: boolean;
}

/** What a backend returns for one query. Optional parts are what only some backends know. */
export interface BackendResult {
  currency: string;
  series: SeriesPoint[];
  groups: GroupTotal[];
  total: number;
  resources?: ResourceSpend[];
  untaggedCost?: number;
  usage?: UsageTotal[];
  forecast?: Forecast;
  anomalies?: Anomaly[];
  warnings: string[];
}

export interface SpendBackend {
  readonly source: SourceInfo;
  query(q: SpendQuery, signal?: AbortSignal): Promise<BackendResult>;
  /** Only the total of a query, when the source can answer that more cheaply than `query`. */
  total?(q: SpendQuery): Promise<number>;
  /** The last day with data, when the source knows it (the sample uses it as "today"). */
  dataEnd?(): Promise<string | undefined>;
  /** Releases connections or files the backend holds. */
  dispose?(): Promise<void> | void;
}

/** A backend failure with a message fit for a user (no stack, no secrets). */
export class SpendSourceError extends Error {
  override readonly name = 'SpendSourceError';
}
