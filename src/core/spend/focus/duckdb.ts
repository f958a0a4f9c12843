import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export type SqlRow = Record<string, unknown>;

/** The little the FOCUS backend needs from a SQL engine. */
export interface SqlConnection {
  all(sql: string, params?: string[]): Promise<SqlRow[]>;
  interrupt(): void;
  /** Interrupts and waits out running queries first: closing under a query crashes the process. */
  close(): Promise<void>;
}

/**
 * Opens an in-memory DuckDB. The module (and its native binding) is imported here, on
 * first use, so that activating the extension or running `scan` never loads it.
 */
export async function openDuckDb(): Promise<SqlConnection> {
  const duckdb = await import('@duckdb/node-api');
  const instance: DuckDBInstance = await duckdb.DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  // Dates come out as UTC calendar days whatever the machine's zone.
  await connection.run("SET TimeZone = 'UTC'");
  // Never download extensions (httpfs and the like): the queries need only CSV, JSON and Parquet.
  await connection.run('SET autoinstall_known_extensions = false');
  const running = new Set<Promise<unknown>>();
  let closed = false;
  return {
    all(sql, params) {
      if (closed) return Promise.reject(new Error('the spend database was closed (the source changed); refresh to query again'));
      const query = connection.runAndReadAll(sql, params).then((reader) => reader.getRowObjectsJS() as SqlRow[]);
      running.add(query);
      void query.then(
        () => running.delete(query),
        () => running.delete(query),
      );
      return query;
    },
    interrupt: () => connection.interrupt(),
    async close() {
      if (closed) return;
      closed = true;
      if (running.size) {
        connection.interrupt();
        await Promise.allSettled([...running]);
      }
      connection.closeSync();
      instance.closeSync();
    },
  };
}
