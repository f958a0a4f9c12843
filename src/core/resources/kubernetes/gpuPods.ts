/** Kubernetes pods whose GPUs are priced without a node: the pods' share of GPU-hours at a stated per-GPU rate. */
import type { GpuVendor } from './gpuRate';
import { gpuHourRate, vendorLabel } from './gpuRate';
import type { CostItem } from '../../model';
import type { CostModel } from '../costModel';
import { hourlyEstimate } from '../hours';
import { baseItem, type InstanceGroup } from '../instanceGroup';

export interface GpuHourShareInput {
  /** The pods (`quantity` replicas); their notes follow the region's. */
  pods: InstanceGroup;
  gpusPerPod: number;
  /** The resource name as written (`nvidia.com/gpu`), for the assumptions. */
  gpuResource?: string;
  vendor: GpuVendor;
  /** The GPU model a product label names, when the catalog knows it. */
  model?: string;
  /** What the labels said about the model, shown after the GPU count. */
  modelNotes: string[];
}

/** The pods' GPU-hours at the configured rate, else the cheapest per-GPU price of the vendor (and model). */
export const gpuHourShare: CostModel<GpuHourShareInput> = {
  id: 'kubernetes/gpu-hour-share',
  label: 'Kubernetes pods priced per GPU-hour',
  price(input, ctx) {
    const { pods, gpusPerPod, vendor, model } = input;
    const total = gpusPerPod * pods.quantity;
    const base: CostItem = { ...baseItem(pods), provider: 'other', sku: null, summary: `${pods.quantity} pod(s)` };
    const context = [
      pods.region.assumption,
      ...pods.notes,
      `${pods.quantity} pod(s) × ${gpusPerPod} ${input.gpuResource ?? 'GPU'} = ${total} GPU(s)`,
      ...input.modelNotes,
    ];
    const rate = gpuHourRate(ctx.catalog, ctx.options, vendor, model);
    if (!rate) return { ...base, assumptions: context, unpricedReason: `no ${vendor} GPU price in the catalog to derive a GPU-hour rate from` };
    const hours = ctx.options.hoursPerMonth;
    return {
      ...base,
      accelerators: { name: model ?? `${vendorLabel(vendor)} GPU`, count: total },
      estimate: hourlyEstimate(rate.usdPerGpuHour * total, hours),
      assumptions: [`${hours} h/month`, ...context, rate.basis],
    };
  },
};
