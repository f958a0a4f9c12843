import { SpendSourceError } from '../types';

export interface FetchOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * GET a JSON document; a dead server, a timeout, an HTTP error or a body that is not JSON
 * becomes a SpendSourceError naming the host (never the token or query string).
 */
export async function fetchJson(url: URL, what: string, options: FetchOptions = {}): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal });
  } catch (e) {
    const reason = (e as Error).name === 'TimeoutError' ? 'timed out' : ((e as { cause?: Error }).cause?.message ?? (e as Error).message);
    throw new SpendSourceError(`${what} at ${url.origin} is unreachable: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = redactCredentials(messageOf(text), options.headers);
    throw new SpendSourceError(`${what} at ${url.origin} answered ${response.status}${detail ? `: ${detail}` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SpendSourceError(`${what} at ${url.origin} did not answer JSON`);
  }
}

function messageOf(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as { message?: unknown; error?: unknown };
    const m = j.message ?? j.error;
    return typeof m === 'string' ? m.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Some services echo the credentials they rejected ("invalid token Bearer abc..."); their
 * message reaches logs and terminals, so every credential we sent is blanked out of it.
 */
function redactCredentials(detail: string | undefined, headers: Record<string, string> = {}): string | undefined {
  const credentials = Object.entries(headers)
    .filter(([name]) => /^(authorization|x-api-key)$/i.test(name))
    .map(([, value]) => value.replace(/^\w+\s+/, ''))
    .filter((v) => v.length >= 4);
  return credentials.reduce((text, secret) => text?.split(secret).join('[redacted]'), detail);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
