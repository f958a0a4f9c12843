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

/** A GPU type for a run whose config names none, and the instance its price comes from. */
export interface GpuChoice {
  offer: InstanceOffer;
  spec: AcceleratorSpec;
}

/**
 * The GPU type that gives the cheapest run (price per GPU-hour ÷ peak FLOP/s) among those holding
 * `perGpuGib` each, for a run whose config names no hardware; undefined when no GPU holds it.
 */
export function cheapestGpuFor(catalog: PriceCatalog, perGpuGib: number): GpuChoice | undefined {
  const perGpu = (c: GpuChoice) => (c.offer.onDemandUsdPerHour ?? Infinity) / (c.offer.accelerator?.count ?? 1);
  // Cheapest run, not cheapest instance: a run's cost is GPU-hours × price, and faster GPUs need fewer hours.
  const perFlop = (c: GpuChoice) => perGpu(c) / (c.spec.peakBf16DenseTflops ?? Infinity);
  return trainingGpus(catalog).filter((c) => (c.spec.memoryGib ?? 0) >= perGpuGib).sort((a, b) => perFlop(a) - perFlop(b))[0];
}

/** The GPU with the most memory (the cheapest per FLOP among equals), for a model state too large for any. */
export function largestGpu(catalog: PriceCatalog): GpuChoice | undefined {
  const most = Math.max(0, ...trainingGpus(catalog).map((c) => c.spec.memoryGib ?? 0));
  return most > 0 ? cheapestGpuFor(catalog, most) : undefined;
}

/** GPU instances with an on-demand price and a BF16/FP16 peak, the ones a training estimate can use. */
function trainingGpus(catalog: PriceCatalog): GpuChoice[] {
  const choices: GpuChoice[] = [];
  for (const offer of allGpuOffers(catalog)) {
    const spec = catalog.acceleratorFor(offer);
    if (spec?.peakBf16DenseTflops && offer.onDemandUsdPerHour !== null) choices.push({ offer, spec });
  }
  return choices;
}
