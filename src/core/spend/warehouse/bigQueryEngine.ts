import type { BigQuery } from '@google-cloud/bigquery';
import type { SqlRow } from '../focus/duckdb';
import type { SourceInfo } from '../types';
import { SpendSourceError } from '../types';
import { bigQueryDialect } from './bigQueryDialect';
import { billingExportAsFocus, type TablePartitioning } from './billingExportLayout';
import { formatBytes } from './bytes';
import type { WarehouseAnswer, WarehouseEngine, WarehouseTable } from './warehouseBackend';

export interface BigQueryOptions {
  /** `project.dataset.table` (or view) of the billing export's FOCUS view, or of the export itself with `layout: 'billing-export'`. */
  table: string;
  /** The table's columns: FOCUS (the default) or the standard or detailed Cloud Billing export, presented to the queries as FOCUS. */
  layout?: 'focus' | 'billing-export';
  /** The project jobs run in and are billed to; the table's project when absent. */
  project?: string;
  /** The dataset's location (`US`, `EU`, a region), when not the default. */
  location?: string;
  /** Bytes a statement may bill: a dry run refuses more before it runs, and BigQuery enforces it as `maximumBytesBilled`. */
  maxBytesScanned: number;
  /** Tests point the real client at a local server; never set from a workspace file. */
  endpoint?: string;
  /** Deadline of each API request. */
  timeoutMs?: number;
  /** An OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN, as gcloud prints it); otherwise application-default credentials. */
  accessToken?: string;
}

/**
 * BigQuery: each statement is dry-run first (free) and refused when it would scan more than
 * the limit; then run as a query job with `maximumBytesBilled`, its results paged by the
 * client. Credentials are an access token from the environment when one is given, else the
 * standard chain (GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default login, the
 * metadata server).
 */
export class BigQueryEngine implements WarehouseEngine {
  readonly dialect = bigQueryDialect;
  readonly source: SourceInfo;
  private client: Promise<BigQuery> | undefined;
  private readonly path: { project: string; dataset: string; table: string };

  constructor(private readonly options: BigQueryOptions) {
    const parts = options.table.split('.').map((p) => p.trim());
    if (parts.length !== 3 || parts.some((p) => !p)) throw new SpendSourceError(`the bigquery source's table "${options.table}" must be project.dataset.table`);
    this.path = { project: parts[0], dataset: parts[1], table: parts[2] };
    this.source = { kind: 'bigquery', label: `BigQuery ${parts.join('.')}${options.layout === 'billing-export' ? ' (billing export)' : ''}`, sample: false };
  }

  async describe(): Promise<WarehouseTable> {
    const bq = await this.clientOnce();
    const [meta] = (await this.guard(() => bq.dataset(this.path.dataset, { projectId: this.path.project }).table(this.path.table).getMetadata())) as unknown as [TableMeta];
    const table: WarehouseTable = {
      relation: this.dialect.quoteIdent(`${this.path.project}.${this.path.dataset}.${this.path.table}`),
      columns: (meta.schema?.fields ?? []).map((f) => ({ name: f.name ?? '', type: (f.type ?? '').toUpperCase() })),
    };
    return this.options.layout === 'billing-export' ? billingExportAsFocus(table, meta.timePartitioning, this.source.label) : table;
  }

  async run(sql: string, params: string[]): Promise<WarehouseAnswer> {
    const bq = await this.clientOnce();
    const query = {
      query: sql,
      params: Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v])),
      location: this.options.location,
      useLegacySql: false,
    };
    const [dry] = await this.guard(() => bq.createQueryJob({ ...query, dryRun: true }));
    const estimate = Number(dry.metadata?.statistics?.totalBytesProcessed ?? 0);
    if (estimate > this.options.maxBytesScanned) {
      throw new SpendSourceError(`${this.source.label}: the query would scan ${formatBytes(estimate)}, over the limit of ${formatBytes(this.options.maxBytesScanned)} (aiFinops.spend.maxScanGigabytes); nothing was run`);
    }
    const [job] = await this.guard(() => bq.createQueryJob({ ...query, maximumBytesBilled: String(this.options.maxBytesScanned) }));
    const [rows] = await this.guard(() => job.getQueryResults({ timeoutMs: this.options.timeoutMs ?? 30_000 }));
    return { rows: rows as SqlRow[], bytesScanned: estimate };
  }

  private clientOnce(): Promise<BigQuery> {
    this.client ??= (async () => {
      const { BigQuery } = await import('@google-cloud/bigquery');
      return new BigQuery({
        projectId: this.options.project ?? this.path.project,
        location: this.options.location,
        apiEndpoint: this.options.endpoint,
        authClient: this.options.accessToken ? await tokenClient(this.options.accessToken) : undefined,
        autoRetry: true,
        maxRetries: 1,
      });
    })();
    return this.client;
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      const err = e as { message?: string; code?: number; errors?: { message?: string }[] };
      // An API error with several parts says "Multiple errors occurred"; the first part says what.
      const message = err.errors?.find((x) => x.message)?.message ?? err.message ?? String(e);
      throw new SpendSourceError(`${this.source.label}: ${err.code ? `${err.code} ` : ''}${message.split('\n')[0]}`);
    }
  }
}

/** A client that sends the given token as it is (no refresh: a token from gcloud lasts an hour). */
async function tokenClient(accessToken: string) {
  const { OAuth2Client } = await import('google-auth-library');
  const client = new OAuth2Client();
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
  return client;
}

interface TableMeta {
  schema?: { fields?: { name?: string; type?: string }[] };
  timePartitioning?: TablePartitioning & { type?: string };
}
