import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_HTTP_BODY_BYTES } from '../../../src/core/limits';
import { createBackend } from '../../../src/core/spend/backendFactory';
import { SpendSourceError, type SpendQuery } from '../../../src/core/spend/types';

const QUERY: SpendQuery = { from: '2026-03-01', to: '2026-03-03', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };
const CHUNK = Buffer.alloc(1024 * 1024, 0x20);
const TWO_GB = 2 * 1024 ** 3;

/**
 * A service answering a 2 GB JSON body, streamed without end until the client hangs up;
 * `sent` is how much it managed to write.
 */
async function startFloodServer(declareLength: boolean): Promise<{ url: string; sent: () => number; closed: Promise<void>; stop: () => Promise<void> }> {
  let sent = 0;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(TWO_GB) } : {}) });
    res.write('{"schemaVersion":1,"series":["');
    const pump = () => {
      while (sent < TWO_GB && !res.destroyed) {
        sent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
    };
    res.on('close', markClosed);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/spend`,
    sent: () => sent,
    closed,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

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
