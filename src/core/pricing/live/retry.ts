import { LivePriceError } from './types';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** First backoff; doubled each time, capped by `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000 };

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LivePriceError('cancelled', false));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new LivePriceError('cancelled', false))), { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the tries run out. Waits the
 * server's Retry-After when given (capped), else exponential backoff.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const retryable = e instanceof LivePriceError && e.retryable;
      if (!retryable || n >= policy.attempts || signal?.aborted) {
        if (retryable) throw new LivePriceError(`${e.message} (gave up after ${n} tries)`, true, e.retryAfterMs);
        throw e;
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      await sleep(Math.min(policy.maxDelayMs, e.retryAfterMs ?? backoff), signal);
    }
  }
}

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
