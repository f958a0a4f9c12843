/** Price lookups over the bundled catalog (`data/price-catalog.json`). */

import catalogData from '../../../data/price-catalog.json';
import { acceleratorKey, gcpPriceKey, memoryFromName, specKey } from './accelerator-names';
import { inferCloud, isSageMakerType } from './naming';
import { found, pickRegion, regionNote, roundUsd } from './selection';
import { parseTpuName, tpuSliceName, type TpuSlice } from './tpu';
import type {
  AcceleratorSpec,
  CatalogData,
  CatalogMeta,
  Cloud,
  InstanceOffer,
  LookupQuery,
  PriceLookup,
  SageMakerComponent,
} from './types';

export type OfferPricing = 'on-demand' | 'spot';

export interface CheapestOptions {
  cloud?: Cloud;
  /** Leave this type out, typically the one the user already has. */
  excludeInstanceType?: string;
  /** At most this many results; 3 when absent. */
  limit?: number;
  /** Which price ranks the offers; offers without that price are left out. */
  pricing?: OfferPricing;
  /**
   * GPUs only (default true): Trainium, Inferentia and Gaudi need a different
   * software stack, so they are no drop-in alternative to a GPU instance.
   */
  gpuOnly?: boolean;
}

export interface OfferPriceSource {
  label: string;
  asOf: string;
  /** ISO timestamp of a live fetch; absent for bundled prices. */
  fetchedAt?: string;
}

/** Replaces a row's prices at lookup time (live prices); the bundled data stay as they are. */
export interface OfferOverlay {
  apply(offer: InstanceOffer): InstanceOffer;
  /** Changes whenever `apply` may return other prices (a refresh, an entry ageing out), so caches of priced items can tell. */
  revision(): string;
}

const COVERAGE =
  'the bundled catalog covers GPU/accelerator instances, TPU slices and the main CPU families (AWS t/m/c/r, GCP n1/n2/n2d/n4/e2/c2/c3/c4/t2, Azure B/D/E/F)';

function priceOf(offer: InstanceOffer, pricing: OfferPricing): number | null {
  return pricing === 'spot' ? offer.spotUsdPerHour : offer.onDemandUsdPerHour;
}

const NON_GPU_ACCELERATOR = /^(trainium|inferentia|gaudi)/;

function isGpu(offer: InstanceOffer): boolean {
  return offer.accelerator !== undefined && !NON_GPU_ACCELERATOR.test(acceleratorKey(offer.accelerator.name));
}

export const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure', lambda: 'Lambda' };

function groupBy<K>(offers: readonly InstanceOffer[], key: (o: InstanceOffer) => K | undefined): Map<K, InstanceOffer[]> {
  const map = new Map<K, InstanceOffer[]>();
  for (const offer of offers) {
    const k = key(offer);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(offer);
    else map.set(k, [offer]);
  }
  return map;
}

/**
 * The SageMaker price tables carry no hardware; `ml.g5.xlarge` runs on a `g5.xlarge`, so
 * the EC2 row of the same name supplies its accelerators, vCPUs and memory.
 */
function withSageMakerHardware(offers: InstanceOffer[]): InstanceOffer[] {
  const ec2 = new Map(offers.filter((o) => o.service === 'ec2').map((o) => [o.instanceType.toLowerCase(), o]));
  return offers.map((o) => {
    if (o.service !== 'sagemaker' || o.accelerator) return o;
    const hw = ec2.get(o.instanceType.toLowerCase().replace(/^ml\./, ''));
    if (!hw) return o;
    return { ...o, accelerator: hw.accelerator, vcpus: o.vcpus ?? hw.vcpus, memoryGib: o.memoryGib ?? hw.memoryGib };
  });
}

export class PriceCatalog {
  private readonly byType: Map<string, InstanceOffer[]>;
  private readonly gcpAccelerators: Map<string, InstanceOffer[]>;
  private readonly tpuSlices: Map<string, InstanceOffer[]>;
  private readonly specs: Map<string, AcceleratorSpec>;
  private readonly knownTypes: ReadonlySet<string>;

