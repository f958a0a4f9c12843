import { MAX_HTTP_BODY_BYTES } from '../limits';

/** A body longer than the bound: reading stopped there, and the connection was dropped. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number, what: string) {
    super(`its answer is over the ${limitBytes / (1024 * 1024)} MB limit for ${what}; reading stopped there`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The body as text, read chunk by chunk and abandoned (stream cancelled) as soon as it passes
 * `limitBytes`, or at once when the server announces a larger `content-length`: a spend or
 * price service, or whatever a repository points the CLI at, cannot make it buffer gigabytes.
 */
/** `what` names the kind of service in the error, e.g. "a spend source". */
export async function readBoundedText(response: Response, what: string, limitBytes = MAX_HTTP_BODY_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limitBytes, what);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes, what);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
