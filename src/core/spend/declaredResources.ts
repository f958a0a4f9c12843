import type { CostItem } from '../model';
import type { ResourceSpend } from './types';

/**
 * Names a declared item is known by in a bill: its Name/name tag (what clouds show as the
 * resource name) and the local name of its address (`aws_instance.gpu_scratch` → `gpu_scratch`,
 * also tried as `gpu-scratch`).
 */
function namesOf(item: CostItem): string[] {
  const local = item.resource.split('.').pop()?.replace(/\[.*\]$/, '') ?? '';
  const names = [item.tags.Name, item.tags.name, local, local.replace(/_/g, '-')];
  return names.filter((n): n is string => !!n).map((n) => n.toLowerCase());
}

/** The last segment of an ARN, a GCP path or an id: what a declaration's name can equal. */
function billNames(r: ResourceSpend): string[] {
  const tail = r.id.split(/[/:]/).pop() ?? r.id;
  return [r.id, tail, r.name ?? ''].filter(Boolean).map((n) => n.toLowerCase());
}

/** For each billed resource, the first workspace item declaring it (matched by id or name). */
export function matchDeclared(resources: readonly ResourceSpend[], items: readonly CostItem[]): Map<string, CostItem> {
  const byName = new Map<string, CostItem>();
  for (const item of items) for (const n of namesOf(item)) if (!byName.has(n)) byName.set(n, item);
  const out = new Map<string, CostItem>();
  for (const r of resources) {
    const hit = billNames(r).map((n) => byName.get(n)).find((i) => i !== undefined);
    if (hit) out.set(r.id, hit);
  }
  return out;
}
