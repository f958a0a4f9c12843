import { strict as assert } from 'node:assert';
import { AwsPriceListSource, AzureRetailSource, createPricingClient, LivePriceCache, LivePriceError, refreshPrices, type LivePrice, type LivePriceQuery, type LivePriceSource } from '../../../src/core/pricing/live';
import type { RetryPolicy } from '../../../src/core/pricing/live/retry';
import { startFaultServer, timed, type Fault, type FaultServer } from '../faultServer';

const TIMEOUT_MS = 250;
const ATTEMPTS = 2;
/** Both tries and the backoff between them, with room for a loaded machine. */
const BOUND_MS = 4000;
const RETRY: RetryPolicy = { attempts: ATTEMPTS, baseDelayMs: 10, maxDelayMs: 50 };
const NOW = new Date('2026-11-26T12:00:00Z');

interface Target {
  name: string;
  query: LivePriceQuery;
  make(server: FaultServer): LivePriceSource;
  partial: string;
  contentType: string;
}

const TARGETS: Target[] = [
  {
    name: 'AWS Price List API',
    query: { cloud: 'aws', service: 'ec2', instanceType: 'p4d.24xlarge', region: 'us-east-1' },
    // The real SDK v3 client speaking JSON 1.1 to the local server.
    make: (s) => new AwsPriceListSource(createPricingClient({ endpoint: s.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, timeoutMs: TIMEOUT_MS }), { retry: RETRY, timeoutMs: TIMEOUT_MS, host: s.host, now: () => NOW }),
    partial: '{"FormatVersion":"aws_v1","PriceList":["{\\"product\\":{\\"attributes\\":{\\"instanceType\\":\\"p4d',
    contentType: 'application/x-amz-json-1.1',
  },
  {
    name: 'Azure Retail Prices API',
    query: { cloud: 'azure', service: 'virtual-machines', instanceType: 'Standard_NC24ads_A100_v4', region: 'eastus' },
    make: (s) => new AzureRetailSource({ baseUrl: s.url, retry: RETRY, timeoutMs: TIMEOUT_MS, now: () => NOW }),
    partial: '{"BillingCurrency":"USD","Items":[{"currencyCode":"USD","retailPrice":3.6',
    contentType: 'application/json',
  },
];

for (const target of TARGETS) {
  describe(`${target.name} under fault injection`, () => {
    let server: FaultServer;
    before(async () => (server = await startFaultServer({ kind: 'hang' })));
    after(() => server.close());

    const cases: { name: string; fault: Fault }[] = [
      { name: 'a server that never answers', fault: { kind: 'hang' } },
      { name: 'a body that stalls half way', fault: { kind: 'stall', partialBody: target.partial, contentType: target.contentType } },
    ];
    for (const { name, fault } of cases) {
      it(`ends ${name} in a retryable LivePriceError naming the host, after bounded tries`, async () => {
        server.setFault(fault);
        const before = server.hits;
        const { ms, result } = await timed(() => target.make(server).fetch(target.query));
        assert.equal(result.status, 'rejected');
        const e = (result as PromiseRejectedResult).reason as Error;
        assert.ok(e instanceof LivePriceError, `${e.name}: ${e.message}`);
        assert.ok(e.retryable);
        assert.match(e.message, new RegExp(`^${target.name} at ${server.host.replace(/\./g, '\\.')} timed out after 250 ms \\(gave up after ${ATTEMPTS} tries\\)$`));
        assert.equal(server.hits - before, ATTEMPTS);
        assert.ok(ms < BOUND_MS, `ended after ${Math.round(ms)} ms`);
      });
    }

    it('keeps the cached price when a refresh meets a stalled server', async () => {
      server.setFault({ kind: 'stall', partialBody: target.partial, contentType: target.contentType });
      const old: LivePrice = { ...target.query, onDemandUsdPerHour: 1.5, spotUsdPerHour: null, fetchedAt: '2026-11-20T00:00:00Z', source: target.name };
      const cache = new LivePriceCache([old]);
      const outcome = await refreshPrices([target.make(server)], [target.query], cache);
      assert.equal(outcome.updated, 0);
      assert.match(outcome.failures[0], /timed out after 250 ms/);
      assert.deepEqual(cache.get(target.query, NOW), old);
    });

    it('stops at once when the caller cancels, without retrying', async () => {
      server.setFault({ kind: 'hang' });
      const before = server.hits;
      const cancel = new AbortController();
      // Cancel once the request is in (not after a fixed delay, which a busy machine can outrun).
      const arrived = setInterval(() => server.hits > before && (clearInterval(arrived), cancel.abort()), 5);
      try {
        await assert.rejects(target.make(server).fetch(target.query, cancel.signal), (e: unknown) => e instanceof LivePriceError && !e.retryable && /cancelled/.test(e.message));
      } finally {
        clearInterval(arrived);
      }
      assert.equal(server.hits - before, 1);
    });
  });
}
