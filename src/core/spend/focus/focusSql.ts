import type { CostMetric, Dimension, Granularity, SpendQuery } from '../types';
import { UNTAGGED } from '../types';

/**
 * Every query the FOCUS backend runs, written against the FOCUS column names (1.0 to 1.3)
 * over one relation, `focus_raw`. Keeping them here, apart from how files are read, lets the
 * same queries run where an organisation's exports already live (Athena/Trino, BigQuery):
 * only `FocusDialect` (tag lookup, date parsing) differs between engines.
 */

/** Which tag keys mean which dimension; matched trimmed, case-insensitively, with or without AWS's `user:` prefix. */
export interface TagKeys {
  team: string[];
  project: string[];
  environment: string[];
  model: string[];
}

export const DEFAULT_TAG_KEYS: TagKeys = {
  team: ['team'],
  project: ['project'],
  environment: ['environment', 'env'],
  model: ['model'],
};

/** Engine-specific fragments. The DuckDB one is below; another engine supplies its own. */
export interface FocusDialect {
  /** A timestamp held as text (with or without `T`/`Z`) or as a timestamp, to a UTC DATE. */
  toDate(expr: string): string;
  toDouble(expr: string): string;
  /** The trimmed, lower-cased value of the first tag whose normalised key is one of `keys`. */
  tagValue(tagsExpr: string, keys: string[]): string;
}

export const duckdbDialect: FocusDialect = {
  toDate: (e) => `CAST(TRY_CAST(CAST(${e} AS VARCHAR) AS TIMESTAMPTZ) AS DATE)`,
  toDouble: (e) => `TRY_CAST(CAST(${e} AS VARCHAR) AS DOUBLE)`,
  tagValue: (tags, keys) => {
    const wanted = `[${keys.map((k) => sqlString(k.trim().toLowerCase())).join(', ')}]`;
    // DuckDB evaluates every CASE branch, so invalid JSON is nulled before json_keys sees it.
    const t = `CASE WHEN coalesce(json_valid(${tags}), false) THEN ${tags} END`;
    const key = `list_filter(json_keys(${t}), k -> list_contains(${wanted}, regexp_replace(lower(trim(k)), '^user:', '')))[1]`;
    const value = `json_extract_string(${t}, '$."' || replace(${key}, '"', '\\"') || '"')`;
    return `nullif(lower(trim(${value})), '')`;
  },
};

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Columns of the source, by lower-cased FOCUS name, so absent conditional columns become NULL. */
export class FocusColumns {
  private readonly byLower = new Map<string, string>();
  private readonly types = new Map<string, string>();

  constructor(columns: readonly { name: string; type: string }[]) {
    for (const c of columns) {
      this.byLower.set(c.name.trim().toLowerCase(), c.name);
      this.types.set(c.name.trim().toLowerCase(), c.type.toUpperCase());
    }
  }

  /** The engine's type of a column, upper-cased ('' when absent). */
  typeOf(name: string): string {
    return this.types.get(name.toLowerCase()) ?? '';
  }

  /** Tags as JSON text: CSV exports hold JSON, Parquet exports (AWS) may hold a MAP. */
  tagsJson(): string {
    const ref = this.ref('Tags');
    const type = this.types.get('tags') ?? '';
    return /^(MAP|STRUCT)/.test(type) ? `CAST(to_json(${ref}) AS VARCHAR)` : ref;
  }

  has(name: string): boolean {
    return this.byLower.has(name.toLowerCase());
  }

  /** The quoted column, or NULL when this export does not carry it. */
  ref(name: string): string {
    const actual = this.byLower.get(name.toLowerCase());
    return actual === undefined ? 'NULL' : `"${actual.replace(/"/g, '""')}"`;
  }

  /** The first present column among FOCUS versions' names for one concept. */
  first(...names: string[]): string {
    const present = names.filter((n) => this.has(n)).map((n) => this.ref(n));
    if (present.length === 0) return 'NULL';
    return present.length === 1 ? present[0] : `coalesce(${present.join(', ')})`;
  }
}

