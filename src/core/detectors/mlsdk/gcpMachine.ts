import type { PriceCatalog } from '../../catalog/catalog';
import { acceleratorsOf, priceInstances, round } from '../../estimate/instanceEstimate';
import type { AcceleratorSummary, Estimate, PriceSource, PricingModel } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';

export interface GcpMachineRequest {
  machineType: string;
  /** GCP API name (`NVIDIA_TESLA_T4`) or ours (`T4`); absent when no GPU is attached. */
  acceleratorType?: string;
  acceleratorCount: number;
  replicas: number;
  region: string | null;
  pricing: PricingModel;
  hoursPerMonth: number;
}

export interface PricedMachine {
  estimate: Estimate;
  region: string | null;
  accelerators: AcceleratorSummary | null;
  assumptions: string[];
  priceSource?: PriceSource;
  unpricedReason?: string;
}

/**
 * A GCP machine with attached GPUs, as Vertex AI and Compute Engine bill it: the machine's
 * price (which for A2/A3/G2 types already includes their GPUs) plus attached GPUs for N1.
 */
export function priceGcpMachine(catalog: PriceCatalog, req: GcpMachineRequest): PricedMachine {
  const vm = priceInstances(catalog, { cloud: 'gcp', instanceType: req.machineType, region: req.region, quantity: req.replicas, pricing: req.pricing, hoursPerMonth: req.hoursPerMonth });
  const wantsGpu = req.acceleratorType !== undefined && req.acceleratorCount > 0;
  const bundledGpus = vm.offer?.kind === 'instance' && vm.offer.accelerator !== undefined;
  if (!wantsGpu || bundledGpus) {
    const note = wantsGpu ? [`${req.machineType} comes with its GPUs; accelerator_type ${req.acceleratorType} is part of its price`] : [];
    return { ...vm, assumptions: [...vm.assumptions, ...note] };
  }
  const gpu = catalog.gcpAcceleratorPrice(req.acceleratorType ?? '', req.acceleratorCount, req.region);
  if (!gpu.found) return { ...vm, estimate: EMPTY_ESTIMATE, unpricedReason: gpu.reason };
  const gpuHourly = gpu.offer.onDemandUsdPerHour;
  const gpuNotes = [...gpu.notes];
  const accelerators = acceleratorsOf(catalog, gpu.offer, req.replicas);
  if (vm.estimate.hourlyUsd === null || gpuHourly === null) {
    const gpuPart = gpuHourly === null ? '' : `; the ${req.acceleratorCount}× ${gpu.offer.accelerator?.name ?? ''} GPUs alone cost $${round(gpuHourly * req.replicas, 4)}/h`;
    return { ...vm, accelerators, estimate: EMPTY_ESTIMATE, unpricedReason: `${vm.unpricedReason ?? 'no price for the GPUs'}${gpuPart}` };
  }
  if (req.pricing === 'spot') gpuNotes.push('attached GPUs priced on-demand');
  const hourly = vm.estimate.hourlyUsd + gpuHourly * req.replicas;
  return {
    estimate: { hourlyUsd: round(hourly, 4), monthlyUsd: round(hourly * req.hoursPerMonth, 2), perRunUsd: null, perCallUsd: null },
    region: vm.region,
    accelerators,
    assumptions: [...vm.assumptions, `${req.machineType} VM plus ${req.acceleratorCount}× ${gpu.offer.accelerator?.name ?? req.acceleratorType} per replica, billed separately by GCP`, ...gpuNotes],
    priceSource: vm.priceSource,
  };
}
