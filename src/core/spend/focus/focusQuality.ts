import type { SqlRow } from './duckdb';
import { duckdbDialect, isNumeric, isTemporal, type FocusDialect } from './focusColumns';
import { text, type FocusSource } from './focusSql';

/**
 * Rows an export's text values make unreadable or needed coercing, counted once per load.
 * Typed columns (Parquet timestamps and doubles) need no check, so a typed export is not
 * scanned for it.
 */

const AMOUNT_COLUMNS = ['EffectiveCost', 'BilledCost', 'ListCost', 'ConsumedQuantity'];

interface Check {
  alias: string;
  /** The aggregate counting rows, and an example value when it is worth showing. */
  count: string;
  example?: string;
  message(n: number, example: string | undefined): string;
}

function rows(n: number): string {
  return `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}

function quoted(example: string | undefined): string {
  return example === undefined ? '' : ` (e.g. "${example.length > 40 ? `${example.slice(0, 40)}…` : example}")`;
}

function checks(src: FocusSource): Check[] {
  const d: FocusDialect = src.dialect ?? duckdbDialect;
  const cols = src.columns;
  const out: Check[] = [];
  if (!isTemporal(cols.typeOf('ChargePeriodStart'))) {
    const s = text(cols.ref('ChargePeriodStart'), d);
    out.push(
      { alias: 'date_missing', count: `count(*) FILTER (WHERE ${s} IS NULL)`, message: (n) => `ChargePeriodStart is empty in ${rows(n)}; they are left out` },
      {
        alias: 'date_bad', count: `count(*) FILTER (WHERE ${s} IS NOT NULL AND (${d.textDate(s)}) IS NULL)`,
        example: `any_value(${s}) FILTER (WHERE ${s} IS NOT NULL AND (${d.textDate(s)}) IS NULL)`,
        message: (n, e) => `ChargePeriodStart is not an unambiguous date in ${rows(n)}${quoted(e)}; they are left out (dates must be ISO 8601 or epoch seconds/milliseconds)`,
      },
      {
        alias: 'date_epoch', count: `count(*) FILTER (WHERE ${d.isEpoch(s)})`, example: `any_value(${s}) FILTER (WHERE ${d.isEpoch(s)})`,
        message: (n, e) => `ChargePeriodStart is an epoch number in ${rows(n)}${quoted(e)}; read as UTC seconds or milliseconds`,
      },
    );
  }
  for (const name of AMOUNT_COLUMNS) {
    if (!cols.has(name) || isNumeric(cols.typeOf(name))) continue;
    const s = text(cols.ref(name), d);
    const key = name.toLowerCase();
    const bad = `${s} IS NOT NULL AND (${d.textAmount(s)}) IS NULL`;
    const coerced = `(${d.textAmount(s)}) IS NOT NULL AND ${d.amountCoerced(s)}`;
    out.push(
      {
        alias: `${key}_bad`, count: `count(*) FILTER (WHERE ${bad})`, example: `any_value(${s}) FILTER (WHERE ${bad})`,
        message: (n, e) => `${name} is not an unambiguous number in ${rows(n)}${quoted(e)}; they are left out of ${name} totals`,
      },
      {
        alias: `${key}_coerced`, count: `count(*) FILTER (WHERE ${coerced})`, example: `any_value(${s}) FILTER (WHERE ${coerced})`,
        message: (n, e) => `${name} carries a currency symbol or thousands separators in ${rows(n)}${quoted(e)}; read as plain numbers`,
      },
    );
  }
  return out;
}

/** The statement that counts every check, or undefined when the export is fully typed. */
export function qualitySql(src: FocusSource): { sql: string; read(row: SqlRow | undefined): string[] } | undefined {
  const list = checks(src);
  if (!list.length) return undefined;
  const selects = list.flatMap((c) => [`${c.count} AS ${c.alias}`, ...(c.example ? [`${c.example} AS ${c.alias}_example`] : [])]);
  return {
    sql: `SELECT ${selects.join(',\n  ')}\nFROM focus_raw`,
    read(row) {
      const warnings: string[] = [];
      for (const c of list) {
        const n = Number(row?.[c.alias] ?? 0);
        if (n > 0) warnings.push(c.message(n, row?.[`${c.alias}_example`] == null ? undefined : String(row[`${c.alias}_example`])));
      }
      return warnings;
    },
  };
}
