import type { PriceCatalog } from '../catalog/catalog';
import { specKey } from '../catalog/accelerator-names';
import type { AcceleratorSpec, InstanceOffer } from '../catalog/types';
import type { RatesSection } from '../config/sections/rates';
import { round } from '../estimate/instanceEstimate';

export interface GpuHourPrice {
  usd: number;
  /** The GPU as the rate or the catalog spells it (`H100`), whatever spelling was asked for (`h100`). */
  name: string;
  note: string;
  offer?: InstanceOffer;
}

/** A GPU-hour price: `.finops.yml` rates first, else the cheapest cloud instance carrying that GPU, per GPU. */
export function gpuHourPrice(catalog: PriceCatalog, gpu: string, rates: RatesSection | undefined): GpuHourPrice | undefined {
  const want = specKey(gpu);
  const rate = Object.entries(rates?.gpuHour ?? {}).find(([name]) => specKey(name) === want);
  if (rate) return { usd: rate[1], name: rate[0], note: `$${rate[1]}/GPU-hour for ${rate[0]} from .finops.yml rates.gpuHour` };
  const offer = allGpuOffers(catalog).find((o) => o.accelerator && specKey(o.accelerator.name) === want);
  if (!offer?.accelerator || offer.onDemandUsdPerHour === null) return undefined;
  const usd = offer.onDemandUsdPerHour / offer.accelerator.count;
  return {
    usd: round(usd, 4),
    name: offer.accelerator.name,
    note: `$${round(usd, 4)}/GPU-hour: ${offer.instanceType} (${offer.cloud} ${offer.region}, on-demand $${offer.onDemandUsdPerHour}/h) ÷ ${offer.accelerator.count} GPUs, the cheapest in the bundled catalog`,
    offer,
  };
}

/** Every GPU instance type, cheapest first (one row per type). */
function allGpuOffers(catalog: PriceCatalog): InstanceOffer[] {
  return catalog.cheapestWithAcceleratorMemory(0, { limit: 100000 });
}

/** Dense BF16 peak, or FP16 where the part has no BF16 (V100, T4). */
export function peakFlops(spec: AcceleratorSpec | undefined): { flops: number; note: string } | undefined {
  if (!spec) return undefined;
  if (spec.peakBf16DenseTflops) return { flops: spec.peakBf16DenseTflops * 1e12, note: `${spec.name} peak ${spec.peakBf16DenseTflops} TFLOP/s dense BF16` };
  if (spec.peakFp16DenseTflops) return { flops: spec.peakFp16DenseTflops * 1e12, note: `${spec.name} peak ${spec.peakFp16DenseTflops} TFLOP/s dense FP16 (no BF16)` };
  return undefined;
}

/**
 * The cheapest instance (cheapest first by its hourly price ÷ GPUs) whose GPUs hold `gib` in total,
 * for a run whose config names no hardware.
 */
export function cheapestGpuFor(catalog: PriceCatalog, gib: number): InstanceOffer | undefined {
  const offers = catalog.cheapestWithAcceleratorMemory(gib, { limit: 100000 }).filter((o) => catalog.acceleratorFor(o)?.peakBf16DenseTflops);
  const perGpu = (o: InstanceOffer) => (o.onDemandUsdPerHour ?? Infinity) / (o.accelerator?.count ?? 1);
  // Cheapest run, not cheapest instance: a run's cost is GPU-hours × price, and faster GPUs need fewer hours.
  const perFlop = (o: InstanceOffer) => perGpu(o) / (catalog.acceleratorFor(o)?.peakBf16DenseTflops ?? Infinity);
  return offers.sort((a, b) => perFlop(a) - perFlop(b))[0];
}
