import { createHash, createHmac } from 'node:crypto';
import type { SqlConnection, SqlRow } from '../../../src/core/spend/focus/duckdb';
import { startServer, type LocalServer, type Recorded, type Reply } from './localServer';
import { catalogType, layoutDb, warehouseDb } from './warehouseTables';

export const ATHENA_CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };

/**
 * Trino functions the queries use that DuckDB spells differently, defined with Trino's
 * meaning; the received SQL itself runs unchanged, after Athena's own step of putting each
 * ExecutionParameters value in place of its `?`.
 */
const TRINO_FUNCTIONS = [
  'CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p)',
  'CREATE MACRO date_format(d, f) AS strftime(d, f)',
  'CREATE MACRO json_format(j) AS CAST(j AS VARCHAR)',
  'CREATE MACRO from_unixtime(x) AS to_timestamp(x)',
  // Trino's element_at on a map is the value or NULL; DuckDB's own returns a list.
  'CREATE MACRO element_at(m, k) AS m[k]',
];

export interface AthenaServer extends LocalServer {
  /** Every statement run, as received (before parameters were put in place). */
  statements: { sql: string; params: string[]; workgroup?: string }[];
  /** Bytes each statement reports as scanned. */
  bytesPerStatement: number;
  /** Requests whose SigV4 signature did not verify (answered 403). */
  badSignatures: number;
}

interface Execution {
  rows: SqlRow[];
  types: Record<string, string>;
  polls: number;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  error?: string;
}

