import { addDays, type DateRange } from '../period';
import type { CostMetric, Dimension, Granularity, NamedDimension, SpendQuery } from '../types';
import { TAG_DIMENSION_PREFIX, UNTAGGED } from '../types';
import { duckdbDialect, FocusColumns, isNumeric, isTemporal, quoteIdent, sqlString, type FocusDialect } from './focusColumns';

export { FocusColumns, sqlString } from './focusColumns';

/**
 * Every query the FOCUS backend runs, written against the FOCUS column names (1.0 to 1.3)
 * over one relation, `focus_raw`. Each query reads the files itself, with its date range
 * on the typed `ChargePeriodStart` column (so Parquet row groups outside it are skipped by
 * their min/max statistics) and its filters and grouping inside the engine: only
 * aggregates reach JavaScript. Another engine (Athena/Trino, BigQuery) supplies its own
 * `FocusDialect`.
 */

/** Which tag keys mean which dimension, in order of precedence; matched trimmed, case-insensitively, with or without AWS's `user:` prefix. */
export interface TagKeys {
  team: string[];
  project: string[];
  environment: string[];
  model: string[];
}

/** The defaults README documents under "Choosing the source". */
export const DEFAULT_TAG_KEYS: TagKeys = {
  team: ['team', 'owner'],
  project: ['project'],
  environment: ['environment', 'env'],
  model: ['model'],
};

/** The FOCUS columns the queries need; the rest may be absent. */
export const REQUIRED_COLUMNS = ['ChargePeriodStart'];

const METRIC_COLUMN: Record<CostMetric, string> = { effective: 'EffectiveCost', billed: 'BilledCost', list: 'ListCost' };

export function metricColumn(metric: CostMetric): string {
  return METRIC_COLUMN[metric];
}

/** Text columns read from the export, by the name the queries use. */
const TEXT_COLUMNS: Record<string, string[]> = {
  provider: ['ServiceProviderName', 'ProviderName'],
  service: ['ServiceName'],
  resource_id: ['ResourceId'],
  resource_name: ['ResourceName'],
  resource_type: ['ResourceType'],
  consumed_unit: ['ConsumedUnit'],
  currency: ['BillingCurrency'],
  region: ['RegionName', 'RegionId'],
  account: ['SubAccountName', 'SubAccountId'],
  billing_account: ['BillingAccountName', 'BillingAccountId'],
  service_category: ['ServiceCategory'],
  charge_category: ['ChargeCategory'],
  pricing_category: ['PricingCategory'],
  commitment: ['CommitmentDiscountName', 'CommitmentDiscountId'],
  commitment_status: ['CommitmentDiscountStatus'],
};

const TAG_DIMENSIONS = ['team', 'project', 'environment', 'model'] as const;

const DIMENSION_COLUMN: Record<NamedDimension, string> = {
  team: 'team',
  project: 'project',
  environment: 'environment',
  model: 'model',
  service: 'service',
  provider: 'provider',
  resource: 'coalesce(resource_name, resource_id)',
  region: 'region',
  account: 'account',
  billingAccount: 'billing_account',
  serviceCategory: 'service_category',
  chargeCategory: 'charge_category',
  pricingCategory: 'pricing_category',
  resourceType: 'resource_type',
  commitment: 'commitment',
};

/** An export as the queries see it: its columns, tag keys and engine. */
export interface FocusSource {
  columns: FocusColumns;
  tags: TagKeys;
  dialect?: FocusDialect;
}

type Sql = { sql: string; params: string[] };

function tagKeyOf(dim: Dimension): string | undefined {
  return dim.startsWith(TAG_DIMENSION_PREFIX) ? dim.slice(TAG_DIMENSION_PREFIX.length).trim() : undefined;
}

/** The grouping key of a dimension; spend without a value is grouped as `(untagged)`. */
export function dimensionKey(dim: Dimension): string {
  const tagKey = tagKeyOf(dim);
  const column = tagKey === undefined ? DIMENSION_COLUMN[dim as NamedDimension] : quoteIdent(`tag:${tagKey.toLowerCase()}`);
  return `coalesce(${column}, ${sqlString(UNTAGGED)})`;
}

export const text = (e: string) => (e === 'NULL' ? 'CAST(NULL AS VARCHAR)' : `nullif(nullif(trim(CAST(${e} AS VARCHAR)), 'NULL'), '')`);

