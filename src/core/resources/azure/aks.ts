/**
 * AKS node pools: `vm_size` nodes billed on the pool's scale set. An autoscaling pool runs at
 * least `min_count` nodes; a fixed pool runs `node_count`.
 */
import type { CostModel } from '../costModel';
import type { Count } from '../count';
import { pricedItem, type InstanceGroup } from '../instanceGroup';

export interface AksPoolInput {
  /** The pool's nodes; `quantity` multiplies the pool (Terraform `count`), the model decides the node count. */
  group: InstanceGroup;
  /** `auto_scaling_enabled` (or `enable_auto_scaling` before azurerm 4.0). */
  autoscaling: boolean;
  minCount?: Count;
  nodeCount?: Count;
  /** Shown after the size, e.g. where the region came from. */
  notes: string[];
}

export const aksPool: CostModel<AksPoolInput> = {
  id: 'azure/aks/node-pool',
  label: 'AKS node pool',
  price(input, ctx) {
    const size = poolSize(input);
    const { group } = input;
    return pricedItem(ctx.catalog, ctx.options, {
      ...group,
      quantity: size.n * group.quantity,
      ...(size.min !== undefined ? { minQuantity: size.min * group.quantity } : {}),
      notes: [...group.notes, size.note, ...input.notes],
    });
  },
};

/**
 * `min_count` when autoscaling, else `node_count`, else `min_count`, else one node. A pool that
 * scales to zero is priced per node while one runs, as every other node group is: never a silent $0.
 */
function poolSize(input: AksPoolInput): { n: number; note: string; min?: number } {
  const min = input.autoscaling ? input.minCount : undefined;
  if (min) return min.n === 0 ? { n: 1, note: `autoscaling: ${min.note}: scales to zero; priced per node while one runs`, min: 0 } : { n: min.n, note: `autoscaling: ${min.note}`, min: min.n };
  const size = input.nodeCount ?? input.minCount ?? { n: 1, note: 'node_count not set; priced as 1 node' };
  const note = input.autoscaling ? `autoscaling: ${size.note}` : size.note;
  return size.n === 0 ? { n: 1, note: `${note}: scales to zero; priced per node while one runs`, min: 0 } : { n: size.n, note };
}
