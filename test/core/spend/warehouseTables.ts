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

/**
 * The columns of a CUR 2.0 table (Glue types as the Data Exports table has them: some
 * Savings Plan amounts are strings) and of a Cloud Billing export table, as DuckDB types:
 * MAP for Athena's map<string,string>, STRUCT and STRUCT[] for BigQuery's RECORD and
 * REPEATED RECORD. `_PARTITIONTIME` stands for the ingestion-time pseudo-column.
 */
const LAYOUT_COLUMNS = {
  cur2: {
    line_item_usage_start_date: 'TIMESTAMP', line_item_line_item_type: 'VARCHAR', line_item_product_code: 'VARCHAR', product: 'MAP(VARCHAR, VARCHAR)',
    product_region_code: 'VARCHAR', line_item_usage_account_id: 'VARCHAR', line_item_usage_account_name: 'VARCHAR', bill_payer_account_id: 'VARCHAR',
    bill_payer_account_name: 'VARCHAR', line_item_currency_code: 'VARCHAR', line_item_resource_id: 'VARCHAR', line_item_usage_amount: 'DOUBLE', pricing_unit: 'VARCHAR',
    line_item_unblended_cost: 'DOUBLE', line_item_net_unblended_cost: 'DOUBLE', pricing_public_on_demand_cost: 'DOUBLE', resource_tags: 'MAP(VARCHAR, VARCHAR)',
    savings_plan_savings_plan_a_r_n: 'VARCHAR', savings_plan_savings_plan_effective_cost: 'VARCHAR', savings_plan_total_commitment_to_date: 'VARCHAR',
    savings_plan_used_commitment: 'VARCHAR', reservation_reservation_a_r_n: 'VARCHAR', reservation_effective_cost: 'DOUBLE', billing_period: 'VARCHAR',
  },
  'billing-export': {
    billing_account_id: 'VARCHAR', service: 'STRUCT(id VARCHAR, description VARCHAR)', sku: 'STRUCT(id VARCHAR, description VARCHAR)', usage_start_time: 'TIMESTAMP',
    usage_end_time: 'TIMESTAMP', project: 'STRUCT(id VARCHAR, name VARCHAR)', location: 'STRUCT(location VARCHAR, region VARCHAR)', currency: 'VARCHAR',
    cost_type: 'VARCHAR', invoice: 'STRUCT(month VARCHAR)', cost: 'DOUBLE', cost_at_list: 'DOUBLE', usage: 'STRUCT(amount DOUBLE, unit VARCHAR)',
    credits: 'STRUCT(name VARCHAR, amount DOUBLE, type VARCHAR)[]', labels: 'STRUCT(key VARCHAR, value VARCHAR)[]', resource: 'STRUCT(name VARCHAR, global_name VARCHAR)',
    _PARTITIONTIME: 'TIMESTAMP',
  },
};

export type ExportLayout = keyof typeof LAYOUT_COLUMNS;

/** A CUR 2.0 or billing export table loaded from one JSON object a line. */
export async function layoutDb(file: string, layout: ExportLayout, table: string, schema?: string): Promise<SqlConnection> {
  const db = await openDuckDb();
  const columns = Object.entries(LAYOUT_COLUMNS[layout]).map(([name, type]) => `'${name}': '${type}'`).join(', ');
  if (schema) await db.all(`CREATE SCHEMA "${schema}"`);
  await db.all(`CREATE TABLE ${schema ? `"${schema}".` : ''}"${table}" AS SELECT * FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', columns = {${columns}})`);
  return db;
}

/** A DuckDB type as the warehouse's catalog names it. */
export function catalogType(duckType: string, shape: 'athena' | 'bigquery'): string {
  const t = duckType.toUpperCase();
  if (t.startsWith('STRUCT')) return shape === 'athena' ? 'struct' : 'RECORD';
  if (shape === 'athena') {
    if (t.startsWith('MAP')) return 'map<string,string>';
    return ({ TIMESTAMP: 'timestamp', DOUBLE: 'double', VARCHAR: 'string', BIGINT: 'bigint', BOOLEAN: 'boolean', DATE: 'date' } as Record<string, string>)[t] ?? t.toLowerCase();
  }
  return ({ TIMESTAMP: 'TIMESTAMP', DOUBLE: 'FLOAT', VARCHAR: 'STRING', BIGINT: 'INTEGER', BOOLEAN: 'BOOLEAN', DATE: 'DATE', JSON: 'JSON' } as Record<string, string>)[t] ?? t;
}
