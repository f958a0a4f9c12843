/**
 * A real HTTP server on 127.0.0.1 that misbehaves the ways remote APIs do: it accepts a
 * connection and never answers, or sends headers and part of the body and then stalls.
 * Sockets are destroyed on close, so a stalled exchange never keeps the test process alive.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Reads the request, then sends nothing at all. */
  | { kind: 'hang' }
  /** Sends the status, headers and `partialBody`, then nothing more. */
  | { kind: 'stall'; partialBody: string; contentType?: string }
  /** A complete answer, for the good and the plainly failing cases. */
  | { kind: 'answer'; status: number; body: string; headers?: Record<string, string> };

export interface FaultServer {
  url: string;
  host: string;
  /** How many requests arrived, to check that retries stay bounded. */
  readonly hits: number;
  /** What the next requests meet. */
  setFault(fault: Fault): void;
  close(): Promise<void>;
}

export async function startFaultServer(initial: Fault): Promise<FaultServer> {
  let fault = initial;
  let hits = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      const f = fault;
      if (f.kind === 'hang') return;
      if (f.kind === 'stall') {
        // No content-length: the client cannot know the body is short until it ends, which it never does.
        res.writeHead(200, { 'content-type': f.contentType ?? 'application/json' });
        res.write(f.partialBody);
        return;
      }
      res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers });
      res.end(f.body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    setFault: (f) => (fault = f),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs `work` and says how long it took, to assert a fault ends within its bound. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const start = performance.now();
  const [result] = await Promise.allSettled([work()]);
  return { ms: performance.now() - start, result };
}
