import type { AthenaClient, ColumnInfo, Row } from '@aws-sdk/client-athena';
import { formatDuration } from '../../format/duration';
import type { SqlRow } from '../focus/duckdb';
import { quoteIdent, sqlString } from '../focus/focusColumns';
import type { DateRange } from '../period';
import type { SourceInfo } from '../types';
import { SpendSourceError } from '../types';
import { formatBytes } from './bytes';
import { cur2AsFocus } from './cur2Layout';
import { trinoDialect } from './trinoDialect';
import type { WarehouseAnswer, WarehouseEngine, WarehouseTable } from './warehouseBackend';

export interface AthenaOptions {
  /** `database.table` of the Data Exports table (FOCUS 1.0, or CUR 2.0 with `layout: 'cur2'`) in the Glue catalog. */
  table: string;
  /** The table's columns: FOCUS (the default) or CUR 2.0, presented to the queries as FOCUS. */
  layout?: 'focus' | 'cur2';
  catalog?: string;
  /** Athena workgroup: its data-scanned limit per query is enforced by Athena itself. */
  workgroup?: string;
  /** s3:// location for query results, when the workgroup sets none. */
  outputLocation?: string;
  region?: string;
  profile?: string;
  /** Bytes a statement may scan before it is stopped (checked while it runs, besides the workgroup's limit). */
  maxBytesScanned: number;
  /** Tests point the real SDK at a local server; never set from a workspace file. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Deadline of each API request. */
  timeoutMs?: number;
  /** Longest wait for one statement to finish before it is stopped. */
  queryTimeoutMs?: number;
  /** First and longest pause between GetQueryExecution polls. */
  pollMs?: { first: number; max: number };
}

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** AWS Athena over a Data Exports table: StartQueryExecution, GetQueryExecution polling, GetQueryResults paging. */
export class AthenaEngine implements WarehouseEngine {
  readonly dialect = trinoDialect;
  readonly source: SourceInfo;
  private client: Promise<AthenaClient> | undefined;
  private readonly database: string;
  private readonly tableName: string;

  constructor(private readonly options: AthenaOptions) {
    const parts = options.table.split('.');
    if (parts.length !== 2 || parts.some((p) => !p.trim())) throw new SpendSourceError(`the athena source's table "${options.table}" must be database.table`);
    [this.database, this.tableName] = parts.map((p) => p.trim());
    this.source = { kind: 'athena', label: `Athena ${this.database}.${this.tableName}${options.layout === 'cur2' ? ' (CUR 2.0)' : ''}`, sample: false };
  }

  async describe(signal?: AbortSignal): Promise<WarehouseTable> {
    const athena = await import('@aws-sdk/client-athena');
    const client = await this.clientOnce();
    const out = await this.send((abortSignal) => client.send(new athena.GetTableMetadataCommand({
      CatalogName: this.options.catalog ?? 'AwsDataCatalog', DatabaseName: this.database, TableName: this.tableName,
    }), { abortSignal }), signal);
    const meta = out.TableMetadata;
    const all = [...(meta?.Columns ?? []), ...(meta?.PartitionKeys ?? [])];
    const partitions = new Set((meta?.PartitionKeys ?? []).map((k) => (k.Name ?? '').toLowerCase()));
    const table: WarehouseTable = {
      relation: `${quoteIdent(this.database)}.${quoteIdent(this.tableName)}`,
      columns: all.map((c) => ({ name: c.Name ?? '', type: (c.Type ?? '').toUpperCase() })),
      partitionFilter: partitionFilterOf(partitions),
    };
    return this.options.layout === 'cur2' ? cur2AsFocus(table, this.source.label) : table;
  }

  async run(sql: string, params: string[], signal?: AbortSignal): Promise<WarehouseAnswer> {
    const athena = await import('@aws-sdk/client-athena');
    const client = await this.clientOnce();
    const started = await this.send((abortSignal) => client.send(new athena.StartQueryExecutionCommand({
      QueryString: sql,
      // Athena substitutes each value, as SQL text, for the next `?`.
      ExecutionParameters: params.length ? params.map(sqlString) : undefined,
      QueryExecutionContext: { Catalog: this.options.catalog ?? 'AwsDataCatalog', Database: this.database },
      WorkGroup: this.options.workgroup,
      ResultConfiguration: this.options.outputLocation ? { OutputLocation: this.options.outputLocation } : undefined,
    }), { abortSignal }), signal);
    const id = started.QueryExecutionId;
    if (!id) throw new SpendSourceError(`${this.source.label}: Athena started no query`);
    const bytesScanned = await this.waitFor(id, signal);
    return { rows: await this.results(id, signal), bytesScanned };
  }

  dispose(): void {
    void this.client?.then((c) => c.destroy(), () => undefined);
    this.client = undefined;
  }

