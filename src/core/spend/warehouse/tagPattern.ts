/**
 * Tag values read from tags held as JSON text with the regular-expression functions that
 * Trino (Athena), BigQuery and DuckDB share with the same meaning: `regexp_extract` with two
 * arguments (the whole match) and anchored `regexp_replace`. Patterns carry no backslash,
 * so no engine's string-literal escaping changes them.
 */

/** A key's characters as a pattern: letters and digits as they are, others as a one-character class. */
function keyPattern(key: string): string {
  return [...key.trim().toLowerCase()]
    .map((c) => (/[\p{L}\p{N}_ -]/u.test(c) ? c : /[\\^\]]/.test(c) ? '.' : `[${c}]`))
    .join('');
}

/** AWS's prefix of user-defined tag keys: `user:` in FOCUS exports, `user_` in CUR 2.0's `resource_tags`. */
export const FOCUS_USER_PREFIX = '(?:user:)?';
export const CUR2_USER_PREFIX = '(?:user:|user_)?';

/**
 * The trimmed, lower-cased value of the first of `keys` the JSON object carries, the key
 * matched case-insensitively with or without the user-tag prefix; NULL when none has one.
 */
export function jsonTagValue(tags: string, keys: readonly string[], string: (value: string) => string, prefix = FOCUS_USER_PREFIX): string {
  const one = (key: string) => {
    const pair = `regexp_extract(${tags}, ${string(`(?i)"${prefix}[ ]*${keyPattern(key)}[ ]*"[ ]*:[ ]*"[^"]*"`)})`;
    // The match is `"key":"value"`: the value is what follows the last `:"` (a value holds no quote), without its closing quote.
    const value = `regexp_replace(regexp_replace(${pair}, ${string('^.*:[ ]*"')}, ''), ${string('"$')}, '')`;
    return `nullif(lower(trim(${value})), '')`;
  };
  return keys.length === 1 ? one(keys[0]) : `coalesce(${keys.map(one).join(', ')})`;
}