/** A local Athena: the JSON 1.1 protocol (`X-Amz-Target: AmazonAthena.*`), SigV4 checked, SQL run on DuckDB over the fixture. */
export async function startAthenaServer(file: string, database = 'cur', table = 'focus', layout?: 'cur2'): Promise<AthenaServer> {
  const db = layout ? await layoutDb(file, layout, table, database) : await warehouseDb(file, 'athena', table, database);
  for (const f of TRINO_FUNCTIONS) await db.all(f);
  const executions = new Map<string, Execution>();
  const statements: AthenaServer['statements'] = [];
  const state = { bytesPerStatement: 1_500_000, badSignatures: 0 };
  const server = await startServer(async (req): Promise<Reply> => {
    if (!verifySigV4(req)) {
      state.badSignatures++;
      return { status: 403, body: { __type: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' } };
    }
    const op = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonAthena\./, '');
    const input = JSON.parse(req.body || '{}') as Record<string, unknown>;
    switch (op) {
      case 'GetTableMetadata':
        return getTableMetadata(db, input, database, table);
      case 'StartQueryExecution': {
        const id = `q-${executions.size + 1}`;
        const sql = String(input.QueryString);
        const params = (input.ExecutionParameters as string[] | undefined) ?? [];
        statements.push({ sql, params, workgroup: input.WorkGroup as string | undefined });
        executions.set(id, await execute(db, withParameters(sql, params)));
        return { body: { QueryExecutionId: id } };
      }
      case 'GetQueryExecution': {
        const ex = executions.get(String(input.QueryExecutionId));
        if (!ex) return { status: 400, body: { __type: 'InvalidRequestException', Message: 'unknown query' } };
        // The first poll finds it still running, as a real query would be.
        const current = ex.polls++ === 0 && ex.state === 'SUCCEEDED' ? 'RUNNING' : ex.state;
        return {
          body: {
            QueryExecution: {
              QueryExecutionId: input.QueryExecutionId,
              Status: { State: current, StateChangeReason: current === 'FAILED' ? ex.error : undefined },
              Statistics: { DataScannedInBytes: state.bytesPerStatement },
            },
          },
        };
      }
      case 'StopQueryExecution': {
        const ex = executions.get(String(input.QueryExecutionId));
        if (ex) ex.state = 'CANCELLED';
        return { body: {} };
      }
      case 'GetQueryResults':
        return getQueryResults(executions.get(String(input.QueryExecutionId)), input);
      default:
        return { status: 400, body: { __type: 'UnknownOperationException', message: op } };
    }
  });
  const closeServer = server.close;
  // Accessors, not copies: a test changes what the server reports between queries.
  Object.defineProperty(server, 'bytesPerStatement', { get: () => state.bytesPerStatement, set: (n: number) => (state.bytesPerStatement = n) });
  Object.defineProperty(server, 'badSignatures', { get: () => state.badSignatures });
  return Object.assign(server as typeof server & { bytesPerStatement: number; badSignatures: number }, {
    statements,
    close: async () => {
      await closeServer();
      await db.close();
    },
  });
}

async function getTableMetadata(db: SqlConnection, input: Record<string, unknown>, database: string, table: string): Promise<Reply> {
  if (input.DatabaseName !== database || input.TableName !== table) {
    return { status: 400, body: { __type: 'MetadataException', Message: `Table ${String(input.TableName)} not found` } };
  }
  const described = await db.all(`DESCRIBE "${database}"."${table}"`);
  const column = (r: SqlRow) => ({ Name: String(r.column_name), Type: catalogType(String(r.column_type), 'athena') });
  return {
    body: {
      TableMetadata: {
        Name: table,
        Columns: described.filter((r) => r.column_name !== 'billing_period').map(column),
        PartitionKeys: described.filter((r) => r.column_name === 'billing_period').map(column),
      },
    },
  };
}

async function execute(db: SqlConnection, sql: string): Promise<Execution> {
  try {
    const rows = await db.all(`CREATE OR REPLACE TEMP TABLE result AS ${sql}`).then(() => db.all('SELECT * FROM result'));
    const types = Object.fromEntries((await db.all('DESCRIBE result')).map((r) => [String(r.column_name), String(r.column_type)]));
    return { rows, types, polls: 0, state: 'SUCCEEDED' };
  } catch (e) {
    return { rows: [], types: {}, polls: 0, state: 'FAILED', error: e instanceof Error ? e.message : String(e) };
  }
}

const PAGE = 3;

function getQueryResults(ex: Execution | undefined, input: Record<string, unknown>): Reply {
  if (!ex || ex.state !== 'SUCCEEDED') return { status: 400, body: { __type: 'InvalidRequestException', Message: 'query has not succeeded' } };
  const names = Object.keys(ex.types);
  const start = Number(input.NextToken ?? 0);
  // Small pages, so that paging is exercised; the first page starts with the header row.
  const page = ex.rows.slice(start, start + PAGE);
  const cell = (v: unknown) => (v === null || v === undefined ? {} : { VarCharValue: typeof v === 'boolean' ? String(v) : String(v) });
  const rows = [...(start === 0 ? [{ Data: names.map((n) => ({ VarCharValue: n })) }] : []), ...page.map((r) => ({ Data: names.map((n) => cell(r[n])) }))];
  return {
    body: {
      ResultSet: { Rows: rows, ResultSetMetadata: { ColumnInfo: names.map((n) => ({ Name: n, Label: n, Type: trinoType(ex.types[n]) })) } },
      NextToken: start + PAGE < ex.rows.length ? String(start + PAGE) : undefined,
    },
  };
}

function trinoType(duck: string): string {
  const t = duck.toUpperCase();
  return t === 'DOUBLE' ? 'double' : t === 'BIGINT' || t === 'HUGEINT' || t === 'INTEGER' ? 'bigint' : t === 'BOOLEAN' ? 'boolean' : t === 'DATE' ? 'date' : 'varchar';
}

/** Each `?` outside string literals and quoted names takes the next parameter's SQL text, as Athena does. */
function withParameters(sql: string, params: string[]): string {
  let out = '';
  let quote: string | undefined;
  let next = 0;
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = undefined;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?') {
      out += params[next++] ?? 'NULL';
    } else {
      out += c;
    }
  }
  return out;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** Recomputes the request's AWS Signature Version 4 with the test secret. */
function verifySigV4(req: Recorded): boolean {
  const auth = String(req.headers.authorization ?? '');
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/athena\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m || m[1] !== ATHENA_CREDENTIALS.accessKeyId) return false;
  const [, , date, region, signedHeaders, signature] = m;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const canonicalHeaders = signedHeaders.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, req.url.pathname, req.url.searchParams.toString(), canonicalHeaders, signedHeaders, sha256(req.body)].join('\n');
  const scope = `${date}/${region}/athena/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${ATHENA_CREDENTIALS.secretAccessKey}`, date), region), 'athena'), 'aws4_request');
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex') === signature;
}
