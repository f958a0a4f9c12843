/**
 * AWS Price List Query API (`GetProducts`) for EC2 and SageMaker on-demand prices. It needs
 * AWS credentials (any identity may call it); its endpoint is in us-east-1. It lists no spot
 * prices, so spot stays with the bundled catalog.
 */
import type * as ClientPricing from '@aws-sdk/client-pricing';
import type { Filter, GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from './retry';
import { formatDuration } from '../../format/duration';
import { DEFAULT_TIMEOUT_MS, LivePriceError, type LivePrice, type LivePriceQuery, type LivePriceSource } from './types';

const LABEL = 'AWS Price List API';
export const AWS_PRICING_REGION = 'us-east-1';
const MAX_PAGES = 20;

export interface AwsPricingClientOptions {
  /** A named profile from ~/.aws; the default credential chain when absent. */
  profile?: string;
  /** Only for tests against a local server. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Socket connect and response limits; the source's own deadline also covers a stalled body. */
  timeoutMs?: number;
}

/**
 * The SDK, loaded when a price is first fetched: most sessions never fetch, and evaluating
 * it costs about 150 ms on the path to the first lens (the extension bundles it apart).
 */
function sdk(): typeof ClientPricing {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-sdk/client-pricing') as typeof ClientPricing;
}

/** Our own retry loop handles throttling, so the SDK tries once per call. */
export function createPricingClient(opts: AwsPricingClientOptions = {}): PricingClient {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new (sdk().PricingClient)({
    region: AWS_PRICING_REGION,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
}

/** The part of a `PriceList` entry we read. */
interface PriceListProduct {
  product?: { attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }> };
}

export interface AwsPriceListOptions {
  retry?: RetryPolicy;
  now?: () => Date;
  /** Deadline of one GetProducts call, body included. */
  timeoutMs?: number;
  /** Named in errors; the local server's host in tests. */
  host?: string;
}

export class AwsPriceListSource implements LivePriceSource {
  readonly label = LABEL;
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private readonly host: string;

  constructor(
    private readonly client: Pick<PricingClient, 'send'>,
    opts: AwsPriceListOptions = {},
  ) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.now = opts.now ?? (() => new Date());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.host = opts.host ?? `api.pricing.${AWS_PRICING_REGION}.amazonaws.com`;
  }

  handles(q: LivePriceQuery): boolean {
    return q.cloud === 'aws' && (q.service === 'ec2' || q.service === 'sagemaker');
  }

  async fetch(q: LivePriceQuery, signal?: AbortSignal): Promise<LivePrice | undefined> {
    const products = await this.products(q, signal);
    const price = q.service === 'sagemaker' ? sageMakerPrice(products, q) : ec2Price(products);
    if (price === undefined) return undefined;
    return { ...q, onDemandUsdPerHour: price, spotUsdPerHour: null, fetchedAt: this.now().toISOString(), source: LABEL };
  }

  private async products(q: LivePriceQuery, signal?: AbortSignal): Promise<PriceListProduct[]> {
    const [serviceCode, filters] = q.service === 'sagemaker' ? ['AmazonSageMaker', sageMakerFilters(q)] : ['AmazonEC2', ec2Filters(q)];
    const out: PriceListProduct[] = [];
    let token: string | undefined;
    for (let page = 0; page === 0 || token; page++) {
      if (page >= MAX_PAGES) throw new LivePriceError(`${LABEL}: more than ${MAX_PAGES} pages for ${q.instanceType} in ${q.region}`, false);
      const command = new (sdk().GetProductsCommand)({ ServiceCode: serviceCode, Filters: filters, FormatVersion: 'aws_v1', MaxResults: 100, NextToken: token });
      const res = await withRetries(this.retry, () => this.send(command, signal), signal);
      for (const entry of res.PriceList ?? []) out.push(parseEntry(entry));
      token = res.NextToken || undefined;
    }
    return out;
  }

  /** One call under a deadline, so a server that never answers or stalls mid-body ends in a retryable error. */
  private async send(command: GetProductsCommand, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await this.client.send(command, { abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (e) {
      if (!signal?.aborted && (timeout.aborted || (e as { name?: string }).name === 'TimeoutError')) {
        throw new LivePriceError(`${LABEL} at ${this.host} timed out after ${formatDuration(this.timeoutMs)}`, true);
      }
      throw toLivePriceError(e, this.host);
    }
  }
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

function ec2Filters(q: LivePriceQuery): Filter[] {
  return [
    term('instanceType', q.instanceType),
    term('regionCode', q.region),
    term('operatingSystem', 'Linux'),
    term('tenancy', 'Shared'),
    term('preInstalledSw', 'NA'),
    term('capacitystatus', 'Used'),
  ];
}

/** The component is chosen client-side: its spelling in the price list varies ("Hosting", "Studio Notebook"). */
function sageMakerFilters(q: LivePriceQuery): Filter[] {
  return [term('instanceName', q.instanceType), term('regionCode', q.region)];
}

/** Entries are JSON documents in strings; the SDK hands them over as lazily parsed string objects. */
function parseEntry(entry: unknown): PriceListProduct {
  try {
    return JSON.parse(String(entry)) as PriceListProduct;
  } catch {
    throw new LivePriceError(`${LABEL} sent a PriceList entry that is not JSON`, false);
  }
}

/** Hourly USD on-demand rates of a product; a product may list several dimensions. */
function hourlyRates(p: PriceListProduct): number[] {
  const rates: number[] = [];
  for (const t of Object.values(p.terms?.OnDemand ?? {})) {
    for (const d of Object.values(t.priceDimensions ?? {})) {
      const usd = Number(d.pricePerUnit?.USD);
      if (/^hrs?$/i.test(d.unit ?? '') && Number.isFinite(usd) && usd > 0) rates.push(usd);
    }
  }
  return rates;
}

/** The instance's own hourly usage (`BoxUsage`), not dedicated hosts or reservations' leftovers. */
function ec2Price(products: PriceListProduct[]): number | undefined {
  const box = products.filter((p) => /BoxUsage/i.test(p.product?.attributes?.usagetype ?? ''));
  const rates = (box.length ? box : products).flatMap(hourlyRates);
  return rates.length ? Math.min(...rates) : undefined;
}

const COMPONENT_WORDS: Record<string, RegExp> = {
  hosting: /hosting|inference|endpoint/i,
  training: /training/i,
  notebook: /notebook/i,
  processing: /processing/i,
};

function sageMakerPrice(products: PriceListProduct[], q: LivePriceQuery): number | undefined {
  const want = COMPONENT_WORDS[q.component ?? 'hosting'] ?? COMPONENT_WORDS.hosting;
  const matching = products.filter((p) => want.test(p.product?.attributes?.component ?? '') && !/async|batch|serverless/i.test(p.product?.attributes?.component ?? ''));
  const rates = matching.flatMap(hourlyRates);
  return rates.length ? Math.min(...rates) : undefined;
}

function toLivePriceError(e: unknown, host: string): LivePriceError {
  if (e instanceof LivePriceError) return e;
  const err = e as { name?: string; message?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode;
  const name = err.name ?? 'Error';
  if (name === 'CredentialsProviderError' || /credential/i.test(name)) {
    return new LivePriceError(`${LABEL} needs AWS credentials (environment, ~/.aws profile or SSO): ${err.message ?? name}`, false);
  }
  if (name === 'AbortError') return new LivePriceError('cancelled', false);
  const throttled = name === 'ThrottlingException' || status === 429;
  const retryable = throttled || Boolean(err.$retryable) || (status !== undefined && status >= 500) || status === undefined;
  const what = throttled ? 'throttled the request' : `failed (${name}${status ? `, HTTP ${status}` : ''})`;
  // The SDK appends lines for developers ("Deserialization error: … $response"); the first says what failed.
  return new LivePriceError(`${LABEL} at ${host} ${what}: ${(err.message ?? '').split('\n')[0]}`.trim(), retryable);
}
