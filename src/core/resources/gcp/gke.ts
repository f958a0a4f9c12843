/**
 * GKE node pools: Compute Engine VMs (with their attached GPUs, through the GCE model) sized as
 * GKE sizes a pool. `node_count` is per zone: a regional pool runs it in each of its
 * `node_locations`, or in the region's three default zones.
 */
import { estimate, type CostModel } from '../costModel';
import type { Count } from '../count';
import type { InstanceGroup } from '../instanceGroup';
import { gceVm, type AttachedGpus } from './computeEngine';

/** The machine type GKE gives a pool that names none. */
export const GKE_DEFAULT_MACHINE_TYPE = 'e2-medium';

export interface GkePoolSizing {
  nodeCount?: Count;
  /** The pool's `autoscaling` block, when written; `totalMinWritten` when it sizes the whole pool. */
  autoscaling?: { min?: Count; totalMin?: Count; totalMinWritten: boolean };
  initialNodeCount?: Count;
  /** How many `node_locations` the pool (or its cluster) lists. */
  nodeLocations?: number;
  /** The pool's `location`: a zone (`us-central1-a`) or a region. */
  location?: string;
}

export interface GkePoolInput {
  /** The pool's VMs; `sku` absent when `machine_type` is not written; `quantity` multiplies the pool. */
  vm: Omit<InstanceGroup, 'sku'> & { sku?: InstanceGroup['sku'] };
  /** Attached GPUs, or why they could not be read. */
  gpus?: AttachedGpus | { unresolved: string };
  sizing: GkePoolSizing;
  /** A cluster's default pool says so before its size. */
  defaultPool?: boolean;
  /** Shown after the size, e.g. why the cluster's labels were not read. */
  notes: string[];
}

export const gkeNodePool: CostModel<GkePoolInput> = {
  id: 'gcp/gke/node-pool',
  label: 'GKE node pool',
  price(input, ctx) {
    const size = poolSize(input.sizing);
    const sizeNotes = input.defaultPool ? [`default node pool: ${size.notes.join('; ')}`] : size.notes;
    const typeNote = input.vm.sku === undefined ? [`machine_type not set: GKE defaults to ${GKE_DEFAULT_MACHINE_TYPE}`] : [];
    const vm: InstanceGroup = {
      ...input.vm,
      sku: input.vm.sku ?? GKE_DEFAULT_MACHINE_TYPE,
      quantity: size.n * input.vm.quantity,
      notes: [...input.vm.notes, ...sizeNotes, ...input.notes, ...typeNote],
    };
    const { gpus } = input;
    if (gpus && 'unresolved' in gpus) return { ...estimate(gceVm, { vm }, ctx), unpricedReason: gpus.unresolved };
    return estimate(gceVm, { vm, gpus }, ctx);
  },
};

/** Nodes: `node_count`, else the autoscaling minimum, else `initial_node_count`, else 1, per zone. */
function poolSize(s: GkePoolSizing): { n: number; notes: string[] } {
  const auto = s.autoscaling;
  const perZone = s.nodeCount ?? (auto && (auto.min ?? auto.totalMin)) ?? s.initialNodeCount ?? { n: 1, note: 'no node_count; GKE starts 1 node per zone' };
  if (auto?.totalMinWritten) return { n: perZone.n, notes: [`autoscaling ${perZone.note} (whole pool)`] };
  const label = auto && s.nodeCount === undefined ? `autoscaling ${perZone.note}` : perZone.note;
  if (s.nodeLocations) return { n: perZone.n * s.nodeLocations, notes: [`${label} per zone × ${s.nodeLocations} node_locations`] };
  if (s.location && !/-[a-z]$/.test(s.location)) return { n: perZone.n * 3, notes: [`${label} per zone × 3 zones (regional pool ${s.location}, GKE's default zone count)`] };
  return { n: perZone.n, notes: [label] };
}
