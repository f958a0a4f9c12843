import type { PriceCatalog } from '../../catalog/catalog';
import type { Cloud } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';

/** The region an item is priced in, and the sentence that says where it came from. */
export interface RegionChoice {
  value: string | null;
  assumption: string;
}

/** A region written somewhere in the source, with where (`zone us-central1-a`, `provider "aws"`). */
export interface RegionCandidate {
  value: string;
  from: string;
}

const REGION_SHAPES: Readonly<Record<Cloud, RegExp>> = {
  aws: /^[a-z]{2}(-gov)?-[a-z]+-\d$/,
  gcp: /^[a-z]+-[a-z]+\d+$/,
  azure: /^[a-z]+\d*$/,
  lambda: /^[a-z]+-[a-z]+-\d$/,
};

/** Whether a region code is spelled the way `cloud` spells its regions (a setting is one code for all clouds). */
function looksLikeRegionOf(cloud: Cloud, region: string): boolean {
  return REGION_SHAPES[cloud].test(region.toLowerCase());
}

/**
 * The first written candidate, else the configured default when it is a region of this
 * cloud, else the catalog's default for the cloud; the assumption says which.
 */
export function chooseRegion(
  cloud: Cloud,
  candidates: readonly (RegionCandidate | undefined)[],
  options: EngineOptions,
  catalog: PriceCatalog,
  unresolvedNote = '',
): RegionChoice {
  const stated = candidates.filter((c): c is RegionCandidate => c !== undefined && c.value.trim() !== '');
  const written = stated.find((c) => looksLikeRegionOf(cloud, c.value));
  if (written) return { value: written.value, assumption: `region ${written.value} from ${written.from}` };
  // A template's stand-in (`YOUR_REGION`, `<region>`) is no region: price in the default and say so.
  const why = stated[0] ? `"${stated[0].value}" from ${stated[0].from} is not a region code of ${cloud}` : 'no region set';
  const configured = options.defaultRegion;
  if (configured && looksLikeRegionOf(cloud, configured)) {
    const notRegion = stated[0] ? `; ${why}` : '';
    return { value: configured, assumption: `region ${configured} from ${options.defaultRegionSource ?? 'settings'}${notRegion}${unresolvedNote}` };
  }
  const fallback = catalog.meta.defaultRegions[cloud];
  return { value: fallback, assumption: `region ${fallback} (default for ${cloud}; ${why}${unresolvedNote})` };
}

/** `us-central1-a` → `us-central1`: GCP zones name their region. */
export function gcpZoneRegion(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}
