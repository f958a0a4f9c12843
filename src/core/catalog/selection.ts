/** Choosing one offer among a type's rows: region fallback, and the notes that disclose it. */

import type { InstanceOffer, PriceLookup } from './types';

/** Regions the SageMaker tables leave unstated; they are a last resort, never a match. */
export const UNSTATED_REGION = 'unspecified';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The asked region's row, else the cloud default's, else the alphabetically first
 * region with a stated region, else an unstated one. Alphabetical keeps the choice
 * stable across builds when nothing better distinguishes the regions.
 */
export function pickRegion(offers: readonly InstanceOffer[], asked: string, fallback: string): InstanceOffer | undefined {
  const want = asked.toLowerCase();
  const exact = offers.find((o) => o.region.toLowerCase() === want);
  if (exact) return exact;
  const byDefault = offers.find((o) => o.region === fallback);
  if (byDefault) return byDefault;
  const sorted = [...offers].sort(
    (a, b) => Number(a.region === UNSTATED_REGION) - Number(b.region === UNSTATED_REGION) || compareText(a.region, b.region),
  );
  return sorted[0];
}

export function regionNote(subject: string, asked: string, used: string): string {
  const using = used === UNSTATED_REGION ? 'using a price whose region the source does not state' : `using ${used}`;
  return `no price for ${subject} in ${asked} in the bundled catalog; ${using}`;
}

/** A found lookup, with the offer's own data notes after the selection notes. */
export function found(offer: InstanceOffer, asked: string, notes: string[]): PriceLookup {
  const regionFallback = offer.region.toLowerCase() !== asked.toLowerCase();
  return { found: true, offer, regionFallback, notes: [...notes, ...(offer.dataNotes ?? [])] };
}

/** Rounds away float noise from scaling (0.35000000000000003) at a precision finer than any source price. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
