import { round } from '../../estimate/instanceEstimate';
import type { AcceleratorSummary, CostItem, SourceRange } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';

export interface ModuleCall {
  file: string;
  range: SourceRange;
  address: string;
  source: string;
  notes: string[];
}

/** One value when every child agrees, else the fallback. */
function common<T>(values: T[], fallback: T): T {
  return values.length > 0 && values.every((v) => v === values[0]) ? values[0] : fallback;
}

/** Tags every child carries with the same value: what a policy can say of the module as a whole. */
function sharedTags(children: CostItem[]): Record<string, string> {
  const [first, ...rest] = children;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first.tags).filter(([k, v]) => rest.every((c) => c.tags[k] === v)));
}

function sharedAccelerators(children: CostItem[]): AcceleratorSummary | null {
  const accs = children.map((c) => c.accelerators).filter((a): a is AcceleratorSummary => a !== null);
  if (accs.length === 0 || !accs.every((a) => a.name === accs[0].name)) return null;
  return { name: accs[0].name, count: round(accs.reduce((n, a) => n + a.count, 0), 4), memoryGib: accs[0].memoryGib };
}

function line(c: CostItem): string {
  if (c.unpricedReason) return `${c.resource}: not priced (${c.unpricedReason})`;
  const monthly = c.estimate.monthlyUsd === null ? '' : `, $${c.estimate.monthlyUsd}/mo`;
  return `${c.resource}: ${c.quantity}× ${c.sku ?? '?'} $${c.estimate.hourlyUsd ?? 0}/h${monthly}`;
}

/**
 * The total of what a local module call creates, shown on the `module` block. Undefined when
 * the module creates nothing priced (a VPC, IAM): no lens rather than a $0 one.
 */
export function moduleTotal(call: ModuleCall, children: CostItem[]): CostItem | undefined {
  if (children.length === 0) return undefined;
  const priced = children.filter((c) => !c.unpricedReason && c.estimate.hourlyUsd !== null);
  const sum = (f: (c: CostItem) => number | null, digits: number) => {
    const values = priced.map(f).filter((v): v is number => v !== null);
    return values.length ? round(values.reduce((a, b) => a + b, 0), digits) : null;
  };
  const unpriced = children.length - priced.length;
  const base: CostItem = {
    file: call.file,
    range: call.range,
    kind: common(children.map((c) => c.kind), 'compute'),
    resource: call.address,
    provider: common(children.map((c) => c.provider), 'other'),
    region: common(children.map((c) => c.region), null),
    sku: null,
    quantity: 1,
    pricing: common(children.map((c) => c.pricing), 'on-demand'),
    accelerators: sharedAccelerators(children),
    tags: sharedTags(children),
    estimate: EMPTY_ESTIMATE,
    assumptions: [
      `module ${call.source}: total of ${children.length} resource(s)${unpriced ? `, ${unpriced} not priced and not in the total` : ''}`,
      ...call.notes,
      ...children.map(line),
    ],
    summary: `module ${call.source}: ${children.length} resource(s)`,
    children,
  };
  if (priced.length === 0) return { ...base, unpricedReason: `no resource of the module could be priced (${children[0].unpricedReason ?? 'unknown'})` };
  return {
    ...base,
    estimate: { hourlyUsd: sum((c) => c.estimate.hourlyUsd, 4), monthlyUsd: sum((c) => c.estimate.monthlyUsd, 2), perRunUsd: null, perCallUsd: null },
    priceSource: priced[0].priceSource,
  };
}

/** `count` on a module call multiplies everything it creates. */
export function scaled(item: CostItem, factor: number): CostItem {
  if (factor === 1) return item;
  const times = (v: number | null) => (v === null ? null : round(v * factor, 4));
  return {
    ...item,
    quantity: item.quantity * factor,
    accelerators: item.accelerators && { ...item.accelerators, count: item.accelerators.count * factor },
    estimate: { ...item.estimate, hourlyUsd: times(item.estimate.hourlyUsd), monthlyUsd: times(item.estimate.monthlyUsd) },
  };
}
