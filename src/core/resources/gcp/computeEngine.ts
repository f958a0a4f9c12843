/**
 * A Compute Engine VM and the GPUs attached to it, as GCP bills them: the machine type's price
 * (which for A2, A3 and G2 types already includes their GPUs) plus, for other types (N1), each
 * attached GPU at its own rate. Terraform `google_compute_instance`, GKE node pools and Vertex AI
 * machine specs all price through this model.
 *
 * Attached GPUs follow the VM's pricing model: a Spot (or preemptible) VM's GPUs are billed at
 * the spot GPU rate, an on-demand VM's at the on-demand rate; when the catalog has no spot rate
 * for the GPU, the on-demand one is used and the item says so.
 */
import type { PriceCatalog } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';
import { round } from '../../estimate/instanceEstimate';
import type { CostItem, PricingModel } from '../../model';
import type { CostModel, PricingContext } from '../costModel';
import { hourlyEstimate } from '../hours';
import { pricedItem, type InstanceGroup } from '../instanceGroup';

export interface AttachedGpus {
  /** GCP API name (`nvidia-tesla-t4`, `NVIDIA_TESLA_T4`) or the catalog's (`T4`). */
  type: string;
  /** Per VM. */
  count: number;
  /** The attribute that attaches them, for the assumptions: `guest_accelerator`, `accelerator_type`. */
  via: string;
}

export interface GceVmInput {
  /** The VMs, their machine type and how many. */
  vm: InstanceGroup;
  gpus?: AttachedGpus;
}

export const gceVm: CostModel<GceVmInput> = {
  id: 'gcp/compute-engine/vm',
  label: 'Compute Engine VM with attached GPUs',
  price(input, ctx) {
    const vm = pricedItem(ctx.catalog, ctx.options, input.vm);
    return input.gpus && input.gpus.count > 0 && vm.sku ? withAttachedGpus(ctx, vm, input.gpus) : vm;
  },
};

/**
 * Adds the attached GPUs to a machine-type item. When the catalog lacks the machine type (a
 * machine family it has no row for), the GPUs are still priced and the item says the VM part
 * is missing.
 */
function withAttachedGpus(ctx: PricingContext, vm: CostItem, gpus: AttachedGpus): CostItem {
  // A2, A3 and G2 prices already include their GPUs; adding the attached ones would count them twice.
  if (vm.accelerators) return { ...vm, assumptions: [...vm.assumptions, `${gpus.via} ${gpus.count}× ${gpus.type} is included in the ${vm.sku ?? 'machine type'} price`] };
  const rate = attachedGpuRate(ctx.catalog, gpus.type, gpus.count, vm.region, vm.pricing);
  if (!rate.found) return { ...vm, estimate: { ...vm.estimate, hourlyUsd: null, monthlyUsd: null }, unpricedReason: `${gpus.via}: ${rate.reason}` };
  const gpuHourly = rate.usdPerHour * vm.quantity;
  const vmHourly = vm.estimate.hourlyUsd ?? 0;
  const vmNote = vm.unpricedReason
    ? [`the ${vm.sku ?? 'machine type'} VM itself is not included: ${vm.unpricedReason}`]
    : [`VM $${vmHourly}/h + GPUs $${round(gpuHourly, 4)}/h`];
  const hours = ctx.options.hoursPerMonth;
  return {
    ...vm,
    accelerators: { name: rate.offer.accelerator?.name ?? gpus.type, count: gpus.count * vm.quantity },
    estimate: hourlyEstimate(vmHourly + gpuHourly, hours),
    assumptions: [
      ...(vm.unpricedReason ? [`${hours} h/month`] : []),
      ...vm.assumptions,
      `${vm.quantity} × ${gpus.count} ${gpus.type} attached (${gpus.via})`,
      ...vmNote,
      ...rate.notes,
    ],
    priceSource: vm.priceSource ?? ctx.catalog.priceSource(rate.offer),
    unpricedReason: undefined,
  };
}

/** The hourly price of `count` attached GPUs of one type, or why there is none. */
export type GpuRate = { found: true; usdPerHour: number; offer: InstanceOffer; notes: string[] } | { found: false; reason: string };

/**
 * The one place a GCP GPU attachment price is chosen (VMs, GKE pods, SkyPilot's comparison):
 * the spot rate for spot capacity, else on-demand, saying so when spot has no rate.
 */
export function attachedGpuRate(catalog: PriceCatalog, type: string, count: number, region: string | null, pricing: PricingModel): GpuRate {
  const found = catalog.gcpAcceleratorPrice(type, count, region);
  if (!found.found) return { found: false, reason: found.reason };
  const spotMissing = pricing === 'spot' && found.offer.spotUsdPerHour === null;
  const unit = pricing === 'spot' && !spotMissing ? found.offer.spotUsdPerHour : found.offer.onDemandUsdPerHour;
  if (unit === null) return { found: false, reason: `no ${pricing} price for ${type} in ${found.offer.region}` };
  const spotNote = spotMissing ? [`no spot price for ${type} in ${found.offer.region}; GPUs priced on-demand`] : [];
  return { found: true, usdPerHour: unit, offer: found.offer, notes: [...spotNote, ...found.notes] };
}
