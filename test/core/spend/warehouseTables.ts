import { openDuckDb, type SqlConnection } from '../../../src/core/spend/focus/duckdb';

/**
 * The FOCUS rows of a CSV export loaded into DuckDB as the warehouses hold them: typed
 * columns (timestamps, doubles) and tags as a MAP (Athena, from Data Exports' Parquet, with
 * Glue's lower-cased names and the `billing_period` partition) or as JSON (BigQuery's FOCUS
 * view). The local servers run the SQL they receive against these tables.
 */
export async function warehouseDb(file: string, shape: 'athena' | 'bigquery', table: string, schema?: string): Promise<SqlConnection> {
  const db = await openDuckDb();
  await db.all(`CREATE TABLE csv AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true)`);
  const columns = (await db.all('DESCRIBE csv')).map((r) => String(r.column_name));
  const select = columns.map((c) => {
    const q = `"${c}"`;
    const name = shape === 'athena' ? `"${c.toLowerCase()}"` : q;
    if (c === 'ChargePeriodStart' || c === 'ChargePeriodEnd' || c === 'BillingPeriodStart' || c === 'BillingPeriodEnd') return `CAST(${q} AS TIMESTAMP) AS ${name}`;
    if (/Cost$|Quantity$/.test(c)) return `CAST(${q} AS DOUBLE) AS ${name}`;
    if (c === 'Tags') return shape === 'athena' ? `CAST(CAST(${q} AS JSON) AS MAP(VARCHAR, VARCHAR)) AS ${name}` : `CAST(${q} AS JSON) AS ${name}`;
    return `CAST(${q} AS VARCHAR) AS ${name}`;
  });
  if (shape === 'athena') select.push(`strftime(CAST("BillingPeriodStart" AS TIMESTAMP), '%Y-%m') AS billing_period`);
  if (schema) await db.all(`CREATE SCHEMA "${schema}"`);
  await db.all(`CREATE TABLE ${schema ? `"${schema}".` : ''}"${table}" AS SELECT ${select.join(', ')} FROM csv`);
  await db.all('DROP TABLE csv');
  return db;
}

/** A DuckDB type as the warehouse's catalog names it. */
export function catalogType(duckType: string, shape: 'athena' | 'bigquery'): string {
  const t = duckType.toUpperCase();
  if (shape === 'athena') {
    if (t.startsWith('MAP')) return 'map<string,string>';
    return ({ TIMESTAMP: 'timestamp', DOUBLE: 'double', VARCHAR: 'string', BIGINT: 'bigint', BOOLEAN: 'boolean', DATE: 'date' } as Record<string, string>)[t] ?? t.toLowerCase();
  }
  return ({ TIMESTAMP: 'TIMESTAMP', DOUBLE: 'FLOAT', VARCHAR: 'STRING', BIGINT: 'INTEGER', BOOLEAN: 'BOOLEAN', DATE: 'DATE', JSON: 'JSON' } as Record<string, string>)[t] ?? t;
}
