/** Fetches a set of prices, one query at a time, keeping the cache's old entry on any failure. */
import type { LivePriceCache } from './livePriceCache';
import { LivePriceError, type LivePriceQuery, type LivePriceSource, queryKey } from './types';

export interface RefreshOutcome {
  updated: number;
  /** Queries the API answered with no product, e.g. a type not sold in that region. */
  notListed: string[];
  /** One line per failed query. */
  failures: string[];
}

/**
 * Sequential on purpose: the price APIs throttle bursts, and a workspace uses few types.
 * Stops at the first throttling that survived its retries; the rest waits for next time.
 */
export async function refreshPrices(
  sources: readonly LivePriceSource[],
  queries: readonly LivePriceQuery[],
  cache: LivePriceCache,
  signal?: AbortSignal,
): Promise<RefreshOutcome> {
  const outcome: RefreshOutcome = { updated: 0, notListed: [], failures: [] };
  const unique = [...new Map(queries.map((q) => [queryKey(q), q])).values()];
  for (const q of unique) {
    if (signal?.aborted) break;
    const source = sources.find((s) => s.handles(q));
    if (!source) continue;
    const name = `${q.instanceType} in ${q.region}`;
    try {
      const price = await source.fetch(q, signal);
      if (price) {
        cache.put(price);
        outcome.updated++;
      } else outcome.notListed.push(`${name}: not listed by ${source.label}`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      outcome.failures.push(`${name}: ${message}`);
      if (e instanceof LivePriceError && e.retryable) break;
    }
  }
  return outcome;
}
