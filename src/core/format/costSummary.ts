import type { CostItem, CostKind } from '../model';
import { compareByCost, totalsByBasis, type TotalsByBasis } from './costTotals';

export type Grouping = 'file' | 'kind';

export interface CostGroup {
  key: string;
  monthlyUsd: number;
  /** The group's figures by unit, so per-run and hourly items are not shown as a month. */
  totals: TotalsByBasis;
  items: CostItem[];
}

/** What an item costs in a month, for sorting and totals; unpriced items count as 0 but stay listed. */
function monthlyOf(item: CostItem): number {
  return item.estimate.monthlyUsd ?? 0;
}

export function totalMonthly(items: readonly CostItem[]): number {
  return items.reduce((sum, i) => sum + monthlyOf(i), 0);
}

/** Groups items by file or kind, most expensive group and item first (items within their unit, `compareByCost`). */
export function groupItems(items: readonly CostItem[], by: Grouping, keyOfFile: (file: string) => string = (f) => f): CostGroup[] {
  const groups = new Map<string, CostItem[]>();
  for (const item of items) {
    const key = by === 'file' ? keyOfFile(item.file) : item.kind;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, monthlyUsd: totalMonthly(list), totals: totalsByBasis(list), items: [...list].sort(compareByCost) }))
    .sort((a, b) => b.monthlyUsd - a.monthlyUsd || b.totals.run.usd - a.totals.run.usd || b.totals.hourly.usd - a.totals.hourly.usd || a.key.localeCompare(b.key));
}

export const KIND_LABELS: Record<CostKind, string> = {
  compute: 'Compute',
  endpoint: 'Endpoints',
  notebook: 'Notebooks',
  cluster: 'Clusters',
  'k8s-workload': 'Kubernetes workloads',
  'training-run': 'Training runs',
  'llm-call': 'LLM calls',
};
