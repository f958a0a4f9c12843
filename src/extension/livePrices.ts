import * as vscode from 'vscode';
import type { PriceCatalog } from '../core/catalog/catalog';
import type * as LiveCore from '../core/pricing/live';
import type { LivePriceCache, LivePriceOverlay, LivePriceQuery, LivePriceSource } from '../core/pricing/live';
import type { CostItem } from '../core/model';
import { loadCore } from './engineLoader';
import { log } from './log';
import { readSettings } from './settings';

const CACHE_FILE = 'live-prices.json';
/** A price that failed or was fetched is not asked again sooner than this, whatever triggers it. */
const MIN_RETRY_MS = 10 * 60_000;
/** Lets a burst of edits or hovers settle into one refresh. */
const AUTO_DELAY_MS = 5_000;
/** A workspace uses few types; this bounds a runaway one. */
const MAX_QUERIES_PER_REFRESH = 40;

/**
 * Live prices for the instance types a workspace uses, cached in the extension's global
 * storage. Nothing is fetched unless the user turned `aiFinops.livePrices.enabled` on
 * (an application setting, so a workspace cannot) and the workspace is trusted.
 */
export type LiveCoreModule = typeof LiveCore;

export class LivePrices implements vscode.Disposable {
  /** Created with the engine, from its lazily loaded bundle; activation does not load it. */
  private state: { core: LiveCoreModule; cache: LivePriceCache; overlay: LivePriceOverlay; loading: Promise<void> } | undefined;
  private readonly attempted = new Map<string, number>();
  private readonly pending = new Map<string, LivePriceQuery>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sources: { profile: string; list: LivePriceSource[] } | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly storage: vscode.Uri,
    private readonly onUpdated: () => void,
    /** The price APIs; the real ones unless a test passes sources on local servers. */
    private readonly createSources: (core: LiveCoreModule, awsProfile: string) => LivePriceSource[] = defaultSources,
    private readonly loadLiveCore: () => LiveCoreModule = () => loadCore().live,
  ) {}

  /** The overlay the engine's catalog applies; the first call also reads the saved cache. */
  get overlay(): LivePriceOverlay {
    return this.loaded().overlay;
  }

  private loaded() {
    if (!this.state) {
      const core = this.loadLiveCore();
      const cache = new core.LivePriceCache();
      const overlay = new core.LivePriceOverlay(cache);
      this.state = { core, cache, overlay, loading: this.load(core, cache) };
    }
    return this.state;
  }

  /** Resolves once the saved cache has been read. */
  ready(): Promise<void> {
    return this.loaded().loading;
  }

  private get file(): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, CACHE_FILE);
  }

  /** Reads the cache of earlier sessions; a missing or corrupt file starts empty. */
  private async load(core: LiveCoreModule, live: LivePriceCache): Promise<void> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file));
    } catch {
      return;
    }
    const { cache, problem } = core.LivePriceCache.fromJSON(text);
    if (problem) log().warn(`${this.file.fsPath}: ${problem}`);
    // Entries fetched while the file was being read are newer; keep them.
    for (const e of cache.toJSON(new Date()).entries) if (!live.get(e, new Date(), Infinity)) live.put(e);
    if (cache.size) this.onUpdated();
  }

  /** Why nothing may be fetched now, or undefined when fetching is allowed. */
  blockedReason(): string | undefined {
    if (!vscode.workspace.isTrusted) return 'live prices are not fetched in an untrusted workspace';
    if (!readSettings().livePricesEnabled) return 'live prices are off (setting aiFinops.livePrices.enabled)';
    return undefined;
  }

  /** The command: fetch every used type now, past the rate limit. */
  async refreshNow(items: readonly CostItem[], catalog: PriceCatalog): Promise<string> {
    const blocked = this.blockedReason();
    if (blocked) return `AI FinOps: ${blocked}.`;
    const queries = queriesFor(this.loaded().core, items, catalog);
    if (queries.length === 0) return 'AI FinOps: no AWS or Azure instance types in the analysed files to refresh.';
    await this.ready();
    await this.running;
    const summary = await this.fetch(queries);
    return `AI FinOps: ${summary}`;
  }

  /** Queues used types whose price is stale; fetched after a pause, rate-limited per type. */
  noteUsed(items: readonly CostItem[], catalog: PriceCatalog): void {
    if (this.blockedReason()) return;
    this.queue(queriesFor(this.loaded().core, items, catalog));
  }

  /** A hovered type, in the regions the hover shows first. */
  noteHovered(word: string, catalog: PriceCatalog, regions: readonly string[]): void {
    if (this.blockedReason()) return;
    const { core } = this.loaded();
    const wanted = new Set(regions.map((r) => r.toLowerCase()));
    const offers = catalog.offersFor(word).filter((o) => wanted.has(o.region.toLowerCase()));
    this.queue(offers.flatMap((o) => core.liveQueryFor(o) ?? []));
  }

  private queue(queries: readonly LivePriceQuery[]): void {
    const { core, cache } = this.loaded();
    const now = Date.now();
    for (const q of queries) {
      const key = core.queryKey(q);
      if (!cache.needsRefresh(q, new Date()) || now - (this.attempted.get(key) ?? 0) < MIN_RETRY_MS) continue;
      this.pending.set(key, q);
    }
    if (this.pending.size === 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.pending.values()];
      this.pending.clear();
      void this.fetch(batch);
    }, AUTO_DELAY_MS);
  }

  private async fetch(queries: readonly LivePriceQuery[]): Promise<string> {
    const previous = this.running;
    let summary = '';
    const run = (async () => {
      await previous;
      if (this.blockedReason()) return;
      const { core, cache } = this.loaded();
      const batch = queries.slice(0, MAX_QUERIES_PER_REFRESH);
      for (const q of batch) this.attempted.set(core.queryKey(q), Date.now());
      const outcome = await core.refreshPrices(this.liveSources(core), batch, cache, this.abort.signal);
      for (const f of outcome.failures) log().warn(`live prices: ${f}`);
      for (const n of outcome.notListed) log().info(`live prices: ${n}`);
      summary = `refreshed ${outcome.updated} of ${batch.length} prices${outcome.failures.length ? `; ${outcome.failures.length} failed, the previous prices stay in use (see the log)` : ''}.`;
      log().info(`live prices: ${summary}`);
      if (outcome.updated > 0) {
        await this.save();
        this.onUpdated();
      }
    })();
    this.running = run.catch((e: unknown) => log().error(`live prices: ${e instanceof Error ? e.message : String(e)}`));
    await this.running;
    return summary || 'live prices could not be refreshed (see the log).';
  }

  private liveSources(core: LiveCoreModule): LivePriceSource[] {
    const profile = readSettings().livePricesAwsProfile;
    if (this.sources?.profile !== profile) this.sources = { profile, list: this.createSources(core, profile) };
    return this.sources.list;
  }

  private async save(): Promise<void> {
    try {
      await vscode.workspace.fs.createDirectory(this.storage);
      const text = JSON.stringify(this.loaded().cache.toJSON(new Date()), null, 1);
      await vscode.workspace.fs.writeFile(this.file, new TextEncoder().encode(text));
    } catch (e) {
      log().warn(`live prices: could not save ${this.file.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.abort.abort();
  }
}

function defaultSources(core: LiveCoreModule, profile: string): LivePriceSource[] {
  return [new core.AwsPriceListSource(core.createPricingClient(profile ? { profile } : {})), new core.AzureRetailSource()];
}

/** The live queries behind priced AWS and Azure items: their type, in the region they were priced. */
export function queriesFor(core: LiveCoreModule, items: readonly CostItem[], catalog: PriceCatalog): LivePriceQuery[] {
  const out = new Map<string, LivePriceQuery>();
  for (const item of items) {
    if (!item.sku || !item.region || (item.provider !== 'aws' && item.provider !== 'azure')) continue;
    for (const offer of catalog.offersFor(item.sku)) {
      if (offer.region.toLowerCase() !== item.region.toLowerCase()) continue;
      const q = core.liveQueryFor(offer);
      if (q) out.set(core.queryKey(q), q);
    }
  }
  return [...out.values()];
}
