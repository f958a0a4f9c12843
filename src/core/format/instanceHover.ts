import type { PriceCatalog } from '../catalog/catalog';
import type { InstanceOffer } from '../catalog/types';
import { formatUsd } from './costFormat';
import { SECTION_RULE, tableHead } from './markdownTable';
import { describePriceSourceLong } from './priceSourceText';

/** Instance types look like `p4d.24xlarge`, `ml.g5.xlarge`, `a2-highgpu-1g`, `Standard_NC24ads_A100_v4`. */
export const INSTANCE_TYPE_PATTERN = /[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)+|Standard_[A-Za-z0-9_]+|gpu_[0-9]+x_[a-z0-9_]+/;

const MAIN_REGIONS = 10;

const money = (v: number | null) => (v === null ? '—' : formatUsd(v));

/**
 * Markdown for hovering an instance type: prices per region, per-GPU-hour, accelerators,
 * and the cheapest instances with at least as much accelerator memory. Undefined when the
 * word is not a known instance type.
 */
export function instanceHoverMarkdown(catalog: PriceCatalog, word: string, now: Date = new Date()): string | undefined {
  if (!catalog.isKnownInstanceType(word)) return undefined;
  const offers = hoverOffers(catalog.offersFor(word));
  if (!offers.length) return undefined;
  const first = offers[0];
  const lines = [`**${first.instanceType}** · ${first.cloud.toUpperCase()} ${first.service}`, ''];
  lines.push(...specLines(catalog, first).map((l) => `${l}  `), ...SECTION_RULE);
  lines.push(...priceTable(offers.slice(0, MAIN_REGIONS)), ...SECTION_RULE);
  const alternatives = cheaperAlternatives(catalog, first);
  if (alternatives.length) lines.push(...alternatives, ...SECTION_RULE);
  lines.push(`_Prices: ${sourcesLine(catalog, offers, now)}. List prices, Linux, excluding storage and egress._`);
  return lines.join('\n');
}

/** Per region, the whole-machine price; a GCP VM-only row only where no VM + GPU row exists. */
function hoverOffers(all: InstanceOffer[]): InstanceOffer[] {
  const whole = new Set(all.filter((o) => o.kind === 'instance' || o.kind === 'tpu').map((o) => o.region));
  return all.filter((o) => o.kind !== 'accelerator-only' && !(o.kind === 'vm-only' && whole.has(o.region)));
}

function specLines(catalog: PriceCatalog, offer: InstanceOffer): string[] {
  const out: string[] = [];
  const acc = offer.accelerator;
  if (acc) {
    const spec = catalog.acceleratorFor(offer);
    const mem = acc.memoryGib ?? spec?.memoryGib;
    out.push(`Accelerators: ${acc.count}× ${spec?.name ?? acc.name}${mem ? ` (${mem} GiB each, ${round(mem * acc.count)} GiB total)` : ''}`);
  }
  const hw = [offer.vcpus && `${offer.vcpus} vCPU`, offer.memoryGib && `${offer.memoryGib} GiB RAM`].filter(Boolean);
  if (hw.length) out.push(hw.join(' · '));
  if (offer.component) out.push(`SageMaker ${offer.component} price`);
  if (offer.kind === 'vm-only') out.push('VM only: GPUs are billed separately');
  return out;
}

function priceTable(offers: InstanceOffer[]): string[] {
  const gpus = offers[0]?.accelerator?.count;
  const head = gpus
    ? tableHead(['Region', 'On-demand /h', 'Spot /h', 'Per GPU-hour'], ['left', 'right', 'right', 'right'])
    : tableHead(['Region', 'On-demand /h', 'Spot /h'], ['left', 'right', 'right']);
  const rows = offers.map((o) => {
    const perGpu = gpus && o.onDemandUsdPerHour !== null ? ` ${money(o.onDemandUsdPerHour / gpus)} |` : gpus ? ' — |' : '';
    return `| ${o.region} | ${money(o.onDemandUsdPerHour)} | ${money(o.spotUsdPerHour)} |${perGpu}`;
  });
  return [...head, ...rows];
}

function cheaperAlternatives(catalog: PriceCatalog, offer: InstanceOffer): string[] {
  const total = catalog.totalAcceleratorMemoryGib(offer);
  if (!total) return [];
  const cheapest = catalog.cheapestWithAcceleratorMemory(total, { excludeInstanceType: offer.instanceType, limit: 3 });
  if (!cheapest.length) return [];
  return [
    `Cheapest with ≥ ${round(total)} GiB accelerator memory:`,
    ...cheapest.map(
      (o) =>
        `- \`${o.instanceType}\` (${o.cloud} ${o.region}): ${money(o.onDemandUsdPerHour)}/h, ${o.accelerator?.count ?? 0}× ${o.accelerator?.name ?? ''}`,
    ),
  ];
}

/** Each distinct source of the shown rows, e.g. `AWS Price List API, 2 h ago (us-east-1); bundled, 2026-11 (SkyPilot…)`. */
function sourcesLine(catalog: PriceCatalog, offers: InstanceOffer[], now: Date): string {
  const bySource = new Map<string, string[]>();
  for (const o of offers.slice(0, MAIN_REGIONS)) {
    const text = describePriceSourceLong(catalog.priceSource(o), now);
    bySource.set(text, [...(bySource.get(text) ?? []), o.region]);
  }
  if (bySource.size === 1) return [...bySource.keys()][0];
  return [...bySource].map(([text, regions]) => `${text} for ${regions.join(', ')}`).join('; ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
