import type { PriceCatalog } from '../../catalog/catalog';
import type { CheckId } from '../../config/sections/checks';
import type { CostItem } from '../../model';
import { firstLine, type Finding } from '../findings';

export interface CheckContext {
  catalog: PriceCatalog;
  hoursPerMonth: number;
}

/** A FinOps check: at most one finding per item. */
export interface FinopsCheck {
  id: CheckId;
  run(item: CostItem, ctx: CheckContext): Finding | undefined;
}

/**
 * Hours a workload that scales to zero outside working time still runs: 10 h × 5 days ×
 * 52/12 weeks. The saving of scaling to zero is the rest of the month.
 */
export const WORKING_HOURS_PER_MONTH = Math.round(10 * 5 * (52 / 12));

export function savingsFinding(check: CheckId, item: CostItem, message: string, monthlySavingUsd: number): Finding {
  return {
    check,
    category: 'savings',
    severity: 'information',
    file: item.file,
    range: firstLine(item.range),
    resource: item.resource,
    message,
    monthlySavingUsd: Math.round(monthlySavingUsd * 100) / 100,
  };
}

export function hasGpu(item: CostItem): boolean {
  return (item.accelerators?.count ?? 0) > 0;
}

/** The environment an item is tagged with, under the usual key spellings. */
export function envTag(item: CostItem): string | undefined {
  const key = Object.keys(item.tags).find((k) => /^(env|environment|stage)$/i.test(k));
  return key ? item.tags[key].toLowerCase() : undefined;
}

/** Monthly cost if it ran only during working hours instead of all month. */
export function scaleToZeroSaving(item: CostItem, hoursPerMonth: number): number | undefined {
  const hourly = item.estimate.hourlyUsd;
  if (hourly === null || hoursPerMonth <= WORKING_HOURS_PER_MONTH) return undefined;
  return hourly * (hoursPerMonth - WORKING_HOURS_PER_MONTH);
}
