import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export type SqlRow = Record<string, unknown>;

/** The little the FOCUS backend needs from a SQL engine. */
export interface SqlConnection {
  all(sql: string, params?: string[]): Promise<SqlRow[]>;
  interrupt(): void;
  close(): void;
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
  return {
    async all(sql, params) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as SqlRow[];
    },
    interrupt: () => connection.interrupt(),
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
