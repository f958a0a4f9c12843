import type { SqlRow } from '../focus/duckdb';
import { FocusColumns, type FocusDialect } from '../focus/focusColumns';
import { queryFocus, querySeries, queryTotal, type RunSql } from '../focus/focusQueries';
import { DEFAULT_TAG_KEYS, REQUIRED_COLUMNS, type FocusSource, type TagKeys } from '../focus/focusSql';
import { monthStart, todayUtc, type DateRange } from '../period';
import type { BackendResult, SeriesPoint, SourceInfo, SpendBackend, SpendQuery } from '../types';
import { SpendSourceError } from '../types';
import { formatBytes } from './bytes';

/** A warehouse table of FOCUS rows as the queries need it. */
export interface WarehouseTable {
  /** The relation in the engine's own quoting, e.g. "cur"."focus" or `proj.billing.focus`. */
  relation: string;
  columns: { name: string; type: string }[];
  /** A condition on the table's partition columns for a date range, when it is partitioned by billing period. */
  partitionFilter?(r: DateRange): string;
  /** The engine's dialect as this table's layout needs it (how its tag keys are spelled), when it differs. */
  dialect?: FocusDialect;
}

/** One statement's answer and what the engine says it read (bytes it bills by). */
export interface WarehouseAnswer {
  rows: SqlRow[];
  bytesScanned: number;
}

/** What differs between Athena and BigQuery: the API and the dialect; the queries are the same. */
export interface WarehouseEngine {
  readonly dialect: FocusDialect;
  readonly source: SourceInfo;
  /** The table's columns (from the catalog: free, scans nothing). */
  describe(signal?: AbortSignal): Promise<WarehouseTable>;
  /** Runs one statement; throws a `SpendSourceError` that says why when the engine refuses it (cost limit, permissions). */
  run(sql: string, params: string[], signal?: AbortSignal): Promise<WarehouseAnswer>;
  dispose?(): void;
}

export interface WarehouseOptions {
  tagKeys?: TagKeys;
  topResources?: number;
  /** "Today" for deciding which periods are closed; tests fix it. */
  today?: () => string;
}

/** A table that is plainly in another layout than the one configured says which to set. */
export function layoutHint(columns: readonly { name: string }[]): string {
  const names = new Set(columns.map((c) => c.name.toLowerCase()));
  if (names.has('line_item_usage_start_date')) return ' (its columns are CUR 2.0\'s: set the layout to cur2)';
  if (names.has('usage_start_time') && names.has('credits')) return ' (its columns are the Cloud Billing export\'s: set the layout to billing-export)';
  if (names.has('chargeperiodstart')) return ' (its columns are FOCUS\'s: set the layout to focus)';
  return '';
}

/**
 * Runs the FOCUS queries (focusQueries.ts, in the engine's dialect) on a warehouse table.
 * Every statement carries the date range on ChargePeriodStart and, where the table has one,
 * its billing-period partition, so the engine reads only those partitions. Answers for a
 * period that ended before this month (a closed bill) are kept for the life of the backend:
 * the panel's history, forecast and anomaly queries over past months are paid for once.
 */
export class WarehouseBackend implements SpendBackend {
  readonly source: SourceInfo;
  private table: Promise<FocusSource> | undefined;
  private readonly closed = new Map<string, SqlRow[]>();
  private readonly usage = { statements: 0, cached: 0, bytes: 0 };

  constructor(private readonly engine: WarehouseEngine, private readonly options: WarehouseOptions = {}) {
    this.source = engine.source;
  }

  async query(q: SpendQuery, signal?: AbortSignal): Promise<BackendResult> {
    const before = { ...this.usage };
    const result = await queryFocus(this.runner(q, signal), await this.focusSource(signal), q, this.options.topResources ?? 15);
    return { ...result, files: this.readSummary(before) };
  }

  async series(q: SpendQuery, currency?: string): Promise<SeriesPoint[]> {
    return querySeries(this.runner(q), await this.focusSource(), q, currency);
  }

  async total(q: SpendQuery, currency?: string): Promise<number> {
    return queryTotal(this.runner(q), await this.focusSource(), q, currency);
  }

  dispose(): void {
    this.engine.dispose?.();
  }

  private focusSource(signal?: AbortSignal): Promise<FocusSource> {
    if (!this.table) {
      this.table = this.engine.describe(signal).then((t) => this.toSource(t));
      // A failed look-up is not kept: the user may fix the table name or permissions and refresh.
      this.table.catch(() => (this.table = undefined));
    }
    return this.table;
  }

  private toSource(table: WarehouseTable): FocusSource {
    const dialect = table.dialect ?? this.engine.dialect;
    const columns = new FocusColumns(table.columns, dialect.quoteIdent);
    const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
    if (missing.length) throw new SpendSourceError(`${this.source.label} is not a FOCUS table: no ${missing.join(', ')} column${layoutHint(table.columns)}`);
    return { columns, tags: this.options.tagKeys ?? DEFAULT_TAG_KEYS, dialect, relation: table.relation, partitionFilter: table.partitionFilter };
  }

  /** Runs statements of one query, from the closed-period cache when the query's range ended before this month. */
  private runner(q: SpendQuery, signal?: AbortSignal): RunSql {
    const closed = q.to < monthStart((this.options.today ?? todayUtc)());
    return async ({ sql, params }) => {
      const key = JSON.stringify([sql, params]);
      const kept = closed ? this.closed.get(key) : undefined;
      if (kept) {
        this.usage.cached++;
        return kept;
      }
      const answer = await this.engine.run(sql, params, signal);
      this.usage.statements++;
      this.usage.bytes += answer.bytesScanned;
      if (closed) this.closed.set(key, answer.rows);
      return answer.rows;
    };
  }

  private readSummary(before: { statements: number; cached: number; bytes: number }) {
    const ran = this.usage.statements - before.statements;
    const cached = this.usage.cached - before.cached;
    const bytes = this.usage.bytes - before.bytes;
    const parts = [`${ran} quer${ran === 1 ? 'y' : 'ies'} on ${this.source.label} scanned ${formatBytes(bytes)}`];
    if (cached) parts.push(`${cached} answered from the closed-period cache`);
    return { what: 'table' as const, summary: parts.join('; '), used: [this.source.label], skipped: [] };
  }
}
