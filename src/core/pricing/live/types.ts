/** Live prices fetched from a cloud's price API, as opposed to the bundled catalog. */
import type { SageMakerComponent } from '../../catalog/types';

export type LiveCloud = 'aws' | 'azure';
export type LiveService = 'ec2' | 'sagemaker' | 'virtual-machines';

/** One instance type in one region (and, for SageMaker, one component). */
export interface LivePriceQuery {
  cloud: LiveCloud;
  service: LiveService;
  instanceType: string;
  region: string;
  component?: SageMakerComponent;
}

export interface LivePrice extends LivePriceQuery {
  /** Null when the API has no such price (AWS's Price List has no spot prices). */
  onDemandUsdPerHour: number | null;
  spotUsdPerHour: number | null;
  /** ISO timestamp of the fetch. */
  fetchedAt: string;
  /** Human name of the API, e.g. `AWS Price List API`. */
  source: string;
}

export interface LivePriceSource {
  /** Shown next to every price from this source. */
  readonly label: string;
  handles(query: LivePriceQuery): boolean;
  /**
   * The price now, or undefined when the API lists no such product (not an error).
   * Throws `LivePriceError` when the API fails after its retries.
   */
  fetch(query: LivePriceQuery, signal?: AbortSignal): Promise<LivePrice | undefined>;
}

/** Deadline of one request to a price API, body included: one that never answers must not hold a refresh. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** A failure worth one clear line in the log; the previous cache stays in use. */
export class LivePriceError extends Error {
  constructor(
    message: string,
    /** Worth another try later (throttling, 5xx, network), not a bad request. */
    readonly retryable: boolean,
    /** The server's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LivePriceError';
  }
}

export function queryKey(q: LivePriceQuery): string {
  return [q.cloud, q.service, q.instanceType.toLowerCase(), q.region.toLowerCase(), q.service === 'sagemaker' ? (q.component ?? 'hosting') : ''].join('|');
}