const METRIC_COLUMN: Record<CostMetric, string> = { effective: 'EffectiveCost', billed: 'BilledCost', list: 'ListCost' };

export function metricColumn(metric: CostMetric): string {
  return METRIC_COLUMN[metric];
}

/** The normalised column holding a metric. */
function cost(q: SpendQuery): string {
  return `${q.metric}_cost`;
}

/** The FOCUS columns the queries need; the rest may be absent. */
export const REQUIRED_COLUMNS = ['ChargePeriodStart'];

const TEMPORAL = /^(TIMESTAMP|DATE)/;
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|HUGEINT|BIGINT|INTEGER|SMALLINT|TINYINT|UBIGINT|UINTEGER)/;

/**
 * One normalised row per FOCUS row: typed, trimmed, tags resolved. `NULLIF(.., 'NULL')`
 * catches the text NULL in exports that quote it (a CSV reader's nullstr misses those).
 * Typed Parquet columns are cast directly; text goes through the lenient parsers. Tags are
 * resolved once per distinct Tags value (a bill repeats a few thousand tag sets over
 * millions of rows), then joined back.
 */
export function normalizedRowsSql(cols: FocusColumns, tags: TagKeys, d: FocusDialect = duckdbDialect): string {
  const text = (e: string) => (e === 'NULL' ? 'CAST(NULL AS VARCHAR)' : `nullif(nullif(trim(CAST(${e} AS VARCHAR)), 'NULL'), '')`);
  const date = (name: string) => (TEMPORAL.test(cols.typeOf(name)) ? `CAST(${cols.ref(name)} AS DATE)` : d.toDate(text(cols.ref(name))));
  const amount = (name: string) => (NUMERIC.test(cols.typeOf(name)) ? `CAST(${cols.ref(name)} AS DOUBLE)` : d.toDouble(text(cols.ref(name))));
  return `WITH raw AS (SELECT *, ${text(cols.tagsJson())} AS __tags FROM focus_raw),
tag_sets AS (
  SELECT __tags,
    ${d.tagValue('__tags', tags.team)} AS team,
    ${d.tagValue('__tags', tags.project)} AS project,
    ${d.tagValue('__tags', tags.environment)} AS environment,
    ${d.tagValue('__tags', tags.model)} AS model
  FROM (SELECT DISTINCT __tags FROM raw WHERE __tags IS NOT NULL)
)
SELECT
  ${date('ChargePeriodStart')} AS day,
  coalesce(${amount('EffectiveCost')}, 0) AS effective_cost,
  coalesce(${amount('BilledCost')}, 0) AS billed_cost,
  coalesce(${amount('ListCost')}, 0) AS list_cost,
  ${text(cols.first('ServiceProviderName', 'ProviderName'))} AS provider,
  ${text(cols.ref('ServiceName'))} AS service,
  ${text(cols.ref('ResourceId'))} AS resource_id,
  ${text(cols.ref('ResourceName'))} AS resource_name,
  ${text(cols.ref('ResourceType'))} AS resource_type,
  ${text(cols.ref('ConsumedUnit'))} AS consumed_unit,
  ${amount('ConsumedQuantity')} AS consumed_quantity,
  ${text(cols.ref('BillingCurrency'))} AS currency,
  tag_sets.team, tag_sets.project, tag_sets.environment, tag_sets.model
FROM raw LEFT JOIN tag_sets ON raw.__tags = tag_sets.__tags`;
}

const DIMENSION_EXPR: Record<Dimension, string> = {
  team: 'team',
  project: 'project',
  environment: 'environment',
  model: 'model',
  service: 'service',
  provider: 'provider',
  resource: 'coalesce(resource_name, resource_id)',
};

/** The grouping key of a dimension; spend without a value is grouped as `(untagged)`. */
export function dimensionKey(dim: Dimension): string {
  return `coalesce(${DIMENSION_EXPR[dim]}, ${sqlString(UNTAGGED)})`;
}

