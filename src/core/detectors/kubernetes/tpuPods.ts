import { gkeTpuGeneration, topologyChips, tpuSliceName, type TpuSlice } from '../../catalog/tpu';
import { GKE_TPU_ACCELERATOR_LABEL, GKE_TPU_TOPOLOGY_LABEL, type PodRequirements } from './podRequirements';

/** The TPU chips a group of GKE TPU pods holds, as a catalog slice, with the sentences that say how it was read. */
export type TpuPods = { slice: TpuSlice; accelerator: string; notes: string[] } | { unresolved: string };

/**
 * GKE puts one TPU pod on each host of a slice: each pod's `google.com/tpu` is that host's
 * chips, so the pods' total is the chips paid for. The topology label says how they form slices.
 */
export function tpuPods(req: PodRequirements, pods: number): TpuPods {
  const accelerator = req.selectors.get(GKE_TPU_ACCELERATOR_LABEL)?.[0];
  if (!accelerator) return { unresolved: `the pod asks for ${req.tpuChips} google.com/tpu but names no ${GKE_TPU_ACCELERATOR_LABEL}, so the TPU generation is unknown` };
  const generation = gkeTpuGeneration(accelerator);
  if (!generation) return { unresolved: `${GKE_TPU_ACCELERATOR_LABEL} ${accelerator} is not a TPU generation the catalog knows` };
  const chips = req.tpuChips * pods;
  const notes = [`${pods} TPU host pod(s) × ${req.tpuChips} google.com/tpu = ${chips} ${generation} chip(s) on ${accelerator}`];
  const topology = req.selectors.get(GKE_TPU_TOPOLOGY_LABEL)?.[0];
  const perSlice = topology ? topologyChips(topology) : undefined;
  if (topology && perSlice === undefined) notes.push(`${GKE_TPU_TOPOLOGY_LABEL} ${topology} is not a topology such as 2x4; chips counted from the pods`);
  else if (topology && perSlice !== undefined) {
    const slices = chips / perSlice;
    const sliceName = tpuSliceName({ generation, chips: perSlice });
    notes.push(
      Number.isInteger(slices) && slices >= 1
        ? `topology ${topology} = ${perSlice} chips per slice (${sliceName}): ${slices} slice(s)`
        : `topology ${topology} has ${perSlice} chips but the pods hold ${chips}; priced by the pods' chips`,
    );
  }
  return { slice: { generation, chips }, accelerator, notes };
}
