/**
 * GKE pods that select an accelerator (`cloud.google.com/gke-accelerator`) whose GPUs GKE
 * attaches to N1 VMs (T4, V100, P100, P4), with no machine type named: each pod's GPUs at the
 * attached-GPU rate plus the smallest `n1-standard` VM that holds its CPU and memory requests.
 */
import type { CostItem } from '../../model';
import type { CostModel } from '../costModel';
import { hourlyEstimate } from '../hours';
import { baseItem, type InstanceGroup } from '../instanceGroup';
import { attachedGpuRate } from './computeEngine';
import { n1MachineFor } from './gkeN1Machine';

export interface GkeGpuPodsInput {
  /** The pods: `sku` the accelerator as the label names it, `quantity` the replicas, `notes` replicas and spot. */
  pods: InstanceGroup & { sku: string };
  gpusPerPod: number;
  /** One pod's requests, which size its N1 VM (0 when not written). */
  cpus: number;
  memoryGib: number;
}

const GPUS_ONLY = 'GPUs only: the node machine type is not named, so its VM price is not included';

export const gkeAttachedGpuPods: CostModel<GkeGpuPodsInput> = {
  id: 'gcp/gke/attached-gpu-pods',
  label: 'GKE pods on N1 nodes with attached GPUs',
  price({ pods, gpusPerPod, cpus, memoryGib }, ctx) {
    const { catalog, options } = ctx;
    const accelerator = pods.sku;
    const total = gpusPerPod * pods.quantity;
    const base = { ...baseItem(pods), summary: `${pods.quantity} pod(s) on ${accelerator}` };
    const context = [pods.region.assumption, ...pods.notes, GPUS_ONLY];
    if (total === 0) return { ...base, estimate: { hourlyUsd: 0, monthlyUsd: 0, perRunUsd: null, perCallUsd: null }, assumptions: context };
    // GKE attaches the GPUs per node, so one pod's set is the unit that is priced.
    const found = attachedGpuRate(catalog, accelerator, gpusPerPod, pods.region.value, pods.pricing);
    if (!found.found) return { ...base, assumptions: context, unpricedReason: found.reason };
    const gpuUnit = found.usdPerHour;
    const vm = n1MachineFor(catalog, cpus, memoryGib, found.offer.region, pods.pricing);
    const item: CostItem = {
      ...base,
      sku: vm ? `${vm.offer.instanceType} + ${accelerator}` : base.sku,
      region: found.offer.region,
      accelerators: { name: found.offer.accelerator?.name ?? accelerator, count: total },
      estimate: hourlyEstimate((gpuUnit + (vm?.usdPerHour ?? 0)) * pods.quantity, options.hoursPerMonth),
      assumptions: [
        `${options.hoursPerMonth} h/month`,
        ...(vm ? context.slice(0, -1) : context),
        `${pods.quantity} pod(s) × ${gpusPerPod} ${accelerator} ($${gpuUnit}/h per pod's GPUs)`,
        ...(vm ? [vm.note] : []),
        ...found.notes,
      ],
      priceSource: catalog.priceSource(found.offer),
    };
    return item;
  },
};