/** WHERE clause for the query's range and filters; values are bound as parameters ($1, $2, ...). */
export function whereClause(q: SpendQuery): { sql: string; params: string[] } {
  const params: string[] = [q.from, q.to];
  const parts = ['day BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)'];
  for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
    if (!values?.length) continue;
    const slots = values.map((v) => {
      params.push(v.trim().toLowerCase());
      return `$${params.length}`;
    });
    parts.push(`lower(${dimensionKey(dim)}) IN (${slots.join(', ')})`);
  }
  return { sql: parts.join(' AND '), params };
}

function bucket(g: Granularity): string {
  return g === 'month' ? "date_trunc('month', day)" : 'day';
}

export function seriesSql(q: SpendQuery): { sql: string; params: string[] } {
  const w = whereClause(q);
  return {
    sql: `SELECT strftime(${bucket(q.granularity)}, '%Y-%m-%d') AS date, ${dimensionKey(q.groupBy)} AS key, sum(${cost(q)}) AS cost
FROM focus_rows WHERE ${w.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
    params: w.params,
  };
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
export function topResourcesSql(q: SpendQuery, limit: number): { sql: string; params: string[] } {
  const w = whereClause(q);
  return {
    sql: `WITH per_unit AS (
  SELECT resource_id, consumed_unit, any_value(resource_name) AS name, any_value(service) AS service, any_value(team) AS team,
    any_value(resource_type) AS resource_type, sum(${cost(q)}) AS cost, sum(consumed_quantity) AS quantity,
    bool_and(team IS NULL) AS untagged, min(day) AS first_day, max(day) AS last_day
  FROM focus_rows WHERE ${w.sql} AND resource_id IS NOT NULL GROUP BY resource_id, consumed_unit
)
SELECT resource_id AS id, any_value(name) AS name, any_value(service) AS service, any_value(team) AS team, sum(cost) AS cost,
  bool_and(untagged) AS untagged,
  coalesce(sum(quantity) FILTER (WHERE ${isWorkUnit('consumed_unit')}), 0) AS work,
  bool_or(regexp_matches(coalesce(resource_type, '') || ' ' || resource_id, '${SERVING_PATTERN}')) AS serving,
  date_diff('day', min(first_day), max(last_day)) + 1 AS billed_days
FROM per_unit GROUP BY resource_id ORDER BY cost DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: w.params,
  };
}

export function totalSql(q: SpendQuery): { sql: string; params: string[] } {
  const w = whereClause(q);
  return { sql: `SELECT coalesce(sum(${cost(q)}), 0) AS cost FROM focus_rows WHERE ${w.sql}`, params: w.params };
}

export function untaggedSql(q: SpendQuery): { sql: string; params: string[] } {
  const w = whereClause(q);
  return { sql: `SELECT coalesce(sum(${cost(q)}), 0) AS cost FROM focus_rows WHERE ${w.sql} AND team IS NULL`, params: w.params };
}

/** Spend and quantity per unit of work, for unit costs (per 1K requests, per 1M tokens). */
export function usageSql(q: SpendQuery): { sql: string; params: string[] } {
  const w = whereClause(q);
  return {
    sql: `SELECT unit, quantity, cost FROM (
  SELECT consumed_unit AS unit, sum(consumed_quantity) AS quantity, sum(${cost(q)}) AS cost
  FROM focus_rows WHERE ${w.sql} AND consumed_quantity > 0 GROUP BY 1
) WHERE ${isWorkUnit('unit')} ORDER BY cost DESC`,
    params: w.params,
  };
}

export function currencySql(q: SpendQuery): { sql: string; params: string[] } {
  const w = whereClause(q);
  return { sql: `SELECT DISTINCT upper(currency) AS currency FROM focus_rows WHERE ${w.sql} AND currency IS NOT NULL`, params: w.params };
}

export const DATA_END_SQL = "SELECT strftime(max(day), '%Y-%m-%d') AS last FROM focus_rows";