  /** Polls until the statement finishes; stops it when it scans past the limit or runs past the deadline. */
  private async waitFor(id: string, signal?: AbortSignal): Promise<number> {
    const athena = await import('@aws-sdk/client-athena');
    const client = await this.clientOnce();
    const deadline = Date.now() + (this.options.queryTimeoutMs ?? 300_000);
    const poll = this.options.pollMs ?? { first: 200, max: 2_000 };
    for (let pause = poll.first; ; pause = Math.min(pause * 2, poll.max)) {
      const out = await this.send((abortSignal) => client.send(new athena.GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal }), signal);
      const state = out.QueryExecution?.Status?.State ?? 'QUEUED';
      const scanned = out.QueryExecution?.Statistics?.DataScannedInBytes ?? 0;
      if (state === 'SUCCEEDED') return scanned;
      if (FINISHED.has(state)) {
        const reason = out.QueryExecution?.Status?.StateChangeReason ?? out.QueryExecution?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
        throw new SpendSourceError(`${this.source.label}: the query ${state.toLowerCase()}: ${reason.split('\n')[0]}`);
      }
      const stop = scanned > this.options.maxBytesScanned
        ? `it had scanned ${formatBytes(scanned)}, over the limit of ${formatBytes(this.options.maxBytesScanned)} (aiFinops.spend.maxScanGigabytes)`
        : Date.now() > deadline ? `it ran longer than ${formatDuration(this.options.queryTimeoutMs ?? 300_000)}` : signal?.aborted ? 'cancelled' : undefined;
      if (stop) {
        await this.send((abortSignal) => client.send(new athena.StopQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal })).catch(() => undefined);
        throw new SpendSourceError(`${this.source.label}: the query was stopped: ${stop}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async results(id: string, signal?: AbortSignal): Promise<SqlRow[]> {
    const athena = await import('@aws-sdk/client-athena');
    const client = await this.clientOnce();
    const rows: SqlRow[] = [];
    let columns: ColumnInfo[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const out = await this.send((abortSignal) => client.send(new athena.GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }), { abortSignal }), signal);
      columns = out.ResultSet?.ResultSetMetadata?.ColumnInfo ?? columns;
      const data = out.ResultSet?.Rows ?? [];
      // The first row of a SELECT's first page repeats the column names.
      rows.push(...data.slice(first ? 1 : 0).map((r) => toRow(r, columns)));
      first = false;
      token = out.NextToken;
    } while (token);
    return rows;
  }

  private clientOnce(): Promise<AthenaClient> {
    const timeout = this.options.timeoutMs ?? 30_000;
    this.client ??= import('@aws-sdk/client-athena').then((athena) => new athena.AthenaClient({
      region: this.options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      profile: this.options.profile,
      endpoint: this.options.endpoint,
      credentials: this.options.credentials,
      maxAttempts: 2,
      requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, socketTimeout: timeout, throwOnRequestTimeout: true },
    }));
    return this.client;
  }

  private async send<T>(call: (abortSignal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const deadline = AbortSignal.timeout((this.options.timeoutMs ?? 30_000) * 2 + 2_000);
    try {
      return await call(signal ? AbortSignal.any([signal, deadline]) : deadline);
    } catch (e) {
      if (e instanceof SpendSourceError) throw e;
      const err = e as { name?: string; message?: string };
      if (deadline.aborted || err.name === 'TimeoutError') throw new SpendSourceError(`${this.source.label}: Athena did not answer within ${formatDuration(this.options.timeoutMs ?? 30_000)}`);
      if (signal?.aborted) throw new SpendSourceError(`${this.source.label}: cancelled`);
      throw new SpendSourceError(`${this.source.label}: ${err.name ?? 'error'}: ${(err.message ?? '').split('\n')[0]}`);
    }
  }
}

/**
 * Data Exports tables are partitioned by `billing_period` (`YYYY-MM`); legacy CUR tables by
 * `year` and `month`. The range's months become a condition Athena prunes partitions by.
 */
function partitionFilterOf(partitions: Set<string>): ((r: DateRange) => string) | undefined {
  if (partitions.has('billing_period')) {
    return (r) => `${quoteIdent('billing_period')} BETWEEN ${sqlString(r.from.slice(0, 7))} AND ${sqlString(r.to.slice(0, 7))}`;
  }
  if (partitions.has('year') && partitions.has('month')) {
    const monthNumber = `(CAST(${quoteIdent('year')} AS INTEGER) * 12 + CAST(${quoteIdent('month')} AS INTEGER))`;
    const index = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
    return (r) => `${monthNumber} BETWEEN ${index(r.from)} AND ${index(r.to)}`;
  }
  return undefined;
}

const NUMBER_TYPES = /^(double|float|real|decimal|bigint|integer|int|smallint|tinyint)/i;

/** Athena returns every value as text; typed back by the result's column types. */
function toRow(row: Row, columns: ColumnInfo[]): SqlRow {
  const out: SqlRow = {};
  columns.forEach((c, i) => {
    const raw = row.Data?.[i]?.VarCharValue;
    const type = c.Type ?? 'varchar';
    out[c.Name ?? `_${i}`] = raw === undefined ? null : NUMBER_TYPES.test(type) ? Number(raw) : /^boolean/i.test(type) ? raw === 'true' : raw;
  });
  return out;
}
