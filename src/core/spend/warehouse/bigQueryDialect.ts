import type { FocusDialect } from '../focus/focusColumns';
import { jsonTagValue } from './tagPattern';

const ISO_DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$';
const PLAIN_NUMBER = '^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?$';

/** GoogleSQL string literals take backslash escapes, so both the quote and the backslash are escaped. */
function bqString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * BigQuery (GoogleSQL): backtick quoting, `@p1` named parameters, no aggregate FILTER
 * clause, `FORMAT_DATE`, `LOGICAL_AND`. The billing export's FOCUS view is typed
 * (TIMESTAMP, NUMERIC, tags as JSON), so text values are read only when plainly ISO dates,
 * epoch numbers or plain numbers.
 */
export const bigQueryDialect: FocusDialect = {
  quoteIdent: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  string: bqString,
  param: (n) => `@p${n}`,
  textType: 'STRING',
  doubleType: 'FLOAT64',
  filtered: (agg, expr, cond) => (agg === 'count' ? `COUNTIF(${cond})` : `SUM(IF(${cond}, ${expr}, NULL))`),
  matches: (expr, pattern) => `REGEXP_CONTAINS(${expr}, ${bqString(pattern)})`,
  bucketLabel: (day, g) => `FORMAT_DATE(${g === 'month' ? "'%Y-%m-01'" : "'%Y-%m-%d'"}, ${day})`,
  dayText: (day) => `FORMAT_DATE('%Y-%m-%d', ${day})`,
  daysBetween: (first, last) => `(UNIX_DATE(${last}) - UNIX_DATE(${first}))`,
  anyValue: (e) => `ANY_VALUE(${e})`,
  boolAnd: (e) => `LOGICAL_AND(${e})`,
  boolOr: (e) => `LOGICAL_OR(${e})`,
  inlineCte: '',
  tagsJson: (ref, type) => (/^(JSON|STRUCT|RECORD)/.test(type) ? `TO_JSON_STRING(${ref})` : ref),
  textDate: (e) => `CASE
    WHEN REGEXP_CONTAINS(${e}, '${ISO_DAY}') THEN SAFE_CAST(SUBSTR(${e}, 1, 10) AS DATE)
    WHEN REGEXP_CONTAINS(${e}, '^[0-9]{10}$') THEN DATE(TIMESTAMP_SECONDS(CAST(${e} AS INT64)))
    WHEN REGEXP_CONTAINS(${e}, '^[0-9]{13}$') THEN DATE(TIMESTAMP_MILLIS(CAST(${e} AS INT64)))
  END`,
  isEpoch: (e) => `COALESCE(REGEXP_CONTAINS(${e}, '^([0-9]{10}|[0-9]{13})$'), FALSE)`,
  textAmount: (e) => `CASE WHEN REGEXP_CONTAINS(${e}, '${PLAIN_NUMBER}') THEN SAFE_CAST(${e} AS FLOAT64) END`,
  amountCoerced: () => 'FALSE',
  tagValue: (tags, keys) => jsonTagValue(tags, keys, bqString),
  dayLiteral: (day, type) => (/^DATE/.test(type) ? `DATE ${bqString(day)}` : `TIMESTAMP ${bqString(`${day} 00:00:00`)}`),
};
