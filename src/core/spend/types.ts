/**
 * The spend model shared by every backend, the CLI and the panel. A backend answers a
 * `SpendQuery` with a `BackendResult`; `spendReport.ts` adds what the backend lacks
 * (forecast, anomalies, budgets) so that every face shows the same figures.
 */

/**
 * Dimensions spend can be grouped or filtered by: the four tag dimensions whose keys
 * `.finops.yml` names, FOCUS columns, and any tag key as `tag:<key>`.
 */
export const DIMENSIONS = [
  'team', 'project', 'environment', 'service', 'provider', 'model', 'resource',
  'region', 'account', 'billingAccount', 'serviceCategory', 'chargeCategory', 'pricingCategory', 'resourceType', 'commitment',
] as const;
export type NamedDimension = (typeof DIMENSIONS)[number];
/** Spend grouped by one tag key, e.g. `tag:cost-center`. */
export type TagDimension = `tag:${string}`;
export type Dimension = NamedDimension | TagDimension;

export const TAG_DIMENSION_PREFIX = 'tag:';

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value) || (value.startsWith(TAG_DIMENSION_PREFIX) && value.trim().length > TAG_DIMENSION_PREFIX.length);
}

/** FOCUS cost columns: EffectiveCost (amortised, after discounts), BilledCost, ListCost. */
export const METRICS = ['effective', 'billed', 'list'] as const;
export type CostMetric = (typeof METRICS)[number];

export type Granularity = 'day' | 'month';

export const SOURCE_KINDS = ['sample', 'focus', 'opencost', 'aws-cost-explorer', 'http', 'athena', 'bigquery'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * How a warehouse table lays out the bill: FOCUS columns (`focus`), AWS Data Exports' CUR 2.0
 * (`cur2`, Athena) or Google's Cloud Billing export (`billing-export`, BigQuery); the last two
 * are presented to the FOCUS queries under FOCUS names.
 */
export const TABLE_LAYOUTS = ['focus', 'cur2', 'billing-export'] as const;
export type TableLayout = (typeof TABLE_LAYOUTS)[number];

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

/** Spend billed in another currency than the report's, shown apart and never added to it. */
export interface CurrencyTotal {
  currency: string;
  cost: number;
}

/**
 * Commitment discounts (savings plans, reservations, CUDs) from FOCUS's CommitmentDiscount*
 * columns, on EffectiveCost: `used` and `unused` commitment spend, and the usage spend they
 * could cover.
 */
export interface CommitmentUse {
  used: number;
  unused: number;
  /** Usage spend, covered or not (not counting unused commitment). */
  eligible: number;
  /** used / (used + unused). */
  utilisation: number;
  /** used / eligible. */
  coverage: number;
}

export interface FilesRead {
  /** What was read: export files (the focus source, the sample), or a warehouse table's queries (athena, bigquery). */
  what: 'files' | 'table';
  /**
   * e.g. "4 files read from AWS Data Exports (2 periods); 6 older deliveries of the same periods left out",
   * or "3 queries on Athena cur.focus scanned 4.3 MiB".
   */
  summary: string;
  used: string[];
  skipped: string[];
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
  /** What the source says caused it (service, region, usage type), when it says. */
  cause?: string;
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
  /** Spend in currencies other than `currency`, largest first. */
  otherCurrencies?: CurrencyTotal[];
  commitment?: CommitmentUse;
  /** Which files the figures come from, for file sources. */
  files?: FilesRead;
  forecast?: Forecast;
  anomalies?: Anomaly[];
  warnings: string[];
}

/** Parts of a result the caller will use; a source that pays per request skips the others. */
export interface QueryParts {
  /** The source's own anomalies (default true). */
  anomalies?: boolean;
}

export interface SpendBackend {
  readonly source: SourceInfo;
  query(q: SpendQuery, signal?: AbortSignal, parts?: QueryParts): Promise<BackendResult>;
  /** Only the series of a query, in `currency` when given, when the source can answer that more cheaply than `query`. */
  series?(q: SpendQuery, currency?: string): Promise<SeriesPoint[]>;
  /** Only the total of a query (in `currency` when given), when the source can answer that more cheaply than `query`. */
  total?(q: SpendQuery, currency?: string): Promise<number>;
  /** The last day with data, when the source knows it (the sample uses it as "today"). */
  dataEnd?(): Promise<string | undefined>;
  /** Releases connections or files the backend holds. */
  dispose?(): Promise<void> | void;
}

/** A backend failure with a message fit for a user (no stack, no secrets). */
export class SpendSourceError extends Error {
  override readonly name = 'SpendSourceError';
}
