/**
 * A spend service token belongs to one origin (scheme, host, port): a repository's
 * `.finops.yml` may name any URL, and must not be able to collect a token kept for another.
 */

/** `https://host:port` of an http(s) URL (default ports left out, as browsers do), or undefined. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CLI's rule: `AI_FINOPS_TOKEN` goes only to the origin of `--url` (given by whoever runs
 * the command) or to `AI_FINOPS_TOKEN_ORIGIN`; a URL from `.finops.yml` alone gets no token.
 */
export function cliToken(
  url: string | undefined,
  urlFromCommandLine: boolean,
  env: { AI_FINOPS_TOKEN?: string; AI_FINOPS_TOKEN_ORIGIN?: string },
): { token?: string; refused?: string } {
  const token = env.AI_FINOPS_TOKEN;
  const target = originOf(url);
  if (!token || !target) return {};
  const allowed = [urlFromCommandLine ? target : undefined, originOf(env.AI_FINOPS_TOKEN_ORIGIN)];
  if (allowed.includes(target)) return { token };
  return {
    refused: `AI_FINOPS_TOKEN not sent to ${target}: that origin comes from .finops.yml, not from --url or AI_FINOPS_TOKEN_ORIGIN (set AI_FINOPS_TOKEN_ORIGIN=${target} to allow it)`,
  };
}
