import { formatDuration } from '../../format/duration';
import { parseRetryAfter } from '../../pricing/live/retry';
import { SpendSourceError } from '../types';
import { BodyTooLargeError, readBoundedText } from '../../net/boundedBody';

export interface FetchOptions {
  headers?: Record<string, string>;
  /** Deadline for the whole exchange, headers and body; a stalled server ends in an error. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * GET a JSON document; a dead server, a timeout (before the headers or mid-body), an HTTP
 * error or a body that is not JSON becomes a SpendSourceError naming the host (never the
 * token or query string).
 */
export async function fetchJson(url: URL, what: string, options: FetchOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const where = `${what} at ${url.origin}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal });
  } catch (e) {
    throw new SpendSourceError(`${where} is unreachable: ${failureReason(e, timeout, timeoutMs)}`);
  }
  try {
    text = await readBoundedText(response, 'a spend source');
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new SpendSourceError(`${where}: ${e.message}`);
    throw new SpendSourceError(`${where} broke off its answer (HTTP ${response.status}): ${failureReason(e, timeout, timeoutMs)}`);
  }
  if (!response.ok) {
    const detail = redactCredentials(messageOf(text), options.headers);
    const retryAfter = response.status === 429 || response.status === 503 ? retryAfterText(response.headers.get('retry-after')) : '';
    throw new SpendSourceError(`${where} answered ${response.status}${detail ? `: ${detail}` : ''}${retryAfter}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SpendSourceError(`${where} did not answer JSON`);
  }
}

/** Why a fetch or a body read failed, in words: our deadline, the caller's cancel, or the network. */
function failureReason(e: unknown, timeout: AbortSignal, timeoutMs: number): string {
  if (timeout.aborted) return `timed out after ${formatDuration(timeoutMs)}`;
  const err = e as { name?: string; message?: string; cause?: { message?: string } };
  if (err.name === 'AbortError') return 'cancelled';
  return err.cause?.message ?? err.message ?? String(e);
}

/** The panel does not retry on its own; it says when the service will take questions again. */
function retryAfterText(value: string | null): string {
  const ms = parseRetryAfter(value);
  return ms === undefined ? '' : ` (it asks to retry after ${formatDuration(ms)})`;
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
