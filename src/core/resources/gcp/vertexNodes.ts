/**
 * Vertex AI's training and prediction nodes: Compute Engine machines (with their attached GPUs)
 * priced through the GCE model at Compute Engine's rates, saying that Vertex's own margin on
 * them is not in the bundled catalog. Shared by the custom training and prediction models.
 */
import type { CostItem } from '../../model';
import { estimate, type PricingContext } from '../costModel';
import { unpricedItem } from '../instanceGroup';
import { gceVm, type GceVmInput } from './computeEngine';

export const VERTEX_MARGIN_NOTE = 'Compute Engine prices; Vertex AI adds its own margin on training and prediction nodes, not in the bundled catalog';

export interface VertexNodesInput {
  /** The nodes' machine type × replicas, with the GPUs attached to each. */
  machines: GceVmInput;
  /** Why the accelerator could not be read (a type or count from a variable): the nodes are then unpriced. */
  gpusUnread?: string;
}

/** The nodes' item and whether it was priced from a readable machine spec (a per-run or while-running figure then applies). */
interface VertexNodes {
  item: CostItem;
  read: boolean;
}

/** Prices the nodes, `leading` notes (what the workload bills for) before the adapter's. */
export function vertexNodes(input: VertexNodesInput, ctx: PricingContext, leading: readonly string[] = []): VertexNodes {
  const { vm } = input.machines;
  const noted = { ...vm, notes: [...leading, ...vm.notes, VERTEX_MARGIN_NOTE] };
  if (typeof vm.sku !== 'string') return { item: unpricedItem(noted, vm.sku.unresolved), read: false };
  if (input.gpusUnread !== undefined) return { item: unpricedItem(noted, input.gpusUnread), read: false };
  return { item: estimate(gceVm, { ...input.machines, vm: noted }, ctx), read: true };
}
