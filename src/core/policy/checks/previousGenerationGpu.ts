import type { PriceCatalog } from '../../catalog/catalog';
import type { AcceleratorSpec, Cloud, InstanceOffer } from '../../catalog/types';
import { formatUsd } from '../../format/costFormat';
import type { CostItem } from '../../model';
import { savingsFinding, type CheckContext, type FinopsCheck } from './checkContext';

/** GPU generations NVIDIA has superseded (Kepler, Maxwell, Pascal, Volta, Turing). */
const PREVIOUS_GENERATION = new Set(['K80', 'M60', 'P4', 'P100', 'V100', 'T4']);

/** Peak dense FP16 (or BF16 where FP16 is not listed) TFLOPS: the training/inference work a GPU does. */
function peakTflops(spec: AcceleratorSpec | undefined): number | undefined {
  return spec?.peakFp16DenseTflops ?? spec?.peakBf16DenseTflops ?? undefined;
}

interface Rated {
  offer: InstanceOffer;
  tflops: number;
  tflopsPerUsd: number;
}

function rate(catalog: PriceCatalog, offer: InstanceOffer): Rated | undefined {
  const each = peakTflops(catalog.acceleratorFor(offer));
  const price = offer.onDemandUsdPerHour;
  if (each === undefined || !price || !offer.accelerator) return undefined;
  const tflops = each * offer.accelerator.count;
  return { offer, tflops, tflopsPerUsd: tflops / price };
}

/**
 * Same cloud and region, a current-generation GPU, at least the GPU memory, no more GPUs
 * than now (a like-for-like swap, not a bigger machine), the best TFLOPS per dollar.
 */
function bestNewer(catalog: PriceCatalog, current: InstanceOffer, memoryGib: number): Rated | undefined {
  let best: Rated | undefined;
  const gpus = current.accelerator?.count ?? 0;
  for (const candidate of catalog.cheapestWithAcceleratorMemory(memoryGib, { cloud: current.cloud as Cloud, limit: 500 })) {
    if (PREVIOUS_GENERATION.has(candidate.accelerator?.name ?? '') || (candidate.accelerator?.count ?? 0) > gpus) continue;
    const local = catalog.lookup({ instanceType: candidate.instanceType, cloud: current.cloud, region: current.region });
    if (!local.found || local.regionFallback) continue;
    const rated = rate(catalog, local.offer);
    if (rated && (!best || rated.tflopsPerUsd > best.tflopsPerUsd)) best = rated;
  }
  return best;
}

function check(item: CostItem, ctx: CheckContext) {
  if (!item.sku || !item.accelerators || !PREVIOUS_GENERATION.has(item.accelerators.name) || item.estimate.monthlyUsd === null) return undefined;
  const found = ctx.catalog.lookup({ instanceType: item.sku, region: item.region });
  if (!found.found || found.offer.kind !== 'instance' || (found.offer.cloud === 'aws' && found.offer.service !== 'ec2')) return undefined;
  const current = rate(ctx.catalog, found.offer);
  const memory = ctx.catalog.totalAcceleratorMemoryGib(found.offer);
  if (!current || memory === undefined) return undefined;
  const newer = bestNewer(ctx.catalog, found.offer, memory);
  if (!newer || newer.tflopsPerUsd <= current.tflopsPerUsd) return undefined;
  const saving = item.estimate.monthlyUsd * (1 - current.tflopsPerUsd / newer.tflopsPerUsd);
  const n = newer.offer;
  const finding = savingsFinding(
    'previousGenerationGpu',
    item,
    `${item.sku} has previous-generation ${item.accelerators.name} GPUs: ${current.tflops.toFixed(0)} peak FP16/BF16 dense TFLOPS for ${formatUsd(found.offer.onDemandUsdPerHour ?? 0)}/h (${current.tflopsPerUsd.toFixed(0)} TFLOPS per $/h). ` +
      `${n.instanceType} (${n.accelerator?.count ?? 0}× ${n.accelerator?.name ?? '?'}) gives ${newer.tflops.toFixed(0)} for ${formatUsd(n.onDemandUsdPerHour ?? 0)}/h (${newer.tflopsPerUsd.toFixed(0)} per $/h) in ${n.region}; ` +
      `the same work would cost about ${formatUsd(saving)}/month less`,
    saving,
  );
  if (item.skuRange) finding.replacement = { range: item.skuRange, oldText: item.sku, newText: n.instanceType, title: `Switch to ${n.instanceType}` };
  return finding;
}

export const previousGenerationGpu: FinopsCheck = { id: 'previousGenerationGpu', run: check };
