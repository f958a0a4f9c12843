import type { PriceCatalog } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';

export type GpuVendor = 'nvidia' | 'amd' | 'aws-neuron';

/** A per-GPU-hour rate and the sentence that says where it came from. */
export interface GpuHourRate {
  usdPerGpuHour: number;
  basis: string;
}

const VENDOR_OF_SPEC: Readonly<Record<string, GpuVendor>> = { NVIDIA: 'nvidia', AMD: 'amd', AWS: 'aws-neuron' };

export function vendorOf(catalog: PriceCatalog, offer: InstanceOffer): GpuVendor | undefined {
  const spec = catalog.acceleratorFor(offer);
  if (spec) return VENDOR_OF_SPEC[spec.vendor];
  const name = offer.accelerator?.name ?? '';
  if (/^(trainium|inferentia)/i.test(name)) return 'aws-neuron';
  if (/^(radeon|mi\d)/i.test(name)) return 'amd';
  // Parts the spec table lacks, by NVIDIA's model naming (T4g, M60, RTX6000, B300, ...).
  if (offer.kind !== 'tpu' && /^([ABHKLMPTV]\d|GH|GB|RTX)/i.test(name)) return 'nvidia';
  return undefined;
}

/** The same part by the spec table, or by name where the table lacks it. */
export function sameGpu(catalog: PriceCatalog, a: string, b: string): boolean {
  const specA = catalog.accelerator(a)?.name;
  return (specA !== undefined && specA === catalog.accelerator(b)?.name) || a.toLowerCase() === b.toLowerCase();
}

export function vendorLabel(vendor: GpuVendor): string {
  return vendor === 'nvidia' ? 'NVIDIA' : vendor === 'amd' ? 'AMD' : 'AWS Neuron';
}

/**
 * The configured rate, else the cheapest on-demand price per whole accelerator among
 * instances with this vendor's accelerators (and this model, when one is named).
 */
export function gpuHourRate(catalog: PriceCatalog, options: EngineOptions, vendor: GpuVendor, model?: string): GpuHourRate | undefined {
  if (options.gpuHourRate) {
    return { usdPerGpuHour: options.gpuHourRate.usdPerHour, basis: `$${options.gpuHourRate.usdPerHour}/GPU-hour from ${options.gpuHourRate.source}` };
  }
  let best: { offer: InstanceOffer; perGpu: number } | undefined;
  for (const type of catalog.allInstanceTypes()) {
    for (const offer of catalog.offersFor(type)) {
      const acc = offer.accelerator;
      if (offer.kind !== 'instance' || offer.service === 'sagemaker' || !acc || acc.count < 1 || offer.onDemandUsdPerHour === null) continue;
      if (vendorOf(catalog, offer) !== vendor) continue;
      if (model && !sameGpu(catalog, acc.name, model)) continue;
      const perGpu = offer.onDemandUsdPerHour / acc.count;
      if (!best || perGpu < best.perGpu) best = { offer, perGpu };
    }
  }
  if (!best) return undefined;
  const o = best.offer;
  const rate = Math.round(best.perGpu * 1e6) / 1e6;
  return {
    usdPerGpuHour: rate,
    basis: `$${rate}/GPU-hour: the cheapest on-demand ${model ?? vendorLabel(vendor)} GPU-hour in the catalog (${o.instanceType}, ${o.cloud} ${o.region}, $${o.onDemandUsdPerHour}/h ÷ ${o.accelerator?.count ?? 1}); set rates.gpuHour in .finops.yml to use your own`,
  };
}
