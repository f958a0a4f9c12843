import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

const CHUNK = Buffer.alloc(1024 * 1024, 0x20);
export const TWO_GB = 2 * 1024 ** 3;

/**
 * A service answering a 2 GB JSON body (a spend answer unless `prefix` says otherwise), streamed without end until the client hangs up;
 * `sent` is how much it managed to write.
 */
export async function startFloodServer(declareLength: boolean, prefix = '{"schemaVersion":1,"series":["'): Promise<{ url: string; sent: () => number; closed: Promise<void>; stop: () => Promise<void> }> {
  let sent = 0;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(TWO_GB) } : {}) });
    res.write(prefix);
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

