/**
 * What changed in cost between two scans of the same project (a pull request's base and
 * head). Items are matched by file (relative to each scan's root) and resource address.
 */
import * as path from 'node:path';
import { round } from '../estimate/instanceEstimate';
import { formatUsd } from '../format/costFormat';
import type { CostItem } from '../model';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** The part of an item a reviewer compares; null figures mean "not priced". */
export interface ItemCost {
  sku: string | null;
  quantity: number;
  pricing: CostItem['pricing'];
  region: string | null;
  hourlyUsd: number | null;
  monthlyUsd: number | null;
  perRunUsd: number | null;
  perCallUsd: number | null;
  unpricedReason?: string;
}

export interface ItemChange {
  kind: ChangeKind;
  /** Relative to the scan root, with `/` separators. */
  file: string;
  resource: string;
  before: ItemCost | null;
  after: ItemCost | null;
  monthlyDeltaUsd: number;
  perRunDeltaUsd: number;
  /** What differs, e.g. `instance type p4d.24xlarge → p5.48xlarge`. */
  details: string[];
}

export interface CostTotals {
  hourlyUsd: number;
  monthlyUsd: number;
  perRunUsd: number;
}

export interface CostDiff {
  changes: ItemChange[];
  base: CostTotals;
  head: CostTotals;
  monthlyDeltaUsd: number;
  perRunDeltaUsd: number;
  /** Relative monthly change; null when the base costs nothing per month. */
  monthlyDeltaPercent: number | null;
  unchanged: number;
}

export interface CostSnapshot {
  /** The folder the items' files are relative to. */
  root: string;
  items: readonly CostItem[];
}

export function diffCosts(base: CostSnapshot, head: CostSnapshot): CostDiff {
  const before = keyed(base);
  const after = keyed(head);
  const changes: ItemChange[] = [];
  let unchanged = 0;
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old) changes.push(change('added', entry, null, entry.cost));
    else {
      const details = differences(old.cost, entry.cost);
      if (details.length === 0) unchanged++;
      else changes.push({ ...change('changed', entry, old.cost, entry.cost), details });
    }
  }
  for (const [key, entry] of before) if (!after.has(key)) changes.push(change('removed', entry, entry.cost, null));
  changes.sort((a, b) => a.file.localeCompare(b.file) || a.resource.localeCompare(b.resource));
  const baseTotals = totals(base.items);
  const headTotals = totals(head.items);
  const monthlyDelta = round(headTotals.monthlyUsd - baseTotals.monthlyUsd, 2);
  return {
    changes,
    base: baseTotals,
    head: headTotals,
    monthlyDeltaUsd: monthlyDelta,
    perRunDeltaUsd: round(headTotals.perRunUsd - baseTotals.perRunUsd, 2),
    monthlyDeltaPercent: baseTotals.monthlyUsd === 0 ? null : round((monthlyDelta / baseTotals.monthlyUsd) * 100, 1),
    unchanged,
  };
}

interface KeyedItem {
  file: string;
  resource: string;
  cost: ItemCost;
}

/**
 * Keys are file + resource; a second item with the same address (two detectors, or one
 * resource priced in parts) gets an occurrence suffix so neither is lost.
 */
function keyed(snapshot: CostSnapshot): Map<string, KeyedItem> {
  const map = new Map<string, KeyedItem>();
  for (const item of snapshot.items) {
    const file = path.relative(snapshot.root, item.file).split(path.sep).join('/');
    const base = `${file}\u0000${item.resource}`;
    let key = base;
    for (let n = 2; map.has(key); n++) key = `${base}\u0000${n}`;
    map.set(key, { file, resource: item.resource, cost: costOf(item) });
  }
  return map;
}

function costOf(item: CostItem): ItemCost {
  const e = item.estimate;
  return {
    sku: item.sku,
    quantity: item.quantity,
    pricing: item.pricing,
    region: item.region,
    hourlyUsd: e.hourlyUsd,
    monthlyUsd: e.monthlyUsd,
    perRunUsd: e.perRunUsd,
    perCallUsd: e.perCallUsd,
    ...(item.unpricedReason ? { unpricedReason: item.unpricedReason } : {}),
  };
}

function change(kind: ChangeKind, entry: KeyedItem, before: ItemCost | null, after: ItemCost | null): ItemChange {
  const delta = (f: (c: ItemCost) => number | null) => round((after ? (f(after) ?? 0) : 0) - (before ? (f(before) ?? 0) : 0), 2);
  return {
    kind,
    file: entry.file,
    resource: entry.resource,
    before,
    after,
    monthlyDeltaUsd: delta((c) => c.monthlyUsd),
    perRunDeltaUsd: delta((c) => c.perRunUsd),
    details: [],
  };
}

const FIELDS: readonly { key: keyof ItemCost; name: string }[] = [
  { key: 'sku', name: 'instance type' },
  { key: 'quantity', name: 'quantity' },
  { key: 'pricing', name: 'pricing' },
  { key: 'region', name: 'region' },
  { key: 'monthlyUsd', name: 'monthly cost' },
  { key: 'perRunUsd', name: 'cost per run' },
  { key: 'perCallUsd', name: 'cost per call' },
  { key: 'unpricedReason', name: 'not priced' },
];

const MONEY_FIELDS: ReadonlySet<keyof ItemCost> = new Set(['monthlyUsd', 'perRunUsd', 'perCallUsd']);

function differences(a: ItemCost, b: ItemCost): string[] {
  const show = (key: keyof ItemCost, v: ItemCost[keyof ItemCost]) =>
    v === null || v === undefined ? '—' : typeof v === 'number' && MONEY_FIELDS.has(key) ? formatUsd(v) : String(v);
  return FIELDS.filter(({ key }) => a[key] !== b[key]).map(({ key, name }) => `${name} ${show(key, a[key])} → ${show(key, b[key])}`);
}

/** Unpriced items add nothing to a total; each change row still says they are unpriced. */
function totals(items: readonly CostItem[]): CostTotals {
  const sum = (f: (i: CostItem) => number | null) => round(items.reduce((acc, i) => acc + (f(i) ?? 0), 0), 2);
  return {
    hourlyUsd: sum((i) => i.estimate.hourlyUsd),
    monthlyUsd: sum((i) => i.estimate.monthlyUsd),
    perRunUsd: sum((i) => i.estimate.perRunUsd),
  };
}
