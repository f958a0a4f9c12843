import { round } from '../../../estimate/instanceEstimate';
import type { CostItem } from '../../../model';
import type { ResourceEnv } from '../resourceEnv';

export interface AttachedGpus {
  type: string;
  /** Per VM. */
  count: number;
}

/**
 * Adds GPUs attached with `guest_accelerator` to a machine-type item: GCP bills them apart
 * from the VM. When the catalog lacks the machine type (for example a machine family it has no row for),
 * the GPUs are still priced and the item says the VM part is missing.
 */
export function withAttachedGpus(env: ResourceEnv, vm: CostItem, gpus: AttachedGpus): CostItem {
  // A2, A3 and G2 prices already include their GPUs; adding guest_accelerator would count them twice.
  if (vm.accelerators) return { ...vm, assumptions: [...vm.assumptions, `guest_accelerator ${gpus.count}× ${gpus.type} is included in the ${vm.sku ?? 'machine type'} price`] };
  const found = env.catalog.gcpAcceleratorPrice(gpus.type, gpus.count, vm.region);
  if (!found.found) return { ...vm, estimate: { ...vm.estimate, hourlyUsd: null, monthlyUsd: null }, unpricedReason: `guest_accelerator: ${found.reason}` };
  const unit = vm.pricing === 'spot' ? (found.offer.spotUsdPerHour ?? found.offer.onDemandUsdPerHour) : found.offer.onDemandUsdPerHour;
  if (unit === null) return { ...vm, unpricedReason: `no ${vm.pricing} price for ${gpus.type} in ${found.offer.region}` };
  const gpuHourly = unit * vm.quantity;
  const vmHourly = vm.estimate.hourlyUsd ?? 0;
  const vmNote = vm.unpricedReason
    ? [`the ${vm.sku ?? 'machine type'} VM itself is not included: ${vm.unpricedReason}`]
    : [`VM $${vmHourly}/h + GPUs $${round(gpuHourly, 4)}/h`];
  const hourly = vmHourly + gpuHourly;
  return {
    ...vm,
    accelerators: { name: found.offer.accelerator?.name ?? gpus.type, count: gpus.count * vm.quantity },
    estimate: { hourlyUsd: round(hourly, 4), monthlyUsd: round(hourly * env.options.hoursPerMonth, 2), perRunUsd: null, perCallUsd: null },
    assumptions: [
      ...(vm.unpricedReason ? [`${env.options.hoursPerMonth} h/month`] : []),
      ...vm.assumptions,
      `${vm.quantity} × ${gpus.count} ${gpus.type} attached (guest_accelerator)`,
      ...vmNote,
      ...found.notes,
    ],
    priceSource: vm.priceSource ?? env.catalog.priceSource(found.offer),
    unpricedReason: undefined,
  };
}
