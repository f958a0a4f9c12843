/**
 * Character classes of the HCL grammar, read with `charCodeAt`: the direct parser's lexer.
 * ASCII is tested by code; other characters (rare) by Unicode property.
 */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const QUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const PERCENT = 37;
export const AMP = 38;
export const LPAREN = 40;
export const RPAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const D0 = 48;
export const D9 = 57;
export const COLON = 58;
export const LT = 60;
export const EQ = 61;
export const GT = 62;
export const QUESTION = 63;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const UNDERSCORE = 95;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;
export const TILDE = 126;
export const BOM = 0xfeff;

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

/** `\t \n \v \f \r` and space: the only whitespace the direct parser reads as such. */
export function isSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}

export function isDigit(c: number): boolean {
  return c >= D0 && c <= D9;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= D0 && c <= D9) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/**
 * Non-ASCII characters that some part of the reference parser may take for whitespace (the C
 * library's `iswspace`, Unicode `White_Space`, a byte-order mark). Where one appears outside a
 * comment, the direct parser does not guess which reading applies.
 */
export function isOddSpace(c: number): boolean {
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === BOM;
}

/** UTF-16 length of the code point at `p` (2 for a surrogate pair). */
export function codePointLength(text: string, p: number): number {
  const c = text.charCodeAt(p);
  return c >= 0xd800 && c <= 0xdbff && p + 1 < text.length ? 2 : 1;
}

function unicodeTest(text: string, p: number, re: RegExp): number {
  const cp = text.codePointAt(p);
  if (cp === undefined || isOddSpace(cp)) return 0;
  return re.test(String.fromCodePoint(cp)) ? codePointLength(text, p) : 0;
}

/**
 * End of the identifier starting at `p`, or `p` if none does: `ID_Start` or `_`, then
 * `ID_Continue`, `-` or `::` (provider functions), as the grammar's `identifier` token.
 */
export function identifierEnd(text: string, p: number): number {
  const c = text.charCodeAt(p);
  let q = p;
  if (((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === UNDERSCORE) q++;
  else if (c >= 0x80) q += unicodeTest(text, p, ID_START);
  if (q === p) return p;
  for (;;) {
    const d = text.charCodeAt(q);
    if (isAsciiAlnum(d) || d === UNDERSCORE || d === MINUS) q++;
    else if (d === COLON && text.charCodeAt(q + 1) === COLON) q += 2;
    else if (d >= 0x80) {
      const n = unicodeTest(text, q, ID_CONTINUE);
      if (!n) return q;
      q += n;
    } else return q;
  }
}