  private readonly data: CatalogData;

  constructor(
    data: CatalogData,
    private readonly overlay?: OfferOverlay,
  ) {
    if (data.meta.schemaVersion !== 1) {
      throw new Error(`unsupported price catalog schemaVersion ${String(data.meta.schemaVersion)}`);
    }
    data = { ...data, offers: withSageMakerHardware(data.offers) };
    this.data = data;
    this.byType = groupBy(data.offers, (o) => (o.instanceType === '' ? undefined : o.instanceType.toLowerCase()));
    this.gcpAccelerators = groupBy(data.offers, (o) =>
      o.cloud === 'gcp' && o.kind === 'accelerator-only' && o.accelerator ? acceleratorKey(o.accelerator.name) : undefined,
    );
    this.tpuSlices = groupBy(data.offers, (o) => (o.kind === 'tpu' ? parseTpuName(o.instanceType)?.generation : undefined));
    this.specs = new Map(data.accelerators.map((a) => [acceleratorKey(a.name), a]));
    this.knownTypes = new Set(this.byType.keys());
  }

  get meta(): CatalogMeta {
    return this.data.meta;
  }

  /**
   * Tells apart the prices this catalog returns over time: the bundled data never changes,
   * but an overlay's live prices do, while the catalog object stays the same.
   */
  revision(): string {
    return this.overlay?.revision() ?? 'bundled';
  }

  /** The same catalog whose lookups go through `overlay` first. */
  withOverlay(overlay: OfferOverlay): PriceCatalog {
    return new PriceCatalog(this.data, overlay);
  }

  lookup(q: LookupQuery): PriceLookup {
    return this.withOverlayApplied(this.lookupBundled(q));
  }

  private lookupBundled(q: LookupQuery): PriceLookup {
    const name = q.instanceType.trim();
    const all = this.byType.get(name.toLowerCase()) ?? [];
    if (all.length === 0) {
      const tpu = parseTpuName(name);
      return tpu ? this.tpuBundled(tpu, q.region, name) : { found: false, reason: this.notFoundReason(name) };
    }
    // The rows know their cloud; the name-based guess is only for unknown types.
    const cloud = q.cloud ?? all[0].cloud;
    const offers = all.filter((o) => o.cloud === cloud);
    if (offers.length === 0) {
      return { found: false, reason: `${all[0].instanceType} is a ${all[0].cloud} type, not ${cloud}, in the bundled catalog` };
    }
    const fallback = this.data.meta.defaultRegions[cloud];
    const asked = q.region || fallback;
    if (isSageMakerType(name)) return this.lookupSageMaker(offers, asked, q.component);
    if (cloud === 'gcp') return this.lookupGcp(offers, asked);
    return this.choose(offers, asked, fallback, []);
  }

  /** GCP attached GPUs: the accelerator-only rows, scaled per GPU when the exact count has no row. */
  gcpAcceleratorPrice(acceleratorName: string, count: number, region?: string | null): PriceLookup {
    const rows = this.gcpAccelerators.get(gcpPriceKey(acceleratorName));
    if (!rows) {
      const known = [...new Set([...this.gcpAccelerators.values()].map((r) => r[0].accelerator?.name ?? ''))].sort();
      return { found: false, reason: `no GCP price for accelerator ${acceleratorName} in the bundled catalog (it has ${known.join(', ')})` };
    }
    if (!Number.isFinite(count) || count <= 0) {
      return { found: false, reason: `accelerator count must be positive, got ${count}` };
    }
    const fallback = this.data.meta.defaultRegions.gcp;
    const asked = region || fallback;
    const regionRow = pickRegion(rows, asked, fallback);
    if (!regionRow) return { found: false, reason: `no GCP price for accelerator ${acceleratorName} in the bundled catalog` };
    const inRegion = rows.filter((o) => o.region === regionRow.region);
    const gpuName = regionRow.accelerator?.name ?? acceleratorName;
    const notes = regionRow.region.toLowerCase() === asked.toLowerCase() ? [] : [regionNote(`${gpuName} GPUs`, asked, regionRow.region)];
    const exact = inRegion.find((o) => o.accelerator?.count === count);
    if (exact) return found(exact, asked, notes);
    const scaled = scaleGpus(inRegion, count);
    return found(scaled.offer, asked, [...notes, scaled.note]);
  }

