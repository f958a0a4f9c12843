import { quoteIdent, sqlString, type FocusDialect } from '../focus/focusColumns';
import { jsonTagValue } from './tagPattern';

const ISO_DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$';
const PLAIN_NUMBER = '^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?$';

/**
 * Athena's engine (Trino): standard quoting, `?` parameters (Athena's ExecutionParameters),
 * MySQL-style `date_format`. Data Exports tables are typed Parquet (timestamps, doubles, a
 * `map<string,string>` of tags), so text values are read only when plainly ISO dates,
 * epoch numbers or plain numbers.
 */
export const trinoDialect: FocusDialect = {
  quoteIdent,
  string: sqlString,
  param: () => '?',
  textType: 'VARCHAR',
  doubleType: 'DOUBLE',
  filtered: (agg, expr, cond) => `${agg}(${expr}) FILTER (WHERE ${cond})`,
  matches: (expr, pattern) => `regexp_like(${expr}, ${sqlString(pattern)})`,
  bucketLabel: (day, g) => `date_format(${g === 'month' ? `date_trunc('month', ${day})` : day}, '%Y-%m-%d')`,
  dayText: (day) => `date_format(${day}, '%Y-%m-%d')`,
  daysBetween: (first, last) => `date_diff('day', ${first}, ${last})`,
  anyValue: (e) => `arbitrary(${e})`,
  boolAnd: (e) => `bool_and(${e})`,
  boolOr: (e) => `bool_or(${e})`,
  inlineCte: '',
  tagsJson: (ref, type) => (/^(MAP|ROW|STRUCT)/.test(type) ? `json_format(CAST(${ref} AS JSON))` : ref),
  textDate: (e) => `CASE
    WHEN regexp_like(${e}, '${ISO_DAY}') THEN try_cast(substr(${e}, 1, 10) AS DATE)
    WHEN regexp_like(${e}, '^[0-9]{10}$') THEN CAST(from_unixtime(CAST(${e} AS BIGINT)) AS DATE)
    WHEN regexp_like(${e}, '^[0-9]{13}$') THEN CAST(from_unixtime(CAST(${e} AS BIGINT) / 1000) AS DATE)
  END`,
  isEpoch: (e) => `coalesce(regexp_like(${e}, '^([0-9]{10}|[0-9]{13})$'), false)`,
  textAmount: (e) => `CASE WHEN regexp_like(${e}, '${PLAIN_NUMBER}') THEN try_cast(${e} AS DOUBLE) END`,
  amountCoerced: () => 'false',
  tagValue: (tags, keys) => jsonTagValue(tags, keys, sqlString),
  dayLiteral: (day, type) => (/^DATE/.test(type) ? `DATE ${sqlString(day)}` : `TIMESTAMP ${sqlString(`${day} 00:00:00`)}`),
};
