import type { CostDiff } from '../core/diff/costDiff';
import type { ScanReport } from './scanReport';

/** The stable JSON contract of `diff --format json` (schemaVersion 1). */
export interface DiffReport extends CostDiff {
  schemaVersion: 1;
  currency: 'USD';
  baseLabel: string;
  headLabel: string;
  /** Items the head cannot price, and files either side could not read. */
  unpriced: ScanReport['unpriced'];
  errors: { side: 'base' | 'head'; file: string; message: string }[];
}

export function buildDiffReport(diff: CostDiff, base: { label: string; report: ScanReport }, head: { label: string; report: ScanReport }): DiffReport {
  return {
    schemaVersion: 1,
    currency: 'USD',
    baseLabel: base.label,
    headLabel: head.label,
    ...diff,
    unpriced: head.report.unpriced,
    errors: [
      ...base.report.errors.map((e) => ({ side: 'base' as const, ...e })),
      ...head.report.errors.map((e) => ({ side: 'head' as const, ...e })),
    ],
  };
}
