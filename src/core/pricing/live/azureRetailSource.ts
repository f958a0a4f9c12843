/**
 * Azure's public Retail Prices API (no credentials): pay-as-you-go and spot prices of a VM
 * size in a region. https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 */
import { DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, withRetries } from './retry';
import { formatDuration } from '../../format/duration';
import { BodyTooLargeError, readBoundedText } from '../../net/boundedBody';
import { DEFAULT_TIMEOUT_MS, LivePriceError, type LivePrice, type LivePriceQuery, type LivePriceSource } from './types';

export const AZURE_RETAIL_URL = 'https://prices.azure.com/api/retail/prices';
const LABEL = 'Azure Retail Prices API';
/** A VM size in one region has a handful of meters; more pages than this means a wrong filter. */
const MAX_PAGES = 10;

/** The fields of an `Items` entry that decide the price. */
interface RetailItem {
  retailPrice?: unknown;
  unitOfMeasure?: unknown;
  type?: unknown;
  skuName?: unknown;
  productName?: unknown;
  currencyCode?: unknown;
}

export interface AzureRetailOptions {
  fetch?: typeof fetch;
  /** The API's URL; a local server in tests. */
  baseUrl?: string;
  retry?: RetryPolicy;
  now?: () => Date;
  /** Deadline of one page, body included. */
  timeoutMs?: number;
}

export class AzureRetailSource implements LivePriceSource {
  readonly label = LABEL;
  private readonly fetchFn: typeof fetch;
  private readonly baseUrl: string;
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  private readonly timeoutMs: number;

  constructor(opts: AzureRetailOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchFn = opts.fetch ?? fetch;
    this.baseUrl = opts.baseUrl ?? AZURE_RETAIL_URL;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.now = opts.now ?? (() => new Date());
  }

  handles(q: LivePriceQuery): boolean {
    return q.cloud === 'azure' && q.service === 'virtual-machines';
  }

  async fetch(q: LivePriceQuery, signal?: AbortSignal): Promise<LivePrice | undefined> {
    const filter = `serviceName eq 'Virtual Machines' and armSkuName eq '${odataString(q.instanceType)}' and armRegionName eq '${odataString(q.region)}'`;
    let url: string | null = `${this.baseUrl}?currencyCode='USD'&$filter=${encodeURIComponent(filter)}`;
    const items: RetailItem[] = [];
    for (let page = 0; url; page++) {
      if (page >= MAX_PAGES) throw new LivePriceError(`${LABEL}: more than ${MAX_PAGES} pages for ${q.instanceType} in ${q.region}`, false);
      const body = await withRetries(this.retry, () => this.getPage(url as string, signal), signal);
      items.push(...body.items);
      url = body.next;
    }
    return this.priceFrom(q, items);
  }

  private async getPage(url: string, signal?: AbortSignal): Promise<{ items: RetailItem[]; next: string | null }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const where = `${LABEL} at ${new URL(url).host}`;
    // A deadline or a network error is worth another try; the caller's cancel is not.
    const failed = (e: unknown, what: string) =>
      signal?.aborted
        ? new LivePriceError('cancelled', false)
        : new LivePriceError(`${where} ${timeout.aborted ? `timed out after ${formatDuration(this.timeoutMs)}` : `${what}: ${e instanceof Error ? e.message : String(e)}`}`, true);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, { headers: { accept: 'application/json' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (e) {
      throw failed(e, 'unreachable');
    }
    if (res.status === 429) throw new LivePriceError(`${where} throttled the request (HTTP 429)`, true, parseRetryAfter(res.headers.get('retry-after')));
    if (res.status >= 500) throw new LivePriceError(`${where} failed (HTTP ${res.status})`, true, parseRetryAfter(res.headers.get('retry-after')));
    try {
      text = await readBoundedText(res, 'a price list page');
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw new LivePriceError(`${where}: ${e.message}`, false);
      throw failed(e, 'broke off its answer');
    }
    if (!res.ok) throw new LivePriceError(`${where} refused the request (HTTP ${res.status}): ${text.slice(0, 200)}`, false);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new LivePriceError(`${where} sent a response that is not JSON`, true);
    }
    const page = body as { Items?: unknown; NextPageLink?: unknown };
    if (typeof page !== 'object' || page === null || !Array.isArray(page.Items)) {
      throw new LivePriceError(`${LABEL} sent JSON without an Items list`, false);
    }
    return { items: page.Items as RetailItem[], next: typeof page.NextPageLink === 'string' && page.NextPageLink ? page.NextPageLink : null };
  }

  /** Linux pay-as-you-go and spot meters; Windows, Low Priority, reservations and dev/test are other prices. */
  private priceFrom(q: LivePriceQuery, items: RetailItem[]): LivePrice | undefined {
    const hourly = items.filter(
      (i) =>
        i.type === 'Consumption' &&
        i.unitOfMeasure === '1 Hour' &&
        (i.currencyCode === undefined || i.currencyCode === 'USD') &&
        typeof i.retailPrice === 'number' &&
        !/windows/i.test(String(i.productName ?? '')) &&
        !/low priority/i.test(String(i.skuName ?? '')),
    );
    const lowest = (spot: boolean) => {
      const prices = hourly.filter((i) => /spot/i.test(String(i.skuName ?? '')) === spot).map((i) => i.retailPrice as number);
      return prices.length ? Math.min(...prices) : null;
    };
    const onDemand = lowest(false);
    const spot = lowest(true);
    if (onDemand === null && spot === null) return undefined;
    return { ...q, onDemandUsdPerHour: onDemand, spotUsdPerHour: spot, fetchedAt: this.now().toISOString(), source: LABEL };
  }
}

/** OData string literals double their quotes. */
function odataString(s: string): string {
  return s.replace(/'/g, "''");
}
