/** Fetched prices with their dates, kept between sessions as JSON. */
import { type LivePrice, type LivePriceQuery, queryKey } from './types';

const SCHEMA_VERSION = 1;
const HOUR_MS = 3_600_000;
/** After this, a live price is older than the catalog's caveats allow; the bundled one is used. */
export const MAX_LIVE_AGE_MS = 30 * 24 * HOUR_MS;
/** After this, a used type is fetched again. */
export const REFRESH_AFTER_MS = 24 * HOUR_MS;

export interface LivePriceCacheFile {
  schemaVersion: 1;
  savedAt: string;
  entries: LivePrice[];
}

export class LivePriceCache {
  private readonly entries = new Map<string, LivePrice>();
  /** Bumped by every `put`, so overlays can say their prices changed. */
  private puts = 0;

  constructor(entries: readonly LivePrice[] = []) {
    for (const e of entries) this.entries.set(queryKey(e), e);
  }

  /** A corrupt or foreign file gives an empty cache and the reason, never an exception. */
  static fromJSON(text: string): { cache: LivePriceCache; problem?: string } {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { cache: new LivePriceCache(), problem: 'the live price cache is not valid JSON; starting empty' };
    }
    const file = data as Partial<LivePriceCacheFile>;
    if (typeof file !== 'object' || file === null || file.schemaVersion !== SCHEMA_VERSION || !Array.isArray(file.entries)) {
      return { cache: new LivePriceCache(), problem: 'the live price cache has an unknown format; starting empty' };
    }
    return { cache: new LivePriceCache(file.entries.filter(isLivePrice)) };
  }

  toJSON(now: Date): LivePriceCacheFile {
    return { schemaVersion: SCHEMA_VERSION, savedAt: now.toISOString(), entries: [...this.entries.values()] };
  }

  get size(): number {
    return this.entries.size;
  }

  put(price: LivePrice): void {
    this.entries.set(queryKey(price), price);
    this.puts++;
  }

  /** Differs whenever `get` at `now` may answer differently than before: an entry was put or one aged out. */
  revision(now: Date, maxAgeMs = MAX_LIVE_AGE_MS): string {
    let fresh = 0;
    for (const e of this.entries.values()) if (this.isFresh(e, now, maxAgeMs)) fresh++;
    return `${this.puts}:${fresh}`;
  }

  /** The entry if it is younger than `maxAgeMs`. */
  get(q: LivePriceQuery, now: Date, maxAgeMs = MAX_LIVE_AGE_MS): LivePrice | undefined {
    const e = this.entries.get(queryKey(q));
    return e && this.isFresh(e, now, maxAgeMs) ? e : undefined;
  }

  private isFresh(e: LivePrice, now: Date, maxAgeMs: number): boolean {
    const age = now.getTime() - Date.parse(e.fetchedAt);
    return age >= 0 && age <= maxAgeMs;
  }

  needsRefresh(q: LivePriceQuery, now: Date): boolean {
    return this.get(q, now, REFRESH_AFTER_MS) === undefined;
  }
}

function isLivePrice(v: unknown): v is LivePrice {
  const e = v as Partial<LivePrice>;
  const price = (p: unknown) => p === null || (typeof p === 'number' && Number.isFinite(p) && p >= 0);
  return (
    typeof e === 'object' &&
    e !== null &&
    (e.cloud === 'aws' || e.cloud === 'azure') &&
    typeof e.service === 'string' &&
    typeof e.instanceType === 'string' &&
    typeof e.region === 'string' &&
    typeof e.source === 'string' &&
    typeof e.fetchedAt === 'string' &&
    !Number.isNaN(Date.parse(e.fetchedAt)) &&
    price(e.onDemandUsdPerHour) &&
    price(e.spotUsdPerHour)
  );
}
