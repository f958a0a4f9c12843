import { FocusColumns, isNumeric, type FocusDialect } from '../focus/focusColumns';
import type { WarehouseTable } from './warehouseBackend';

/** One FOCUS column presented over another layout: its SQL over the source row and its type. */
export interface ProjectedColumn {
  name: string;
  type: string;
  /** `undefined` when the source table lacks what it is made of: the column is then absent, as a FOCUS conditional column may be. */
  sql: string | undefined;
}

/**
 * A sub-select that presents a table of another layout under FOCUS column names, so the FOCUS
 * queries run on it unchanged. The engine pushes the queries' date and partition conditions
 * on these columns down to the source columns they rename, so partitions are still pruned.
 */
export function projectAsFocus(source: WarehouseTable, dialect: FocusDialect, alias: string, columns: ProjectedColumn[]): WarehouseTable {
  const present = columns.filter((c): c is ProjectedColumn & { sql: string } => c.sql !== undefined);
  const select = present.map((c) => `${c.sql} AS ${dialect.quoteIdent(c.name)}`).join(',\n    ');
  return {
    relation: `(\n  SELECT ${select}\n  FROM ${source.relation}\n) AS ${dialect.quoteIdent(alias)}`,
    columns: present.map((c) => ({ name: c.name, type: c.type })),
    partitionFilter: source.partitionFilter,
  };
}

/** The source table's columns, read by name whatever their case, with SQL for the shapes the mappings need. */
export class SourceColumns {
  private readonly cols: FocusColumns;

  constructor(table: WarehouseTable, private readonly dialect: FocusDialect) {
    this.cols = new FocusColumns(table.columns, dialect.quoteIdent);
  }

  has(name: string): boolean {
    return this.cols.has(name);
  }

  typeOf(name: string): string {
    return this.cols.typeOf(name);
  }

  /** The quoted column, or `undefined` when absent. */
  ref(name: string): string | undefined {
    return this.cols.has(name) ? this.cols.ref(name) : undefined;
  }

  /** The column as a double: a typed number cast, text (CUR 2.0 types some amounts as string) read where it is a number, else NULL. */
  amount(name: string): string | undefined {
    const ref = this.ref(name);
    if (ref === undefined) return undefined;
    return isNumeric(this.typeOf(name))
      ? `CAST(${ref} AS ${this.dialect.doubleType})`
      : this.dialect.textAmount(`nullif(trim(CAST(${ref} AS ${this.dialect.textType})), '')`);
  }

  /** The first non-empty of the present expressions (text columns, map look-ups), or `undefined` when none is present. */
  static firstText(...exprs: (string | undefined)[]): string | undefined {
    const present = exprs.filter((e): e is string => e !== undefined).map((e) => `nullif(${e}, '')`);
    return present.length === 0 ? undefined : present.length === 1 ? present[0] : `coalesce(${present.join(', ')})`;
  }

  /** The first present of `names` as an amount, NULL (not 0) when none is present. */
  firstAmount(...names: string[]): string {
    const present = names.map((n) => this.amount(n)).filter((a): a is string => a !== undefined);
    if (present.length === 0) return `CAST(NULL AS ${this.dialect.doubleType})`;
    return present.length === 1 ? present[0] : `coalesce(${present.join(', ')})`;
  }
}
