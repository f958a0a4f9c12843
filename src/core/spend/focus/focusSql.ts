import { addDays, type DateRange } from '../period';
import type { CostMetric, Dimension, NamedDimension, SpendQuery } from '../types';
import { TAG_DIMENSION_PREFIX, UNTAGGED } from '../types';
import { duckdbDialect, FocusColumns, isNumeric, isTemporal, type FocusDialect } from './focusColumns';

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
  /** The table or view the rows are read from (`focus_raw`, DuckDB's view over the files, when absent). */
  relation?: string;
  /** A condition on the table's partition columns for a date range, so a warehouse reads only those partitions. */
  partitionFilter?(r: DateRange): string;
}

function dialectOf(src: FocusSource): FocusDialect {
  return src.dialect ?? duckdbDialect;
}

type Sql = { sql: string; params: string[] };

function tagKeyOf(dim: Dimension): string | undefined {
  return dim.startsWith(TAG_DIMENSION_PREFIX) ? dim.slice(TAG_DIMENSION_PREFIX.length).trim() : undefined;
}

/**
 * The column a `tag:<key>` dimension is read into: its key's UTF-8 bytes in hex, so that any
 * key (`cost-center`, `kubernetes.io/team`) is a plain identifier in every engine.
 */
function tagColumn(key: string): string {
  return `tag_${Buffer.from(key.toLowerCase(), 'utf8').toString('hex')}`;
}

/** The grouping key of a dimension; spend without a value is grouped as `(untagged)`. */
export function dimensionKey(dim: Dimension, d: FocusDialect = duckdbDialect): string {
  const tagKey = tagKeyOf(dim);
  const column = tagKey === undefined ? DIMENSION_COLUMN[dim as NamedDimension] : tagColumn(tagKey);
  return `coalesce(${column}, ${d.string(UNTAGGED)})`;
}

export const text = (e: string, d: FocusDialect = duckdbDialect) =>
  (e === 'NULL' ? `CAST(NULL AS ${d.textType})` : `nullif(nullif(trim(CAST(${e} AS ${d.textType})), 'NULL'), '')`);

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
  const day = d.textDate(text(col, d));
  return { day, inRange: (r) => `${day} BETWEEN DATE ${d.string(r.from)} AND DATE ${d.string(r.to)}` };
}

export function amountOf(src: FocusSource, name: string): string {
  const d = src.dialect ?? duckdbDialect;
  const ref = src.columns.ref(name);
  if (ref === 'NULL') return `CAST(NULL AS ${d.doubleType})`;
  return isNumeric(src.columns.typeOf(name)) ? `CAST(${ref} AS ${d.doubleType})` : d.textAmount(text(ref, d));
}

/** The tag dimensions a query reads: the four named ones and any `tag:<key>` it groups or filters by. */
function tagColumns(src: FocusSource, q: SpendQuery): { column: string; keys: readonly string[] }[] {
  const named = TAG_DIMENSIONS.map((dim) => ({ column: dim, keys: src.tags[dim] }));
  const extra = new Set<string>();
  for (const dim of [q.groupBy, ...Object.keys(q.filters)] as Dimension[]) {
    const key = tagKeyOf(dim);
    if (key !== undefined) extra.add(key.toLowerCase());
  }
  return [...named, ...[...extra].map((key) => ({ column: tagColumn(key), keys: [key] }))];
}

/**
 * The normalised rows of one date range, as CTEs ending in `focus_rows`. Tags are resolved
 * once per distinct Tags value in the range (a bill repeats a few thousand tag sets over
 * millions of rows), then joined back. Unreadable dates fall outside every range and
 * unreadable amounts are NULL: the backend counts both once and reports them.
 */
export function rowsCte(src: FocusSource, q: SpendQuery): string {
  const d = dialectOf(src);
  const cols = src.columns;
  const day = dayOf(src);
  const tags = tagColumns(src, q);
  const texts = Object.entries(TEXT_COLUMNS).map(([alias, names]) => `${text(cols.first(...names), d)} AS ${alias}`);
  const inRange = [day.inRange(q), ...(src.partitionFilter ? [src.partitionFilter(q)] : [])].join(' AND ');
  return `raw AS${d.inlineCte} (
  SELECT *, ${text(d.tagsJson(cols.ref('Tags'), cols.typeOf('Tags')), d)} AS tags_json FROM ${src.relation ?? 'focus_raw'} WHERE ${inRange}
),
tag_sets AS (
  SELECT tags_json, ${tags.map((t) => `${d.tagValue('tags_json', t.keys)} AS ${t.column}`).join(', ')}
  FROM (SELECT DISTINCT tags_json FROM raw WHERE tags_json IS NOT NULL) AS distinct_tags
),
focus_rows AS${d.inlineCte} (
  SELECT ${day.day} AS day,
    ${amountOf(src, 'EffectiveCost')} AS effective_cost,
    ${amountOf(src, 'BilledCost')} AS billed_cost,
    ${amountOf(src, 'ListCost')} AS list_cost,
    ${amountOf(src, 'ConsumedQuantity')} AS consumed_quantity,
    ${texts.join(',\n    ')},
    ${tags.map((t) => `tag_sets.${t.column}`).join(', ')}
  FROM raw LEFT JOIN tag_sets ON raw.tags_json = tag_sets.tags_json
)`;
}

