/** The columns an export carries, and how an engine reads FOCUS values held as text. */

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Columns of the source, by lower-cased FOCUS name, so absent conditional columns become NULL. */
export class FocusColumns {
  private readonly byLower = new Map<string, string>();
  private readonly types = new Map<string, string>();

  /** `quote` is the engine's identifier quoting (BigQuery's backticks, the standard's double quotes). */
  constructor(columns: readonly { name: string; type: string }[], private readonly quote: (name: string) => string = quoteIdent) {
    for (const c of columns) {
      this.byLower.set(c.name.trim().toLowerCase(), c.name);
      this.types.set(c.name.trim().toLowerCase(), c.type.toUpperCase());
    }
  }

  /** The engine's type of a column, upper-cased ('' when absent). */
  typeOf(name: string): string {
    return this.types.get(name.toLowerCase()) ?? '';
  }

  has(name: string): boolean {
    return this.byLower.has(name.toLowerCase());
  }

  /** The quoted column, or NULL when this export does not carry it. */
  ref(name: string): string {
    const actual = this.byLower.get(name.toLowerCase());
    return actual === undefined ? 'NULL' : this.quote(actual);
  }

  /** The first present column among FOCUS versions' names for one concept. */
  first(...names: string[]): string {
    const present = names.filter((n) => this.has(n)).map((n) => this.ref(n));
    if (present.length === 0) return 'NULL';
    return present.length === 1 ? present[0] : `coalesce(${present.join(', ')})`;
  }
}

const TEMPORAL = /^(TIMESTAMP|DATE)/;
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|BIGNUMERIC|HUGEINT|BIGINT|INTEGER|INT64|INT\b|SMALLINT|TINYINT|UBIGINT|UINTEGER)/;

export function isTemporal(type: string): boolean {
  return TEMPORAL.test(type);
}

export function isNumeric(type: string): boolean {
  return NUMERIC.test(type);
}

/**
 * Engine-specific fragments: DuckDB's here, Athena's (Trino) and BigQuery's in
 * `warehouse/`. Text values are read strictly: what is unambiguous is coerced (currency
 * symbols, thousands separators with a decimal part or several groups, epoch seconds and
 * milliseconds); anything else is NULL, which the backend counts and reports.
 */
export interface FocusDialect {
  quoteIdent(name: string): string;
  /** A string constant. */
  string(value: string): string;
  /** The parameter marker (`?`, `@p1`, `$1`) of the n-th (1-based) bound string parameter. */
  param(n: number): string;
  /** The engine's names of the text and floating-point types. */
  textType: string;
  doubleType: string;
  /** `agg(expr)` over the rows where `cond` holds. */
  filtered(agg: 'sum' | 'count', expr: string, cond: string): string;
  /** True when the regular expression (RE2 syntax, no backslashes) matches part of `expr`. */
  matches(expr: string, pattern: string): string;
  /** The first day of the day's bucket (the day, or its month) as `YYYY-MM-DD` text. */
  bucketLabel(day: string, granularity: 'day' | 'month'): string;
  /** A date as `YYYY-MM-DD` text. */
  dayText(day: string): string;
  /** Days from `first` to `last` (dates). */
  daysBetween(first: string, last: string): string;
  anyValue(expr: string): string;
  boolAnd(expr: string): string;
  boolOr(expr: string): string;
  /** Added after a CTE's `AS` where the engine may otherwise compute it once and keep it. */
  inlineCte: string;
  /** Tags as JSON text, from the column's type (JSON text, MAP, STRUCT or JSON). */
  tagsJson(ref: string, type: string): string;
  /** A date or timestamp held as text to a UTC DATE; NULL when ambiguous (`5/1/25`) or unreadable. */
  textDate(expr: string): string;
  /** True when `textDate` read the text as an epoch number. */
  isEpoch(expr: string): string;
  /** A number held as text; NULL when ambiguous (`1,5`, `1.234,50`, `1,234`) or unreadable. */
  textAmount(expr: string): string;
  /** True when the text is a number only after removing currency symbols or thousands separators. */
  amountCoerced(expr: string): string;
  /** The trimmed, lower-cased value of the first of `keys` (in that order) the tags carry. */
  tagValue(tagsExpr: string, keys: readonly string[]): string;
  /** A constant of a column's type for midnight UTC of an ISO day, so the engine can prune by it. */
  dayLiteral(day: string, columnType: string): string;
}

