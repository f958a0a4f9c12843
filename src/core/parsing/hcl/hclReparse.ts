import { parseHclTopLevelFrom, rowsBetween, type TopLevelParse } from './hclParser';

/**
 * After an edit, the direct parser's reading of a file is the previous one with only the
 * top-level items around the edit parsed again: a top-level item parses the same wherever it
 * sits, so the ones before the edit are kept and the ones after it are moved.
 */

/** The one edit between two versions of a text: their common prefix ends at `start`, their common suffix starts at `oldEnd` / `newEnd`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The single edit that turns `before` into `after`: their common prefix and suffix are kept. */
export function textEditBetween(before: string, after: string): TextEdit {
  const max = Math.min(before.length, after.length);
  const start = commonPrefix(before, after, max);
  const tail = commonSuffix(before, after, max - start);
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * Chunks compared as strings (native code) before characters one by one: an edit compares
 * the whole file, and a JS loop over every character costs milliseconds until V8 optimises it.
 */
const CHUNK = 256;

function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(n, n + CHUNK) === b.slice(n, n + CHUNK)) n += CHUNK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the common suffix, at most `max` characters. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/**
 * The top-level blocks of `text`, an edit of `before` (parsed as `parsed`): the items before the
 * edit and those after it are the previous version's (the later ones moved by the edit's
 * length and lines); only the items from the last one starting before the edit up to the
 * first unchanged one after it are parsed. `undefined` where tree-sitter must parse the text.
 */
export function reparseHclTopLevel(before: string, parsed: TopLevelParse, text: string, edit: TextEdit): TopLevelParse | undefined {
  const starts = parsed.starts;
  let k = upperBound(starts, edit.start) - 1;
  const from = k < 0 ? 0 : starts[k];
  const delta = edit.newEnd - edit.oldEnd;
  const middle = parseHclTopLevelFrom(text, parsed.next, from, (p) => p >= edit.newEnd && sortedIncludes(starts, p - delta));
  if (!middle) return undefined;
  const rows = rowsBetween(text, edit.start, edit.newEnd) - rowsBetween(before, edit.start, edit.oldEnd);
  const out: TopLevelParse = { blocks: [], keys: [], next: new Map(), starts: [], stoppedAt: -1 };
  const keep = (i: number, origin: { index: number; row: number }) => {
    out.blocks.push({ node: parsed.blocks[i].node, origin });
    out.keys.push(parsed.keys[i]);
    out.next.set(parsed.keys[i], parsed.blocks[i].node);
  };
  for (let i = 0; i < parsed.blocks.length && parsed.blocks[i].origin.index < from; i++) keep(i, parsed.blocks[i].origin);
  for (let i = 0; i < middle.blocks.length; i++) {
    out.blocks.push(middle.blocks[i]);
    out.keys.push(middle.keys[i]);
    out.next.set(middle.keys[i], middle.blocks[i].node);
  }
  for (k = 0; k < starts.length && starts[k] < from; k++) out.starts.push(starts[k]);
  out.starts.push(...middle.starts);
  if (middle.stoppedAt >= 0) {
    const resume = middle.stoppedAt - delta;
    for (let i = 0; i < parsed.blocks.length; i++) {
      const { index, row } = parsed.blocks[i].origin;
      if (index >= resume) keep(i, { index: index + delta, row: row + rows });
    }
    for (k = upperBound(starts, resume - 1); k < starts.length; k++) out.starts.push(starts[k] + delta);
  }
  return out;
}

/** Index of the first element of sorted `a` greater than `x`. */
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortedIncludes(a: number[], x: number): boolean {
  const i = upperBound(a, x) - 1;
  return i >= 0 && a[i] === x;
}