  /**
   * A TPU slice of `chips` chips: its own row, else the generation's smallest slice in the
   * region scaled per chip (Cloud TPU prices chips linearly within a generation).
   * `writtenAs` names the TPU as the source wrote it, for the note that maps it to a slice.
   */
  tpuPrice(slice: TpuSlice, region?: string | null, writtenAs?: string): PriceLookup {
    return this.withOverlayApplied(this.tpuBundled(slice, region, writtenAs));
  }

  private tpuBundled(slice: TpuSlice, region?: string | null, writtenAs?: string): PriceLookup {
    const rows = this.tpuSlices.get(slice.generation);
    const sliceName = tpuSliceName(slice);
    if (!rows) return { found: false, reason: `no price for TPU ${slice.generation} in the bundled catalog` };
    const fallback = this.data.meta.defaultRegions.gcp;
    const asked = region || fallback;
    const regionRow = pickRegion(rows, asked, fallback);
    if (!regionRow) return { found: false, reason: `no price for TPU ${slice.generation} in the bundled catalog` };
    const inRegion = rows.filter((o) => o.region === regionRow.region);
    const notes = regionRow.region.toLowerCase() === asked.toLowerCase() ? [] : [regionNote(`TPU ${slice.generation}`, asked, regionRow.region)];
    if (writtenAs && writtenAs.trim().toLowerCase() !== sliceName) notes.push(`${writtenAs} is a TPU ${slice.generation} with ${slice.chips} chip${slice.chips === 1 ? '' : 's'}: priced as ${sliceName}`);
    const exact = inRegion.find((o) => o.instanceType.toLowerCase() === sliceName);
    if (exact) return found(exact, asked, notes);
    const base = [...inRegion].sort((a, b) => (parseTpuName(a.instanceType)?.chips ?? 0) - (parseTpuName(b.instanceType)?.chips ?? 0))[0];
    const baseChips = parseTpuName(base.instanceType)?.chips ?? 1;
    const scale = (p: number | null): number | null => (p === null ? null : roundUsd((p / baseChips) * slice.chips));
    const scaled: InstanceOffer = {
      ...base,
      instanceType: sliceName,
      accelerator: { name: sliceName, count: 1 },
      onDemandUsdPerHour: scale(base.onDemandUsdPerHour),
      spotUsdPerHour: scale(base.spotUsdPerHour),
    };
    return found(scaled, asked, [...notes, `no price row for ${sliceName} in ${base.region}; scaled the ${base.instanceType} price per chip`]);
  }

  private withOverlayApplied(result: PriceLookup): PriceLookup {
    return result.found && this.overlay ? { ...result, offer: this.overlay.apply(result.offer) } : result;
  }

  offersFor(instanceType: string): InstanceOffer[] {
    const offers = this.byType.get(instanceType.trim().toLowerCase()) ?? [];
    return this.overlay ? offers.map((o) => this.overlay?.apply(o) ?? o) : [...offers];
  }

