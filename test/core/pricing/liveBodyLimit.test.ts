import { strict as assert } from 'node:assert';
import { MAX_HTTP_BODY_BYTES } from '../../../src/core/limits';
import { AzureRetailSource, LivePriceError } from '../../../src/core/pricing/live';
import { startFloodServer } from '../floodServer';

describe('live prices: HTTP body size bound', function () {
  this.timeout(60_000);

  for (const declareLength of [false, true]) {
    it(`stops reading a 2 GB price page at the bound, without retrying (${declareLength ? 'content-length declared' : 'chunked, no length'})`, async () => {
      const server = await startFloodServer(declareLength, '{"BillingCurrency":"USD","Items":[');
      try {
        const source = new AzureRetailSource({ baseUrl: server.url, timeoutMs: 30_000, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 } });
        const error = await source.fetch({ cloud: 'azure', service: 'virtual-machines', instanceType: 'Standard_NC24ads_A100_v4', region: 'eastus' }).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof LivePriceError, String(error));
        assert.equal(error.retryable, false);
        assert.match(error.message, /its answer is over the 64 MB limit for a price list page; reading stopped there/);
        await server.closed;
        assert.ok(server.sent() < MAX_HTTP_BODY_BYTES + 64 * 1024 * 1024, `server wrote ${server.sent()} bytes`);
      } finally {
        await server.stop();
      }
    });
  }
});
