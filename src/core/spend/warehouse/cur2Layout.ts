import { sqlString, type FocusDialect } from '../focus/focusColumns';
import { SpendSourceError } from '../types';
import { projectAsFocus, SourceColumns, type ProjectedColumn } from './focusProjection';
import { CUR2_USER_PREFIX, jsonTagValue } from './tagPattern';
import { trinoDialect } from './trinoDialect';
import { layoutHint, type WarehouseTable } from './warehouseBackend';

/**
 * AWS Data Exports' CUR 2.0 table (Athena, Trino SQL) presented as FOCUS. Column names and
 * types from the CUR 2.0 data dictionary (line item, pricing, product, reservation, savings
 * plan and resource tags columns); the amortised cost by line item type as AWS's CUR query
 * library computes it:
 * - BilledCost: `line_item_net_unblended_cost` where present (accounts with a discount), else
 *   `line_item_unblended_cost`: what the invoice charges.
 * - EffectiveCost: a Savings Plan or Reserved Instance covered row costs its effective cost;
 *   a recurring commitment fee costs its unused part; a negation or upfront fee costs 0 (the
 *   upfront fee is amortised into the covered rows); every other row its billed cost.
 * - ListCost: `pricing_public_on_demand_cost`.
 * - CommitmentDiscountStatus: covered usage is `Used`; a recurring commitment fee row, whose
 *   EffectiveCost is the unused commitment, is `Unused`.
 */

const USAGE_TYPES = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];
const PURCHASE_TYPES = ['Fee', 'RIFee', 'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee'];
const CREDIT_TYPES = ['Credit', 'Refund', 'Discount', 'BundledDiscount', 'EdpDiscount', 'PrivateRateDiscount', 'DistributorDiscount'];

const list = (values: string[]) => values.map(sqlString).join(', ');

/** Tag keys as CUR 2.0 may spell them: as given, and with other characters than letters, digits and `_` as `_`. */
function spellings(keys: readonly string[]): string[] {
  return [...new Set(keys.flatMap((k) => [k, k.trim().replace(/[^\p{L}\p{N}_]/gu, '_')]))];
}

/** Trino's dialect, with tag keys matched under `resource_tags`' `user_` prefix and spelling. */
export const cur2Dialect: FocusDialect = {
  ...trinoDialect,
  tagValue: (tags: string, keys: readonly string[]) => jsonTagValue(tags, spellings(keys), sqlString, CUR2_USER_PREFIX),
};