  /** Whole instances (not SageMaker) with at least `minTotalGib` accelerator memory, cheapest first, one per type. */
  cheapestWithAcceleratorMemory(minTotalGib: number, opts: CheapestOptions = {}): InstanceOffer[] {
    const pricing = opts.pricing ?? 'on-demand';
    const exclude = opts.excludeInstanceType?.trim().toLowerCase();
    const cheapest = new Map<string, InstanceOffer>();
    for (const offer of this.data.offers) {
      if (offer.kind !== 'instance' || offer.service === 'sagemaker') continue;
      if (opts.cloud !== undefined && offer.cloud !== opts.cloud) continue;
      const key = offer.instanceType.toLowerCase();
      if (key === exclude || priceOf(offer, pricing) === null) continue;
      if ((opts.gpuOnly ?? true) && !isGpu(offer)) continue;
      // A relative tolerance so 8 × 22.35 still counts as 178.8 GiB.
      if ((this.totalAcceleratorMemoryGib(offer) ?? 0) < minTotalGib * (1 - 1e-9)) continue;
      const best = cheapest.get(key);
      if (!best || this.ranksBefore(offer, best, pricing)) cheapest.set(key, offer);
    }
    return [...cheapest.values()]
      .sort((a, b) => (this.ranksBefore(a, b, pricing) ? -1 : 1))
      .slice(0, Math.max(0, opts.limit ?? 3));
  }

  accelerator(name: string): AcceleratorSpec | undefined {
    return this.specs.get(specKey(name));
  }

  /** The spec of an offer's accelerator, using the instance type where the name alone is ambiguous. */
  acceleratorFor(offer: InstanceOffer): AcceleratorSpec | undefined {
    const acc = offer.accelerator;
    if (!acc || offer.kind === 'tpu') return undefined;
    if (acceleratorKey(acc.name) === 'h100') {
      // Azure NC H100 v5 sizes carry the H100 NVL (94 GB), a part the spec table lacks.
      if (offer.cloud === 'azure' && /^standard_nc\d+a\w*_h100_v5$/i.test(offer.instanceType)) return undefined;
      if (/pcie/i.test(offer.instanceType)) return this.accelerator('H100-PCIe');
    }
    return this.accelerator(acc.name);
  }

  /** Accelerator memory of one instance: count × per-accelerator memory, from the row, its spec or its name. */
  totalAcceleratorMemoryGib(offer: InstanceOffer): number | undefined {
    const acc = offer.accelerator;
    if (!acc || offer.kind === 'tpu') return undefined;
    const each = acc.memoryGib ?? this.acceleratorFor(offer)?.memoryGib ?? memoryFromName(acc.name);
    return each === undefined || each === null ? undefined : acc.count * each;
  }

  priceSource(offer: InstanceOffer): OfferPriceSource {
    if (offer.live) return { label: offer.live.label, asOf: offer.live.fetchedAt.slice(0, 10), fetchedAt: offer.live.fetchedAt };
    const source = this.data.meta.sources[offer.source];
    const label = source?.label ?? source?.ref ?? 'unknown source';
    return { label: `bundled catalog (${label})`, asOf: this.data.meta.retrievedAt };
  }

  allInstanceTypes(): string[] {
    return [...this.byType.values()].map((offers) => offers[0].instanceType).sort();
  }

  isKnownInstanceType(word: string): boolean {
    return this.knownTypes.has(word.trim().toLowerCase());
  }

  private choose(offers: readonly InstanceOffer[], asked: string, fallback: string, notes: string[]): PriceLookup {
    const offer = pickRegion(offers, asked, fallback);
    if (!offer) return { found: false, reason: 'no matching price row in the bundled catalog' };
    const regionNotes = offer.region.toLowerCase() === asked.toLowerCase() ? [] : [regionNote(offer.instanceType, asked, offer.region)];
    return found(offer, asked, [...regionNotes, ...notes]);
  }

