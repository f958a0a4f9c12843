import { EMPTY_ESTIMATE, type CostItem } from '../../model';
import type { ModuleCall } from './moduleTotal';

/**
 * A module call (or instance) left unexpanded because a work bound was hit: an unpriced item
 * on the block that says why, so the cost it may hide is visible rather than silently absent.
 */
export function moduleNotExpanded(call: ModuleCall, reason: string): CostItem {
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
    summary: `module ${call.source}: not expanded`,
    unpricedReason: `module ${call.source} not expanded: ${reason}`,
  };
}