/** `ChargePeriodStart` as a DATE, and the condition that keeps a range, on the typed column where there is one. */
export function dayOf(src: FocusSource): { day: string; inRange(r: DateRange): string } {
  const d = src.dialect ?? duckdbDialect;
  const col = src.columns.ref('ChargePeriodStart');
  const type = src.columns.typeOf('ChargePeriodStart');
  if (isTemporal(type)) {
    return {
      day: `CAST(${col} AS DATE)`,
      // Compared as the column's own type, the condition reaches the Parquet reader's row-group statistics.
      inRange: (r) => `${col} >= ${d.dayLiteral(r.from, type)} AND ${col} < ${d.dayLiteral(addDays(r.to, 1), type)}`,
    };
  }
  const day = d.textDate(text(col));
  return { day, inRange: (r) => `${day} BETWEEN DATE ${sqlString(r.from)} AND DATE ${sqlString(r.to)}` };
}

export function amountOf(src: FocusSource, name: string): string {
  const d = src.dialect ?? duckdbDialect;
  const ref = src.columns.ref(name);
  if (ref === 'NULL') return 'CAST(NULL AS DOUBLE)';
  return isNumeric(src.columns.typeOf(name)) ? `CAST(${ref} AS DOUBLE)` : d.textAmount(text(ref));
}

/** The tag dimensions a query reads: the four named ones and any `tag:<key>` it groups or filters by. */
function tagColumns(src: FocusSource, q: SpendQuery): { name: string; keys: readonly string[] }[] {
  const named = TAG_DIMENSIONS.map((dim) => ({ name: dim, keys: src.tags[dim] }));
  const extra = new Set<string>();
  for (const dim of [q.groupBy, ...Object.keys(q.filters)] as Dimension[]) {
    const key = tagKeyOf(dim);
    if (key !== undefined) extra.add(key.toLowerCase());
  }
  return [...named, ...[...extra].map((key) => ({ name: `tag:${key}`, keys: [key] }))];
}

/**
 * The normalised rows of one date range, as CTEs ending in `focus_rows`. Tags are resolved
 * once per distinct Tags value in the range (a bill repeats a few thousand tag sets over
 * millions of rows), then joined back. Unreadable dates fall outside every range and
 * unreadable amounts are NULL: the backend counts both once and reports them.
 */
export function rowsCte(src: FocusSource, q: SpendQuery): string {
  const d = src.dialect ?? duckdbDialect;
  const cols = src.columns;
  const day = dayOf(src);
  const tags = tagColumns(src, q);
  const texts = Object.entries(TEXT_COLUMNS).map(([alias, names]) => `${text(cols.first(...names))} AS ${alias}`);
  return `raw AS NOT MATERIALIZED (
  SELECT *, ${text(cols.tagsJson())} AS __tags FROM focus_raw WHERE ${day.inRange(q)}
),
tag_sets AS (
  SELECT __tags, ${tags.map((t) => `${d.tagValue('__tags', t.keys)} AS ${quoteIdent(t.name)}`).join(', ')}
  FROM (SELECT DISTINCT __tags FROM raw WHERE __tags IS NOT NULL)
),
focus_rows AS NOT MATERIALIZED (
  SELECT ${day.day} AS day,
    ${amountOf(src, 'EffectiveCost')} AS effective_cost,
    ${amountOf(src, 'BilledCost')} AS billed_cost,
    ${amountOf(src, 'ListCost')} AS list_cost,
    ${amountOf(src, 'ConsumedQuantity')} AS consumed_quantity,
    ${texts.join(',\n    ')},
    ${tags.map((t) => `tag_sets.${quoteIdent(t.name)}`).join(', ')}
  FROM raw LEFT JOIN tag_sets ON raw.__tags = tag_sets.__tags
)`;
}

/** The filters of a query (and the currency shown), values bound as parameters ($1, $2, ...). */
export function whereClause(q: SpendQuery, currency?: string): Sql {
  const params: string[] = [];
  const parts = ['TRUE'];
  for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
    if (!values?.length) continue;
    const slots = values.map((v) => {
      params.push(v.trim().toLowerCase());
      return `$${params.length}`;
    });
    parts.push(`lower(${dimensionKey(dim)}) IN (${slots.join(', ')})`);
  }
  if (currency !== undefined) {
    params.push(currency.toUpperCase());
    // Rows without a currency are counted with the export's main one.
    parts.push(`(currency IS NULL OR upper(currency) = $${params.length})`);
  }
  return { sql: parts.join(' AND '), params };
}

function bucket(g: Granularity): string {
  return g === 'month' ? "date_trunc('month', day)" : 'day';
}

function cost(q: SpendQuery): string {
  return `${q.metric}_cost`;
}

/** One statement over the query's rows: `WITH <rows><body>`; a body may add CTEs by starting with a comma. */
function over(src: FocusSource, q: SpendQuery, currency: string | undefined, body: (where: string) => string): Sql {
  const w = whereClause(q, currency);
  return { sql: `WITH ${rowsCte(src, q)}${body(w.sql)}`, params: w.params };
}

