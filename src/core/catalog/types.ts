/** Types of the bundled price catalog (`data/price-catalog.json`). */

export type Cloud = 'aws' | 'gcp' | 'azure' | 'lambda';

/**
 * What a row prices:
 * - `instance`: a whole instance or machine type, accelerators included.
 * - `vm-only`: a GCP machine type without its GPUs (GCP bills them apart).
 * - `accelerator-only`: N GCP GPUs attached to a VM (`instanceType` is empty).
 * - `tpu`: a GCP TPU slice, priced per slice-hour.
 */
export type OfferKind = 'instance' | 'vm-only' | 'accelerator-only' | 'tpu';

/** SageMaker prices differ by what the instance is used for. */
export type SageMakerComponent = 'hosting' | 'training' | 'notebook' | 'processing' | 'unspecified';

export interface AcceleratorRef {
  /** Catalog accelerator name, e.g. `A100-40GB`, `H100`, `L4`, `Trainium`. */
  name: string;
  /** Accelerators per instance; fractional for partial GPUs. */
  count: number;
  /** Memory per accelerator, GiB, when the source gives it. */
  memoryGib?: number;
}

export interface InstanceOffer {
  cloud: Cloud;
  /** `ec2`, `sagemaker`, `compute-engine`, `virtual-machines`, `lambda-cloud`. */
  service: string;
  kind: OfferKind;
  region: string;
  /** Empty for `accelerator-only` rows. */
  instanceType: string;
  accelerator?: AcceleratorRef;
  vcpus?: number;
  memoryGib?: number;
  onDemandUsdPerHour: number | null;
  spotUsdPerHour: number | null;
  component?: SageMakerComponent;
  /** Why a figure differs from its source or is less certain (corrections, inferences); absent when none. */
  dataNotes?: string[];
  /** Index into `CatalogMeta.sources`. */
  source: number;
  /** Set when the prices come from a live price API rather than the bundled table. */
  live?: { label: string; fetchedAt: string };
}

export interface CatalogSource {
  /** `owner/repo:path@commit` or a URL. */
  ref: string;
  /** When the prices were current, or `unknown` with the retrieval date. */
  date: string;
  /** Short human name of the source, e.g. `SkyPilot catalog snapshot`. */
  label?: string;
}

export interface AcceleratorSpec {
  name: string;
  vendor: string;
  memoryGib: number | null;
  peakBf16DenseTflops: number | null;
  peakFp16DenseTflops: number | null;
  peakFp8DenseTflops: number | null;
}

export interface CatalogMeta {
  schemaVersion: 1;
  /** Date the catalog file was built. */
  builtAt: string;
  /** Date the prices were retrieved from their sources. */
  retrievedAt: string;
  /** Free text on how far the prices can be trusted. */
  caveats: string[];
  sources: CatalogSource[];
  /** Region assumed for a cloud when nothing names one. */
  defaultRegions: Record<Cloud, string>;
}

export interface CatalogData {
  meta: CatalogMeta;
  offers: InstanceOffer[];
  accelerators: AcceleratorSpec[];
}

export type PriceLookup =
  | {
      found: true;
      offer: InstanceOffer;
      /** True when the asked region had no row and another region's price is used. */
      regionFallback: boolean;
      /** Human-readable notes such as the fallback, to add to an item's assumptions. */
      notes: string[];
    }
  | { found: false; reason: string };

export interface LookupQuery {
  instanceType: string;
  /** Inferred from the instance type's naming when absent. */
  cloud?: Cloud;
  /** The cloud's default region when absent. */
  region?: string | null;
  /** SageMaker only; `hosting` when absent. */
  component?: SageMakerComponent;
}
