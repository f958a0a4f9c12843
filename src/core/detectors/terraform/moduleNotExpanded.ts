import { EMPTY_ESTIMATE, type CostItem } from '../../model';
import type { ModuleCall } from './moduleTotal';

function callItem(call: ModuleCall): CostItem {
  return {
    file: call.file,
    range: call.range,
    kind: 'compute',
    resource: call.address,
    provider: 'other',
    region: null,
    sku: null,
    quantity: 1,
    pricing: 'on-demand',
    accelerators: null,
    tags: {},
    estimate: EMPTY_ESTIMATE,
    assumptions: [...call.notes],
  };
}

/**
 * A module call (or instance) left unexpanded because a work bound was hit: an unpriced item
 * on the block that says why, so the cost it may hide is visible rather than silently absent.
 */
export function moduleNotExpanded(call: ModuleCall, reason: string): CostItem {
  return { ...callItem(call), summary: `module ${call.source}: not expanded`, unpricedReason: `module ${call.source} not expanded: ${reason}` };
}

/**
 * A module call that creates nothing (an empty `for_each`, `create = false`): a $0 item of
 * quantity 0 on the block all the same, so a cost diff shows the call (and what it stopped
 * creating) rather than no row.
 */
export function moduleCreatingNothing(call: ModuleCall, why = 'for_each is empty: the call creates no instances'): CostItem {
  return {
    ...callItem(call),
    quantity: 0,
    estimate: { hourlyUsd: 0, monthlyUsd: 0, perRunUsd: null, perCallUsd: null },
    summary: `module ${call.source}: creates nothing`,
    assumptions: [...call.notes, why],
  };
}
