import * as path from 'node:path';
import type { CostItem, SkippedInput, TrainingFigures } from '../core/model';
import type { ScanResult } from '../core/scan/workspaceScan';
import { round } from '../core/estimate/instanceEstimate';
import type { Finding } from '../core/policy/findings';

/** The stable JSON contract of `scan --format json` (schemaVersion 1). */
export interface ScanReport {
  schemaVersion: 1;
  currency: 'USD';
  items: ReportItem[];
  unpriced: { file: string; line: number; cell?: number; sku: string | null; reason: string }[];
  errors: { file: string; message: string }[];
  totals: { hourlyUsd: number; monthlyUsd: number };
  /** `.finops.yml` findings: tag policy and FinOps checks (added in schemaVersion 1, additive). */
  findings: ReportFinding[];
  /**
   * Cost-bearing resource types and kinds the engine recognised but has no cost model for, with
   * how many items of each (a `count`ed block is one item; they are also in `unpriced`); added in schemaVersion 1, additive.
   */
  unsupported: { type: string; count: number }[];
}

export interface ReportFinding {
  file: string;
  line: number;
  resource: string;
  check: Finding['check'];
  category: Finding['category'];
  severity: Finding['severity'];
  message: string;
  monthlySavingUsd: number | null;
  missingTags: string[];
}

/** Everything the report is built from; `findings` come from `evaluatePolicy`. */
export interface ScanPolicy {
  findings: Finding[];
  missingTags: (item: CostItem) => string[];
}

export interface ReportItem {
  file: string;
  range: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  /** 1-based notebook cell; `range` lines are then within that cell. */
  cell?: number;
  kind: CostItem['kind'];
  resource: string;
  provider: CostItem['provider'];
  region: string | null;
  sku: string | null;
  quantity: number;
  pricing: CostItem['pricing'];
  accelerators: { name: string; count: number } | null;
  hourlyUsd: number | null;
  monthlyUsd: number | null;
  perRunUsd: number | null;
  perCallUsd: number | null;
  assumptions: string[];
  tags: Record<string, string>;
  missingTags: string[];
  /** A training run's model, hardware and per-token figures (added in schemaVersion 1, additive). */
  training?: TrainingFigures;
}

export function relativeFile(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

const NO_POLICY: ScanPolicy = { findings: [], missingTags: () => [] };

export function buildScanReport(root: string, scan: ScanResult, policy: ScanPolicy = NO_POLICY): ScanReport {
  const items = scan.items.map((i) => ({ ...toReportItem(root, i), missingTags: policy.missingTags(i) }));
  const unpriced = scan.items
    .filter((i) => i.unpricedReason)
    .map((i) => ({ file: relativeFile(root, i.file), line: i.range.start.line + 1, ...(i.cell === undefined ? {} : { cell: i.cell + 1 }), sku: i.sku, reason: i.unpricedReason ?? '' }));
  const errors = scan.skipped.map((s: SkippedInput) => ({ file: relativeFile(root, s.file), message: s.message }));
  const sum = (f: (i: CostItem) => number | null) => round(scan.items.reduce((a, i) => a + (f(i) ?? 0), 0), 2);
  return {
    schemaVersion: 1,
    currency: 'USD',
    items,
    unpriced,
    errors,
    // Hourly totals count what runs all month; a training run's GPU-hour rate is in its perRunUsd.
    totals: { hourlyUsd: sum((i) => (i.estimate.monthlyUsd === null ? null : i.estimate.hourlyUsd)), monthlyUsd: sum((i) => i.estimate.monthlyUsd) },
    findings: policy.findings.map((f) => toReportFinding(root, f)),
    unsupported: unsupportedTypes(scan.items),
  };
}

/** Unsupported types by count, most frequent first, module children included. */
function unsupportedTypes(items: readonly CostItem[]): ScanReport['unsupported'] {
  const counts = new Map<string, number>();
  const visit = (i: CostItem) => {
    if (i.unsupportedType) counts.set(i.unsupportedType, (counts.get(i.unsupportedType) ?? 0) + 1);
    i.children?.forEach(visit);
  };
  items.forEach(visit);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

function toReportFinding(root: string, f: Finding): ReportFinding {
  return {
    file: relativeFile(root, f.file),
    line: f.range.start.line + 1,
    resource: f.resource,
    check: f.check,
    category: f.category,
    severity: f.severity,
    message: f.message,
    monthlySavingUsd: f.monthlySavingUsd ?? null,
    missingTags: f.missingTags?.map((k) => k.key) ?? [],
  };
}

function toReportItem(root: string, i: CostItem): ReportItem {
  return {
    file: relativeFile(root, i.file),
    range: {
      startLine: i.range.start.line + 1,
      startColumn: i.range.start.column + 1,
      endLine: i.range.end.line + 1,
      endColumn: i.range.end.column + 1,
    },
    ...(i.cell === undefined ? {} : { cell: i.cell + 1 }),
    kind: i.kind,
    resource: i.resource,
    provider: i.provider,
    region: i.region,
    sku: i.sku,
    quantity: i.quantity,
    pricing: i.pricing,
    accelerators: i.accelerators ? { name: i.accelerators.name, count: i.accelerators.count } : null,
    hourlyUsd: i.estimate.hourlyUsd,
    monthlyUsd: i.estimate.monthlyUsd,
    perRunUsd: i.estimate.perRunUsd,
    perCallUsd: i.estimate.perCallUsd,
    assumptions: i.assumptions,
    tags: i.tags,
    missingTags: [],
    ...(i.training ? { training: { ...i.training } } : {}),
  };
}