  /** GCP GPU machine types: the VM + GPU row if any region has one, since a VM-only price leaves out most of the bill. */
  private lookupGcp(offers: readonly InstanceOffer[], asked: string): PriceLookup {
    const fallback = this.data.meta.defaultRegions.gcp;
    const whole = offers.filter((o) => o.kind !== 'vm-only');
    if (whole.length > 0) {
      const vmOnlyHere = offers.some((o) => o.kind === 'vm-only' && o.region.toLowerCase() === asked.toLowerCase());
      const wholeHere = whole.some((o) => o.region.toLowerCase() === asked.toLowerCase());
      const notes = vmOnlyHere && !wholeHere ? [`${asked} has only a VM-only price, which would leave out the GPUs`] : [];
      return this.choose(whole, asked, fallback, notes);
    }
    const vmOnly = offers.filter((o) => o.kind === 'vm-only');
    const type = vmOnly[0]?.instanceType ?? '';
    return this.choose(vmOnly, asked, fallback, [
      `${type} is priced without its GPUs: GCP bills GPUs separately and the bundled catalog has no VM + GPU price for it; add the attached GPUs' price`,
    ]);
  }

  /** SageMaker: the asked component, else hosting, else rows whose component the source does not state. */
  private lookupSageMaker(offers: readonly InstanceOffer[], asked: string, component: SageMakerComponent | undefined): PriceLookup {
    const want = component ?? 'hosting';
    const order = [...new Set<SageMakerComponent>([want, 'hosting', 'unspecified'])];
    for (const c of order) {
      const rows = offers.filter((o) => o.component === c);
      if (rows.length === 0) continue;
      const notes = c === want ? [] : [componentNote(want, c)];
      return this.choose(rows, asked, this.data.meta.defaultRegions.aws, notes);
    }
    return { found: false, reason: `no SageMaker ${want} price for ${offers[0].instanceType} in the bundled catalog` };
  }

  private ranksBefore(a: InstanceOffer, b: InstanceOffer, pricing: OfferPricing): boolean {
    const pa = priceOf(a, pricing) ?? Infinity;
    const pb = priceOf(b, pricing) ?? Infinity;
    if (pa !== pb) return pa < pb;
    if (a.instanceType !== b.instanceType) return a.instanceType < b.instanceType;
    return a.region < b.region;
  }

  private notFoundReason(name: string): string {
    if (isSageMakerType(name)) {
      return `${name} has no SageMaker price in the bundled catalog, which covers GPU/accelerator instances only (and few ml.* types)`;
    }
    const cloud = inferCloud(name);
    const what = cloud ? `${name} (${CLOUD_NAMES[cloud]} naming)` : name;
    return `${what} is not in the bundled price catalog; ${COVERAGE}`;
  }
}

/** Any count's row gives the per-GPU price (GCP prices GPUs linearly); the smallest count is used. */
function scaleGpus(rows: readonly InstanceOffer[], count: number): { offer: InstanceOffer; note: string } {
  const base = [...rows].sort((a, b) => (a.accelerator?.count ?? 0) - (b.accelerator?.count ?? 0))[0];
  const baseCount = base.accelerator?.count ?? 1;
  const scale = (p: number | null): number | null => (p === null ? null : roundUsd((p / baseCount) * count));
  const name = base.accelerator?.name ?? '';
  const memory = base.accelerator?.memoryGib === undefined ? {} : { memoryGib: base.accelerator.memoryGib };
  return {
    offer: {
      ...base,
      accelerator: { name, count, ...memory },
      onDemandUsdPerHour: scale(base.onDemandUsdPerHour),
      spotUsdPerHour: scale(base.spotUsdPerHour),
    },
    note: `no GCP price row for ${count}× ${name} in ${base.region}; scaled the ${baseCount}× price per GPU`,
  };
}

function componentNote(want: SageMakerComponent, used: SageMakerComponent): string {
  const using = used === 'unspecified' ? 'a price whose component the source does not state' : `the ${used} price`;
  return `SageMaker ${want} price not in bundled catalog; using ${using}`;
}

let bundled: PriceCatalog | undefined;

/** The catalog shipped with the extension, parsed once per process. */
export function bundledCatalog(): PriceCatalog {
  // Cast through unknown: JSON imports widen literal types (`kind: string`), and the
  // builder script is what guarantees the shape.
  const data: unknown = catalogData;
  bundled ??= new PriceCatalog(data as CatalogData);
  return bundled;
}