/** Spend per bucket and group, per billing currency (never summed across currencies). */
export function seriesSql(src: FocusSource, q: SpendQuery): Sql {
  return over(src, q, undefined, (where) => `
SELECT strftime(${bucket(q.granularity)}, '%Y-%m-%d') AS date, ${dimensionKey(q.groupBy)} AS key, upper(currency) AS currency, sum(${cost(q)}) AS cost
FROM focus_rows WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}

/** Units that measure work done (not time a resource was up or data kept); an endpoint with none of them is idle. */
const WORK_UNIT_PATTERN = '(?i)(request|invocation|token|call|inference|image|character|gb|gib)';
const TIME_UNIT_PATTERN = '(?i)(hour|month|day|second)';

function isWorkUnit(expr: string): string {
  return `(regexp_matches(coalesce(${expr}, ''), '${WORK_UNIT_PATTERN}') AND NOT regexp_matches(coalesce(${expr}, ''), '${TIME_UNIT_PATTERN}'))`;
}
/** Resource types and ids that serve traffic, whose hours without work are waste. */
const SERVING_PATTERN = '(?i)(endpoint|inference|serving|online)';

/**
 * The costliest resources, with what marks them idle or untagged. Rows are first summed per
 * resource and unit, so the pattern tests run on thousands of rows, not millions.
 */
export function topResourcesSql(src: FocusSource, q: SpendQuery, limit: number, currency?: string): Sql {
  return over(src, q, currency, (where) => `,
per_unit AS (
  SELECT resource_id, consumed_unit, any_value(resource_name) AS name, any_value(service) AS service, any_value(team) AS team,
    any_value(resource_type) AS resource_type, sum(${cost(q)}) AS cost, sum(consumed_quantity) AS quantity,
    bool_and(team IS NULL) AS untagged, min(day) AS first_day, max(day) AS last_day
  FROM focus_rows WHERE ${where} AND resource_id IS NOT NULL GROUP BY resource_id, consumed_unit
)
SELECT resource_id AS id, any_value(name) AS name, any_value(service) AS service, any_value(team) AS team, sum(cost) AS cost,
  bool_and(untagged) AS untagged,
  coalesce(sum(quantity) FILTER (WHERE ${isWorkUnit('consumed_unit')}), 0) AS work,
  bool_or(regexp_matches(coalesce(resource_type, '') || ' ' || resource_id, '${SERVING_PATTERN}')) AS serving,
  date_diff('day', min(first_day), max(last_day)) + 1 AS billed_days
FROM per_unit GROUP BY resource_id ORDER BY cost DESC, id LIMIT ${Math.max(1, Math.floor(limit))}`);
}

export function totalSql(src: FocusSource, q: SpendQuery, currency?: string): Sql {
  return over(src, q, currency, (where) => `
SELECT coalesce(sum(${cost(q)}), 0) AS cost FROM focus_rows WHERE ${where}`);
}

/**
 * Per consumed unit, in one pass: spend and quantity (unit costs: requests, tokens,
 * GPU-hours), spend with no team, and commitment discounts. Commitments are read on
 * EffectiveCost whatever the metric: a covered row's BilledCost is 0 (the commitment was
 * billed when bought). Eligible usage is usage not itself an unused commitment.
 */
export function breakdownSql(src: FocusSource, q: SpendQuery, currency?: string): Sql {
  const status = 'lower(commitment_status)';
  return over(src, q, currency, (where) => `
SELECT consumed_unit AS unit,
  ${isWorkUnit('consumed_unit')} OR regexp_matches(coalesce(consumed_unit, ''), '(?i)gpu') AS work,
  coalesce(sum(consumed_quantity) FILTER (WHERE consumed_quantity > 0), 0) AS quantity,
  coalesce(sum(${cost(q)}) FILTER (WHERE consumed_quantity > 0), 0) AS unit_cost,
  coalesce(sum(${cost(q)}) FILTER (WHERE team IS NULL), 0) AS untagged,
  coalesce(sum(effective_cost) FILTER (WHERE ${status} = 'used'), 0) AS commitment_used,
  coalesce(sum(effective_cost) FILTER (WHERE ${status} = 'unused'), 0) AS commitment_unused,
  coalesce(sum(effective_cost) FILTER (WHERE lower(charge_category) = 'usage' AND coalesce(${status}, '') <> 'unused'), 0) AS eligible
FROM focus_rows WHERE ${where} GROUP BY 1`);
}

/** The last day with data; the date condition reads only the typed column's statistics when it has them. */
export function dataEndSql(src: FocusSource): string {
  const day = dayOf(src);
  return `SELECT strftime(max(${day.day}), '%Y-%m-%d') AS last FROM focus_raw`;
}
