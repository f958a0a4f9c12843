import { SpendSourceError } from '../types';
import { bigQueryDialect } from './bigQueryDialect';
import { projectAsFocus, SourceColumns, type ProjectedColumn } from './focusProjection';
import { layoutHint, type WarehouseTable } from './warehouseBackend';

/** How BigQuery partitions the table (tables.get `timePartitioning`): by ingestion time when no field is named. */
export interface TablePartitioning {
  field?: string;
}

/** The exposed partition column's name: `_PARTITIONTIME` can only be selected under an alias. */
const PARTITION_ALIAS = 'billing_partition_time';

/**
 * Google's Cloud Billing export to BigQuery, standard (`gcp_billing_export_v1_…`) or detailed
 * (`gcp_billing_export_resource_v1_…`), presented as FOCUS in GoogleSQL. Field names and
 * types from Google's "Structure of Standard data export" and "…Detailed data export":
 * - BilledCost and EffectiveCost: `cost` plus the sum of `credits.amount` (credits are
 *   negative), the net the invoice charges. The export carries no amortisation (commitment
 *   fees are billed as they accrue), so the two are the same.
 * - ListCost: `cost_at_list`, where the export has it.
 * - ConsumedQuantity / ConsumedUnit: `usage.amount` / `usage.unit`, as FOCUS defines them.
 * - Tags: the resource `labels` (ARRAY<STRUCT<key, value>>) as a JSON object.
 * It has no commitment status per row (committed use discounts arrive as credits), so the
 * commitment view is not given.
 */
export function billingExportAsFocus(source: WarehouseTable, partitioning: TablePartitioning | undefined, label: string): WarehouseTable {
  const d = bigQueryDialect;
  const c = new SourceColumns(source, d);
  const missing = ['usage_start_time', 'cost'].filter((name) => !c.has(name));
  if (missing.length) {
    throw new SpendSourceError(`${label} is not a Cloud Billing export table: no ${missing.join(' or ')} column${layoutHint(source.columns)}`);
  }
  const credits = c.has('credits') ? ` + IFNULL((SELECT SUM(c.amount) FROM UNNEST(${c.ref('credits')}) AS c), 0)` : '';
  const net = `${c.amount('cost')}${credits}`;
  const field = (column: string, path: string) => (c.has(column) ? `${c.ref(column)}.${path}` : undefined);
  const sku = field('sku', 'description');
  const costType = c.ref('cost_type');
  const columns: ProjectedColumn[] = [
    { name: 'ChargePeriodStart', type: c.typeOf('usage_start_time'), sql: c.ref('usage_start_time') },
    { name: 'BilledCost', type: 'FLOAT64', sql: net },
    { name: 'EffectiveCost', type: 'FLOAT64', sql: net },
    { name: 'ListCost', type: 'FLOAT64', sql: c.amount('cost_at_list') },
    { name: 'ConsumedQuantity', type: 'FLOAT64', sql: field('usage', 'amount') },
    { name: 'ConsumedUnit', type: 'STRING', sql: field('usage', 'unit') },
    { name: 'BillingCurrency', type: 'STRING', sql: c.ref('currency') },
    {
      name: 'ChargeCategory', type: 'STRING',
      sql: `CASE ${costType ? `LOWER(${costType})` : "'regular'"} WHEN 'tax' THEN 'Tax' WHEN 'adjustment' THEN 'Adjustment' WHEN 'rounding_error' THEN 'Adjustment'
      ELSE ${sku ? `IF(STARTS_WITH(IFNULL(${sku}, ''), 'Commitment'), 'Purchase', 'Usage')` : "'Usage'"} END`,
    },
    { name: 'ProviderName', type: 'STRING', sql: "'Google Cloud'" },
    { name: 'ServiceName', type: 'STRING', sql: field('service', 'description') },
    { name: 'RegionId', type: 'STRING', sql: field('location', 'region') },
    { name: 'SubAccountId', type: 'STRING', sql: field('project', 'id') },
    { name: 'SubAccountName', type: 'STRING', sql: field('project', 'name') },
    { name: 'BillingAccountId', type: 'STRING', sql: c.ref('billing_account_id') },
    { name: 'ResourceId', type: 'STRING', sql: field('resource', 'global_name') },
    { name: 'ResourceName', type: 'STRING', sql: field('resource', 'name') },
    {
      name: 'Tags', type: 'STRING',
      // Keys and values through TO_JSON_STRING, so quotes in them are escaped as JSON text needs.
      sql: c.has('labels')
        ? `(SELECT CONCAT('{', STRING_AGG(CONCAT(TO_JSON_STRING(l.key), ':', TO_JSON_STRING(l.value)), ',' ORDER BY l.key), '}') FROM UNNEST(${c.ref('labels')}) AS l)`
        : undefined,
    },
    ...partitionColumn(partitioning, c),
  ];
  const mapped = projectAsFocus(source, d, 'billing_focus', columns);
  return { ...mapped, partitionFilter: partitionFilterOf(partitioning, c) };
}

/**
 * The partition column, exposed for the range condition. Billing rows are written after the
 * usage they bill, and corrections and late usage keep arriving for weeks, so a partition of
 * ingestion (or export) time is bounded below by the range's first day only. A table
 * partitioned on `usage_start_time` is pruned by the date condition itself.
 */
function partitionColumn(partitioning: TablePartitioning | undefined, c: SourceColumns): ProjectedColumn[] {
  if (!partitioning || partitioning.field?.toLowerCase() === 'usage_start_time') return [];
  if (!partitioning.field) return [{ name: PARTITION_ALIAS, type: 'TIMESTAMP', sql: '_PARTITIONTIME' }];
  return [{ name: PARTITION_ALIAS, type: c.typeOf(partitioning.field) || 'TIMESTAMP', sql: c.ref(partitioning.field) }];
}

function partitionFilterOf(partitioning: TablePartitioning | undefined, c: SourceColumns): WarehouseTable['partitionFilter'] {
  const [column] = partitionColumn(partitioning, c);
  if (!column?.sql) return undefined;
  const d = bigQueryDialect;
  return (r) => `${d.quoteIdent(PARTITION_ALIAS)} >= ${d.dayLiteral(r.from, column.type)}`;
}