export function cur2AsFocus(source: WarehouseTable, label: string): WarehouseTable {
  const c = new SourceColumns(source, trinoDialect);
  if (!c.has('line_item_usage_start_date')) {
    throw new SpendSourceError(`${label} is not a CUR 2.0 table: no line_item_usage_start_date column${layoutHint(source.columns)}`);
  }
  const type = `coalesce(${c.ref('line_item_line_item_type') ?? 'NULL'}, '')`;
  const billed = c.firstAmount('line_item_net_unblended_cost', 'line_item_unblended_cost');
  const hasCost = c.has('line_item_unblended_cost') || c.has('line_item_net_unblended_cost');
  const product = /^MAP/.test(c.typeOf('product')) ? c.ref('product') : undefined;
  const fromProduct = (key: string) => (product ? `element_at(${product}, ${sqlString(key)})` : undefined);
  const firstText = SourceColumns.firstText;
  const ifType = (sql: string) => (c.has('line_item_line_item_type') ? sql : undefined);
  const columns: ProjectedColumn[] = [
    { name: 'ChargePeriodStart', type: c.typeOf('line_item_usage_start_date'), sql: c.ref('line_item_usage_start_date') },
    { name: 'BilledCost', type: 'DOUBLE', sql: hasCost ? billed : undefined },
    { name: 'EffectiveCost', type: 'DOUBLE', sql: hasCost ? effectiveCost(c, type, billed) : undefined },
    { name: 'ListCost', type: 'DOUBLE', sql: c.amount('pricing_public_on_demand_cost') },
    { name: 'ConsumedQuantity', type: 'DOUBLE', sql: c.has('line_item_usage_amount') ? `CASE WHEN ${type} IN (${list(USAGE_TYPES)}) THEN ${c.amount('line_item_usage_amount')} END` : undefined },
    { name: 'ConsumedUnit', type: 'VARCHAR', sql: firstText(c.ref('pricing_unit'), c.ref('product_pricing_unit'), fromProduct('pricing_unit')) },
    { name: 'BillingCurrency', type: 'VARCHAR', sql: c.ref('line_item_currency_code') },
    { name: 'ChargeCategory', type: 'VARCHAR', sql: ifType(chargeCategory(type)) },
    { name: 'ProviderName', type: 'VARCHAR', sql: "'AWS'" },
    { name: 'ServiceName', type: 'VARCHAR', sql: firstText(fromProduct('product_name'), c.ref('line_item_product_code')) },
    { name: 'RegionId', type: 'VARCHAR', sql: firstText(c.ref('product_region_code'), fromProduct('region')) },
    { name: 'SubAccountId', type: 'VARCHAR', sql: c.ref('line_item_usage_account_id') },
    { name: 'SubAccountName', type: 'VARCHAR', sql: firstText(c.ref('line_item_usage_account_name')) },
    { name: 'BillingAccountId', type: 'VARCHAR', sql: c.ref('bill_payer_account_id') },
    { name: 'BillingAccountName', type: 'VARCHAR', sql: firstText(c.ref('bill_payer_account_name')) },
    { name: 'ResourceId', type: 'VARCHAR', sql: firstText(c.ref('line_item_resource_id')) },
    { name: 'CommitmentDiscountId', type: 'VARCHAR', sql: firstText(c.ref('savings_plan_savings_plan_a_r_n'), c.ref('reservation_reservation_a_r_n')) },
    {
      name: 'CommitmentDiscountStatus', type: 'VARCHAR',
      sql: ifType(`CASE WHEN ${type} IN ('SavingsPlanCoveredUsage', 'DiscountedUsage') THEN 'Used' WHEN ${type} IN ('SavingsPlanRecurringFee', 'RIFee') THEN 'Unused' END`),
    },
    { name: 'Tags', type: c.typeOf('resource_tags'), sql: c.ref('resource_tags') },
    // The partition column, under its own name, for the billing-period condition.
    { name: 'billing_period', type: c.typeOf('billing_period'), sql: c.ref('billing_period') },
  ];
  return { ...projectAsFocus(source, trinoDialect, 'cur2_focus', columns), dialect: cur2Dialect };
}

function chargeCategory(type: string): string {
  return `CASE WHEN ${type} IN (${list([...USAGE_TYPES, 'SavingsPlanNegation'])}) THEN 'Usage' WHEN ${type} IN (${list(PURCHASE_TYPES)}) THEN 'Purchase' `
    + `WHEN ${type} = 'Tax' THEN 'Tax' WHEN ${type} IN (${list(CREDIT_TYPES)}) THEN 'Credit' ELSE 'Adjustment' END`;
}

/** The amortised cost of a row by its line item type; `net` variants where the export has them. */
function effectiveCost(c: SourceColumns, type: string, billed: string): string {
  const zero = (e: string) => `coalesce(${e}, 0)`;
  return `CASE ${type}
      WHEN 'SavingsPlanCoveredUsage' THEN ${c.firstAmount('savings_plan_net_savings_plan_effective_cost', 'savings_plan_savings_plan_effective_cost')}
      WHEN 'SavingsPlanRecurringFee' THEN ${zero(c.firstAmount('savings_plan_total_commitment_to_date'))} - ${zero(c.firstAmount('savings_plan_used_commitment'))}
      WHEN 'SavingsPlanNegation' THEN 0
      WHEN 'SavingsPlanUpfrontFee' THEN 0
      WHEN 'DiscountedUsage' THEN ${c.firstAmount('reservation_net_effective_cost', 'reservation_effective_cost')}
      WHEN 'RIFee' THEN ${zero(c.firstAmount('reservation_net_unused_amortized_upfront_fee_for_billing_period', 'reservation_unused_amortized_upfront_fee_for_billing_period'))} + ${zero(c.firstAmount('reservation_net_unused_recurring_fee', 'reservation_unused_recurring_fee'))}
      WHEN 'Fee' THEN CASE WHEN coalesce(${c.ref('reservation_reservation_a_r_n') ?? 'NULL'}, '') <> '' THEN 0 ELSE ${billed} END
      ELSE ${billed}
    END`;
}
