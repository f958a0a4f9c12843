import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export type Handler = (req: Recorded) => Reply | Promise<Reply>;

/** A real HTTP server on 127.0.0.1 and a free port, answering what `handle` returns as JSON. */
export async function startServer(handle: Handler): Promise<LocalServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(rec);
      void Promise.resolve(handle(rec)).then((out) => {
        res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
        res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
      }, (e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: e instanceof Error ? e.message : String(e) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bind, note the port, close. */
export async function deadUrl(): Promise<string> {
  const s = await startServer(() => ({ body: {} }));
  await s.close();
  return s.url;
}
