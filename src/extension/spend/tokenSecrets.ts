/**
 * SecretStorage keys of spend service tokens: one per origin (scheme, host, port), so a token
 * is only ever read for the service it was stored for.
 */
export function tokenSecretKey(origin: string): string {
  return `aiFinops.spend.token@${origin}`;
}

/** Where releases before per-origin tokens kept the one token; it is no longer read. */
export const LEGACY_TOKEN_SECRET = 'aiFinops.spend.token';
