/**
 * What a tag writer returns: insertions only, so every byte of the original file survives in
 * order. Inserted text mixes literal text and placeholders the user tabs through.
 */
export type InsertPart = string | TagPlaceholder;

export interface TagPlaceholder {
  /** The tag key whose value this is; the plain-text form leaves the value empty. */
  key: string;
  /** The values `.finops.yml` allows, offered as a choice. */
  choices?: string[];
}

export interface TagInsertion {
  /** Offset (UTF-16 code units, as editors count) in the original text. */
  offset: number;
  parts: InsertPart[];
}

export interface TagFix {
  insertions: TagInsertion[];
}

/** One placeholder value per key, in the order the keys were asked for. */
export interface TagRequest {
  key: string;
  choices?: string[];
}

/** Applies insertions to the text, as an editor applies them (all offsets refer to the original). */
export function applyInsertions(text: string, insertions: readonly TagInsertion[]): string {
  const sorted = [...insertions].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const ins of sorted) out = out.slice(0, ins.offset) + plainText(ins.parts) + out.slice(ins.offset);
  return out;
}

export function plainText(parts: readonly InsertPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : '')).join('');
}

/**
 * One snippet that replaces the text from the first insertion to the last (so the original
 * text between them is re-inserted verbatim), with numbered tab stops on the placeholders.
 */
export function toSnippet(text: string, insertions: readonly TagInsertion[]): { start: number; end: number; snippet: string } {
  const sorted = [...insertions].sort((a, b) => a.offset - b.offset);
  const start = sorted[0]?.offset ?? 0;
  const end = sorted[sorted.length - 1]?.offset ?? start;
  let stop = 0;
  let snippet = '';
  let cursor = start;
  for (const ins of sorted) {
    snippet += escapeSnippet(text.slice(cursor, ins.offset));
    cursor = ins.offset;
    for (const part of ins.parts) {
      if (typeof part === 'string') snippet += escapeSnippet(part);
      else if (part.choices?.length) snippet += `\${${++stop}|${part.choices.map(escapeChoice).join(',')}|}`;
      else snippet += `\${${++stop}}`;
    }
  }
  return { start, end, snippet: `${snippet}$0` };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(s: string): string {
  return s.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** The file's own line ending: CRLF files stay CRLF. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Leading whitespace of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** One level of indentation as the file writes it: a tab, or the smallest space step. */
export function indentUnit(text: string, fallback = '  '): string {
  const indents = text.split('\n').map((l) => /^[ \t]+(?=\S)/.exec(l)?.[0]).filter((i): i is string => Boolean(i));
  if (indents.some((i) => i.startsWith('\t'))) return '\t';
  const widths = indents.map((i) => i.length).filter((w) => w > 0);
  return widths.length ? ' '.repeat(Math.min(...widths)) : fallback;
}

/** Offset of a zero-based line and column. */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column, text.length);
}
