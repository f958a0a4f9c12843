import { strict as assert } from 'node:assert';
import { createBackend } from '../../../src/core/spend/backendFactory';
import { CostExplorerBackend } from '../../../src/core/spend/remote/costExplorerBackend';
import { SpendSourceError, type SpendBackend, type SpendQuery } from '../../../src/core/spend/types';
import { startFaultServer, timed, type Fault, type FaultServer } from '../faultServer';

/** Short deadlines keep the suite fast; the production default is 30 s. */
const TIMEOUT_MS = 300;
/** A fault must end well within this, retries included. */
const BOUND_MS = 4000;
const TOKEN = 'planted-secret-token-7f3a';
const credentials = { accessKeyId: 'AKIDTESTLOCAL', secretAccessKey: 'test-secret' };
const QUERY: SpendQuery = { from: '2026-03-01', to: '2026-03-03', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };

interface Target {
  name: string;
  make(server: FaultServer): Promise<SpendBackend>;
  /** The body of a 200 that the stall cuts short, and of a 500/429 error in the API's own shape. */
  partial: string;
  error: (message: string, awsType: string) => string;
  contentType: string;
  /** The AWS SDK retries once by itself. */
  sdk?: boolean;
}

const json = (v: unknown) => JSON.stringify(v);

const TARGETS: Target[] = [
  {
    name: 'http contract',
    make: (s) => createBackend({ source: 'http', url: s.url, token: TOKEN, baseDir: '.', timeoutMs: TIMEOUT_MS }),
    partial: '{"schemaVersion":1,"currency":"USD","series":[{"date":"2026-03-01","key":"nlp","cost":1',
    error: (message) => json({ message }),
    contentType: 'application/json',
  },
  {
    name: 'OpenCost',
    make: (s) => createBackend({ source: 'opencost', url: s.url, baseDir: '.', timeoutMs: TIMEOUT_MS }),
    partial: '{"code":200,"data":[{"nlp":{"name":"nlp","totalCost":12',
    error: (message) => json({ code: 500, message }),
    contentType: 'application/json',
  },
  {
    name: 'AWS Cost Explorer',
    // The real SDK v3 client and its JSON 1.1 protocol, pointed at the local server.
    make: async (s) => new CostExplorerBackend({ endpoint: s.url, credentials, timeoutMs: TIMEOUT_MS }),
    partial: '{"ResultsByTime":[{"TimePeriod":{"Start":"2026-03-01","End":"2026-03-02"},"Groups":[',
    error: (message, awsType) => json({ __type: awsType, message }),
    contentType: 'application/x-amz-json-1.1',
    sdk: true,
  },
];

/** Each fault, what the server does, and what the message must say. */
function faults(t: Target): { name: string; fault: Fault; says: RegExp }[] {
  return [
    { name: '500', fault: { kind: 'answer', status: 500, body: t.error('backend exploded', 'ServiceUnavailableException'), headers: { 'content-type': t.contentType, 'x-amzn-errortype': 'ServiceUnavailableException' } }, says: /500|ServiceUnavailable/ },
    {
      name: '429 with Retry-After',
      // The SDK honours Retry-After and retries once within the call's deadline; the panel's own sources say when to retry.
      fault: { kind: 'answer', status: 429, body: t.error('slow down', 'ThrottlingException'), headers: { 'content-type': t.contentType, 'retry-after': t.sdk ? '1' : '7', 'x-amzn-errortype': 'ThrottlingException' } },
      says: t.sdk ? /ThrottlingException: slow down/ : /answered 429: slow down \(it asks to retry after 7 s\)/,
    },
    { name: 'a server that never answers', fault: { kind: 'hang' }, says: /timed out after 300 ms/ },
    { name: 'a body that stalls half way', fault: { kind: 'stall', partialBody: t.partial, contentType: t.contentType }, says: /timed out after 300 ms/ },
    { name: 'malformed JSON', fault: { kind: 'answer', status: 200, body: '{"series": [ {"date": ', headers: { 'content-type': t.contentType } }, says: /JSON|Syntax|Deserializ/i },
  ];
}

for (const target of TARGETS) {
  describe(`${target.name} under fault injection`, () => {
    let server: FaultServer;
    before(async () => (server = await startFaultServer({ kind: 'hang' })));
    after(() => server.close());

    for (const { name, fault, says } of faults(target)) {
      it(`ends ${name} in a SpendSourceError naming the host, within the bound`, async () => {
        server.setFault(fault);
        const before = server.hits;
        const backend = await target.make(server);
        try {
          const { ms, result } = await timed(() => backend.query(QUERY));
          assert.equal(result.status, 'rejected', 'the query must fail');
          const e = (result as PromiseRejectedResult).reason as Error;
          assert.ok(e instanceof SpendSourceError, `${e.name}: ${e.message}`);
          assert.match(e.message, says);
          assert.ok(e.message.includes(server.host), `names the host: ${e.message}`);
          assert.ok(!e.message.includes(TOKEN), 'never the token');
          assert.ok(ms < BOUND_MS, `ended after ${Math.round(ms)} ms`);
          // At most one retry by the SDK, never a storm.
          assert.ok(server.hits - before <= 2, `${server.hits - before} requests`);
        } finally {
          await backend.dispose?.();
        }
      });
    }

    it('gives up at the caller\'s cancel with a clear message', async () => {
      server.setFault({ kind: 'hang' });
      const backend = await target.make(server);
      const cancel = new AbortController();
      setTimeout(() => cancel.abort(), 50);
      await assert.rejects(backend.query(QUERY, cancel.signal), (e: Error) => e instanceof SpendSourceError && /cancelled/.test(e.message));
      await backend.dispose?.();
    });
  });
}
