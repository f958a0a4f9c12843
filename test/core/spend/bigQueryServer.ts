import type { SqlConnection, SqlRow } from '../../../src/core/spend/focus/duckdb';
import { startServer, type LocalServer, type Reply } from './localServer';
import { catalogType, layoutDb, warehouseDb } from './warehouseTables';

/**
 * GoogleSQL functions the queries use that DuckDB spells differently, defined with
 * BigQuery's meaning. The received SQL runs as sent, after only the lexical steps DuckDB
 * needs: backtick names to double-quoted ones, `@name` parameters to `$name`, and string
 * literals' backslash escapes to the standard's.
 */
const GOOGLE_SQL_FUNCTIONS = [
  'CREATE TYPE FLOAT64 AS DOUBLE',
  'CREATE MACRO regexp_contains(s, p) AS regexp_matches(s, p)',
  'CREATE MACRO format_date(f, d) AS strftime(d, f)',
  "CREATE MACRO unix_date(d) AS date_diff('day', DATE '1970-01-01', d)",
  'CREATE MACRO logical_and(x) AS bool_and(x)',
  'CREATE MACRO logical_or(x) AS bool_or(x)',
  'CREATE MACRO to_json_string(j) AS CAST(to_json(j) AS VARCHAR)',
];

/** The OAuth token the server accepts, as an Authorization bearer. */
export const BIGQUERY_TOKEN = 'ya29.local-test-token';

export interface BigQueryServer extends LocalServer {
  /** Every job inserted: its SQL, parameters, dry-run flag and byte limit, as received. */
  jobs: { sql: string; params: Record<string, string>; dryRun: boolean; maximumBytesBilled?: string }[];
  /** What a dry run (and the job) says each statement processes. */
  bytesPerStatement: number;
}

interface Job {
  rows: SqlRow[];
  types: Record<string, string>;
}

/** A local BigQuery REST API (v2): tables.get, jobs.insert (dry run or not) and jobs.getQueryResults with paging. */
export async function startBigQueryServer(file: string, project: string, dataset: string, table: string, layout?: 'billing-export'): Promise<BigQueryServer> {
  const full = `${project}.${dataset}.${table}`;
  const db = layout ? await layoutDb(file, layout, full) : await warehouseDb(file, 'bigquery', full);
  for (const f of GOOGLE_SQL_FUNCTIONS) await db.all(f);
  const jobs: BigQueryServer['jobs'] = [];
  const results = new Map<string, Job>();
  const state = { bytesPerStatement: 2_000_000 };
  const server = await startServer(async (req): Promise<Reply> => {
    if (req.headers.authorization !== `Bearer ${BIGQUERY_TOKEN}`) {
      return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', errors: [{ message: 'Request had invalid authentication credentials.', domain: 'global', reason: 'authError' }], status: 'UNAUTHENTICATED' } } };
    }
    const path = req.url.pathname.replace(/^\/bigquery\/v2/, '');
    const tableMatch = /^\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && tableMatch) {
      if (tableMatch.slice(1).join('.') !== full) return notFound(`Table ${tableMatch.slice(1).join('.')}`);
      // The billing export is a table partitioned by ingestion time, whose pseudo-column is no field of the schema.
      const fields = (await db.all(`DESCRIBE "${full}"`))
        .filter((r) => r.column_name !== '_PARTITIONTIME')
        .map((r) => ({ name: String(r.column_name), type: catalogType(String(r.column_type), 'bigquery'), mode: String(r.column_type).endsWith('[]') ? 'REPEATED' : 'NULLABLE' }));
      const tableReference = { projectId: project, datasetId: dataset, tableId: table };
      return { body: layout ? { kind: 'bigquery#table', type: 'TABLE', tableReference, schema: { fields }, timePartitioning: { type: 'DAY' } } : { kind: 'bigquery#table', type: 'VIEW', tableReference, schema: { fields } } };
    }
    const insert = /^\/projects\/([^/]+)\/jobs$/.exec(path);
    if (req.method === 'POST' && insert) return insertJob(db, JSON.parse(req.body) as JobResource, insert[1], jobs, results, state.bytesPerStatement);
    const query = /^\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && query) return queryResults(results.get(query[2]), query[1], query[2], req.url.searchParams);
    const get = /^\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && get && results.has(get[2])) return { body: { jobReference: { projectId: get[1], jobId: get[2] }, status: { state: 'DONE' } } };
    return notFound(`${req.method} ${path}`);
  });
  const closeServer = server.close;
  // Accessors, not copies: a test changes what the server reports between queries.
  Object.defineProperty(server, 'bytesPerStatement', { get: () => state.bytesPerStatement, set: (n: number) => (state.bytesPerStatement = n) });
  
  return Object.assign(server as typeof server & { bytesPerStatement: number }, {
    jobs,
    close: async () => {
      await closeServer();
      await db.close();
    },
  });
}