const ISO_DAY = "'\\d{4}-\\d{2}-\\d{2}([ T].*)?'";
const PLAIN_NUMBER = "'[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?'";
/** 1,234.50 or 1,234,567: a comma group count or a decimal point says the commas are thousands. */
const THOUSANDS = "'[-+]?[1-9]\\d{0,2}((,\\d{3}){2,}(\\.\\d+)?|,\\d{3}\\.\\d+)'";
const CURRENCY_AND_SPACE = "'[\\s$€£¥₹]'";

export const duckdbDialect: FocusDialect = {
  quoteIdent,
  string: sqlString,
  param: (n) => `$${n}`,
  textType: 'VARCHAR',
  doubleType: 'DOUBLE',
  filtered: (agg, expr, cond) => `${agg}(${expr}) FILTER (WHERE ${cond})`,
  matches: (expr, pattern) => `regexp_matches(${expr}, ${sqlString(pattern)})`,
  bucketLabel: (day, g) => `strftime(${g === 'month' ? `date_trunc('month', ${day})` : day}, '%Y-%m-%d')`,
  dayText: (day) => `strftime(${day}, '%Y-%m-%d')`,
  daysBetween: (first, last) => `date_diff('day', ${first}, ${last})`,
  anyValue: (e) => `any_value(${e})`,
  boolAnd: (e) => `bool_and(${e})`,
  boolOr: (e) => `bool_or(${e})`,
  inlineCte: ' NOT MATERIALIZED',
  tagsJson: (ref, type) => (/^(MAP|STRUCT)/.test(type) ? `CAST(to_json(${ref}) AS VARCHAR)` : ref),
  textDate: (e) => `CASE
    WHEN regexp_full_match(${e}, ${ISO_DAY}) THEN CAST(TRY_CAST(${e} AS TIMESTAMPTZ) AS DATE)
    WHEN regexp_full_match(${e}, '\\d{10}') THEN CAST(to_timestamp(CAST(${e} AS BIGINT)) AS DATE)
    WHEN regexp_full_match(${e}, '\\d{13}') THEN CAST(epoch_ms(CAST(${e} AS BIGINT)) AS DATE)
  END`,
  isEpoch: (e) => `coalesce(regexp_full_match(${e}, '\\d{10}|\\d{13}'), false)`,
  textAmount: (e) => {
    const bare = `regexp_replace(${e}, ${CURRENCY_AND_SPACE}, '', 'g')`;
    return `CASE
    WHEN regexp_full_match(${bare}, ${PLAIN_NUMBER}) THEN TRY_CAST(${bare} AS DOUBLE)
    WHEN regexp_full_match(${bare}, ${THOUSANDS}) THEN TRY_CAST(replace(${bare}, ',', '') AS DOUBLE)
  END`;
  },
  amountCoerced: (e) => `coalesce(NOT regexp_full_match(${e}, ${PLAIN_NUMBER}), false)`,
  tagValue: (tags, keys) => {
    // DuckDB evaluates every CASE branch, so invalid JSON is nulled before json_keys sees it.
    const t = `CASE WHEN coalesce(json_valid(${tags}), false) THEN ${tags} END`;
    const one = (k: string) => {
      const key = `list_filter(json_keys(${t}), k -> regexp_replace(lower(trim(k)), '^user:', '') = ${sqlString(k.trim().toLowerCase())})[1]`;
      return `nullif(lower(trim(json_extract_string(${t}, '$."' || replace(${key}, '"', '\\"') || '"'))), '')`;
    };
    return keys.length === 1 ? one(keys[0]) : `coalesce(${keys.map(one).join(', ')})`;
  },
  dayLiteral: (day, type) => `CAST(${sqlString(day)} AS ${type})`,
};