/** The filters of a query (and the currency shown), values bound as parameters through the dialect's parameter markers. */
export function whereClause(q: SpendQuery, currency?: string, d: FocusDialect = duckdbDialect): Sql {
  const params: string[] = [];
  const parts = ['TRUE'];
  for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
    if (!values?.length) continue;
    const slots = values.map((v) => {
      params.push(v.trim().toLowerCase());
      return d.param(params.length);
    });
    parts.push(`lower(${dimensionKey(dim, d)}) IN (${slots.join(', ')})`);
  }
  if (currency !== undefined) {
    params.push(currency.toUpperCase());
    // Rows without a currency are counted with the export's main one.
    parts.push(`(currency IS NULL OR upper(currency) = ${d.param(params.length)})`);
  }
  return { sql: parts.join(' AND '), params };
}

function cost(q: SpendQuery): string {
  return `${q.metric}_cost`;
}

/** One statement over the query's rows: `WITH <rows><body>`; a body may add CTEs by starting with a comma. */
function over(src: FocusSource, q: SpendQuery, currency: string | undefined, body: (where: string, d: FocusDialect) => string): Sql {
  const d = dialectOf(src);
  const w = whereClause(q, currency, d);
  return { sql: `WITH ${rowsCte(src, q)}${body(w.sql, d)}`, params: w.params };
}

/** Spend per bucket and group, per billing currency (never summed across currencies). */
export function seriesSql(src: FocusSource, q: SpendQuery): Sql {
  return over(src, q, undefined, (where, d) => `
SELECT ${d.bucketLabel('day', q.granularity)} AS date, ${dimensionKey(q.groupBy, d)} AS key, upper(currency) AS currency, sum(${cost(q)}) AS cost
FROM focus_rows WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}

/** Units that measure work done (not time a resource was up or data kept); an endpoint with none of them is idle. */
const WORK_UNIT_PATTERN = '(?i)(request|invocation|token|call|inference|image|character|gb|gib)';
const TIME_UNIT_PATTERN = '(?i)(hour|month|day|second)';

function isWorkUnit(expr: string, d: FocusDialect): string {
  return `(${d.matches(`coalesce(${expr}, '')`, WORK_UNIT_PATTERN)} AND NOT ${d.matches(`coalesce(${expr}, '')`, TIME_UNIT_PATTERN)})`;
}
/** Resource types and ids that serve traffic, whose hours without work are waste. */
const SERVING_PATTERN = '(?i)(endpoint|inference|serving|online)';

/**
 * The costliest resources, with what marks them idle or untagged. Rows are first summed per
 * resource and unit, so the pattern tests run on thousands of rows, not millions.
 */
export function topResourcesSql(src: FocusSource, q: SpendQuery, limit: number, currency?: string): Sql {
  return over(src, q, currency, (where, d) => `,
per_unit AS (
  SELECT resource_id, consumed_unit, ${d.anyValue('resource_name')} AS name, ${d.anyValue('service')} AS service, ${d.anyValue('team')} AS team,
    ${d.anyValue('resource_type')} AS resource_type, sum(${cost(q)}) AS cost, sum(consumed_quantity) AS quantity,
    ${d.boolAnd('team IS NULL')} AS untagged, min(day) AS first_day, max(day) AS last_day
  FROM focus_rows WHERE ${where} AND resource_id IS NOT NULL GROUP BY resource_id, consumed_unit
)
SELECT resource_id AS id, ${d.anyValue('name')} AS name, ${d.anyValue('service')} AS service, ${d.anyValue('team')} AS team, sum(cost) AS cost,
  ${d.boolAnd('untagged')} AS untagged,
  coalesce(${d.filtered('sum', 'quantity', isWorkUnit('consumed_unit', d))}, 0) AS work,
  ${d.boolOr(d.matches("coalesce(resource_type, '') || ' ' || resource_id", SERVING_PATTERN))} AS serving,
  ${d.daysBetween('min(first_day)', 'max(last_day)')} + 1 AS billed_days
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
  return over(src, q, currency, (where, d) => {
    const sumIf = (expr: string, cond: string) => `coalesce(${d.filtered('sum', expr, cond)}, 0)`;
    return `
SELECT consumed_unit AS unit,
  ${isWorkUnit('consumed_unit', d)} OR ${d.matches("coalesce(consumed_unit, '')", '(?i)gpu')} AS work,
  ${sumIf('consumed_quantity', 'consumed_quantity > 0')} AS quantity,
  ${sumIf(cost(q), 'consumed_quantity > 0')} AS unit_cost,
  ${sumIf(cost(q), 'team IS NULL')} AS untagged,
  ${sumIf('effective_cost', `${status} = 'used'`)} AS commitment_used,
  ${sumIf('effective_cost', `${status} = 'unused'`)} AS commitment_unused,
  ${sumIf('effective_cost', `lower(charge_category) = 'usage' AND coalesce(${status}, '') <> 'unused'`)} AS eligible
FROM focus_rows WHERE ${where} GROUP BY 1`;
  });
}

/** The last day with data; the date condition reads only the typed column's statistics when it has them. */
export function dataEndSql(src: FocusSource): string {
  const day = dayOf(src);
  return `SELECT ${dialectOf(src).dayText(`max(${day.day})`)} AS last FROM ${src.relation ?? 'focus_raw'}`;
}