interface JobResource {
  jobReference?: { jobId?: string; projectId?: string; location?: string };
  configuration: {
    dryRun?: boolean;
    query: { query: string; useLegacySql?: boolean; maximumBytesBilled?: string; queryParameters?: { name: string; parameterValue: { value: string } }[] };
  };
}

async function insertJob(db: SqlConnection, job: JobResource, project: string, jobs: BigQueryServer['jobs'], results: Map<string, Job>, bytes: number): Promise<Reply> {
  const q = job.configuration.query;
  const params = Object.fromEntries((q.queryParameters ?? []).map((p) => [p.name, p.parameterValue.value]));
  const dryRun = job.configuration.dryRun === true;
  jobs.push({ sql: q.query, params, dryRun, maximumBytesBilled: q.maximumBytesBilled });
  if (q.useLegacySql !== false) return badRequest('the queries must be GoogleSQL (useLegacySql: false)');
  if (q.maximumBytesBilled !== undefined && bytes > Number(q.maximumBytesBilled)) {
    return badRequest(`Query exceeded limit for bytes billed: ${q.maximumBytesBilled}. ${bytes} or higher required.`);
  }
  const sql = toDuckDb(q.query);
  const jobId = job.jobReference?.jobId ?? `job-${jobs.length}`;
  try {
    if (dryRun) {
      await db.all(`EXPLAIN ${sql}`, params as never);
    } else {
      await db.all(`CREATE OR REPLACE TEMP TABLE result AS ${sql}`, params as never);
      const rows = await db.all('SELECT * FROM result');
      const types = Object.fromEntries((await db.all('DESCRIBE result')).map((r) => [String(r.column_name), String(r.column_type)]));
      results.set(jobId, { rows, types });
    }
  } catch (e) {
    return badRequest(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  return {
    body: {
      kind: 'bigquery#job',
      jobReference: { projectId: project, jobId: dryRun ? undefined : jobId, location: job.jobReference?.location ?? 'US' },
      configuration: job.configuration,
      status: { state: 'DONE' },
      statistics: { totalBytesProcessed: String(bytes), query: { totalBytesProcessed: String(bytes) } },
    },
  };
}

const PAGE = 4;

function queryResults(job: Job | undefined, project: string, jobId: string, search: URLSearchParams): Reply {
  if (!job) return notFound(`Job ${jobId}`);
  const start = Number(search.get('pageToken') ?? 0);
  const names = Object.keys(job.types);
  const page = job.rows.slice(start, start + PAGE);
  return {
    body: {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: { projectId: project, jobId },
      jobComplete: true,
      totalRows: String(job.rows.length),
      schema: { fields: names.map((n) => ({ name: n, type: googleType(job.types[n]), mode: 'NULLABLE' })) },
      rows: page.map((r) => ({ f: names.map((n) => ({ v: r[n] === null || r[n] === undefined ? null : String(r[n]) })) })),
      pageToken: start + PAGE < job.rows.length ? String(start + PAGE) : undefined,
    },
  };
}

function googleType(duck: string): string {
  const t = duck.toUpperCase();
  return t === 'DOUBLE' ? 'FLOAT' : t === 'BIGINT' || t === 'HUGEINT' || t === 'INTEGER' ? 'INTEGER' : t === 'BOOLEAN' ? 'BOOLEAN' : 'STRING';
}

/**
 * The lexical differences (quoting of names, parameter markers and string escapes), and one
 * of scope: GoogleSQL's `UNNEST(array) AS x` names each element `x`, where DuckDB names the
 * table `x`; DuckDB's `AS _x(x)` names the element column `x` as GoogleSQL does.
 */
export function toDuckDb(sql: string): string {
  return lexicalToDuckDb(sql).replace(/\bUNNEST\(([^()]+)\) AS ([A-Za-z_]\w*)\b(?!\()/g, 'UNNEST($1) AS _$2($2)');
}

function lexicalToDuckDb(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '`') {
      const end = sql.indexOf('`', i + 1);
      out += `"${sql.slice(i + 1, end).replace(/"/g, '""')}"`;
      i = end;
    } else if (c === "'") {
      let text = '';
      for (i++; sql[i] !== "'"; i++) text += sql[i] === '\\' ? sql[++i] : sql[i];
      out += `'${text.replace(/'/g, "''")}'`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      out += '$';
    } else {
      out += c;
    }
  }
  return out;
}

function notFound(what: string): Reply {
  return { status: 404, body: { error: { code: 404, message: `Not found: ${what}`, errors: [{ reason: 'notFound', message: `Not found: ${what}` }] } } };
}

function badRequest(message: string): Reply {
  return { status: 400, body: { error: { code: 400, message, errors: [{ reason: 'invalidQuery', message }] } } };
}
