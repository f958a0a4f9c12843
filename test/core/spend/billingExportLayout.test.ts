import { strict as assert } from 'node:assert';
import { SpendSourceError } from '../../../src/core/spend/types';
import { billingExportAsFocus } from '../../../src/core/spend/warehouse/billingExportLayout';
import type { WarehouseTable } from '../../../src/core/spend/warehouse/warehouseBackend';

/** A billing export table as tables.get describes it, with the given extra top-level fields. */
function exportTable(...extra: [string, string][]): WarehouseTable {
  const fields: [string, string][] = [['usage_start_time', 'TIMESTAMP'], ['cost', 'FLOAT'], ['credits', 'RECORD'], ['labels', 'RECORD'], ['currency', 'STRING'], ...extra];
  return { relation: '`p.billing.gcp_billing_export_v1_X`', columns: fields.map(([name, type]) => ({ name, type })) };
}

const RANGE = { from: '2026-08-01', to: '2026-08-31' };

describe('the Cloud Billing export presented as FOCUS', () => {
  it('bounds an ingestion-time partition below by the range\'s first day, through an alias of _PARTITIONTIME', () => {
    const t = billingExportAsFocus(exportTable(), {}, 'BigQuery x');
    assert.match(t.relation, /_PARTITIONTIME AS `billing_partition_time`/);
    assert.equal(t.partitionFilter?.(RANGE), "`billing_partition_time` >= TIMESTAMP '2026-08-01 00:00:00'");
  });

  it('filters a table partitioned on another column by that column, and one partitioned on usage_start_time by the date alone', () => {
    const byExport = billingExportAsFocus(exportTable(['export_time', 'TIMESTAMP']), { field: 'export_time' }, 'BigQuery x');
    assert.match(byExport.relation, /`export_time` AS `billing_partition_time`/);
    assert.equal(byExport.partitionFilter?.(RANGE), "`billing_partition_time` >= TIMESTAMP '2026-08-01 00:00:00'");
    const byUsage = billingExportAsFocus(exportTable(), { field: 'usage_start_time' }, 'BigQuery x');
    assert.equal(byUsage.partitionFilter, undefined);
    assert.doesNotMatch(byUsage.relation, /billing_partition_time/);
    const unpartitioned = billingExportAsFocus(exportTable(), undefined, 'BigQuery x');
    assert.equal(unpartitioned.partitionFilter, undefined);
  });

  it('presents only the FOCUS columns the export has: no ListCost without cost_at_list, no resource without the detailed export', () => {
    const standard = billingExportAsFocus(exportTable(), {}, 'BigQuery x').columns.map((c) => c.name);
    assert.ok(standard.includes('BilledCost') && standard.includes('Tags'));
    assert.ok(!standard.includes('ListCost') && !standard.includes('ResourceId') && !standard.includes('CommitmentDiscountStatus'));
    const detailed = billingExportAsFocus(exportTable(['cost_at_list', 'FLOAT'], ['resource', 'RECORD']), {}, 'BigQuery x').columns.map((c) => c.name);
    assert.ok(detailed.includes('ListCost') && detailed.includes('ResourceId') && detailed.includes('ResourceName'));
  });

  it('refuses a table that is not a billing export, naming the layout it looks like', () => {
    const focus: WarehouseTable = { relation: '`p.d.focus`', columns: [{ name: 'ChargePeriodStart', type: 'TIMESTAMP' }, { name: 'BilledCost', type: 'NUMERIC' }] };
    assert.throws(() => billingExportAsFocus(focus, undefined, 'BigQuery p.d.focus (billing export)'),
      (e: Error) => e instanceof SpendSourceError && e.message === "BigQuery p.d.focus (billing export) is not a Cloud Billing export table: no usage_start_time or cost column (its columns are FOCUS's: set the layout to focus)");
  });
});
