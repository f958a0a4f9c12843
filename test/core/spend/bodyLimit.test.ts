import { strict as assert } from 'node:assert';
import { MAX_HTTP_BODY_BYTES } from '../../../src/core/limits';
import { createBackend } from '../../../src/core/spend/backendFactory';
import { SpendSourceError, type SpendQuery } from '../../../src/core/spend/types';
import { startFloodServer } from '../floodServer';

const QUERY: SpendQuery = { from: '2026-03-01', to: '2026-03-03', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };
describe('spend sources: HTTP body size bound', function () {
  this.timeout(60_000);

  for (const declareLength of [false, true]) {
    it(`stops reading a 2 GB answer at the bound and hangs up (${declareLength ? 'content-length declared' : 'chunked, no length'})`, async () => {
      const server = await startFloodServer(declareLength);
      try {
        const backend = await createBackend({ source: 'http', url: server.url, baseDir: '.', timeoutMs: 30_000 });
        const error = await backend.query(QUERY).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof SpendSourceError, String(error));
        assert.match(error.message, /^the spend service at http:\/\/127\.0\.0\.1:\d+: its answer is over the 64 MB limit for a spend source; reading stopped there$/);
        await server.closed;
        // The client hung up: the server wrote at most the bound plus what the socket buffers held.
        assert.ok(server.sent() < MAX_HTTP_BODY_BYTES + 64 * 1024 * 1024, `server wrote ${server.sent()} bytes`);
      } finally {
        await server.stop();
      }
    });
  }
});
