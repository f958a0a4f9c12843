/** Plain-text tables and paragraphs that fit a terminal width. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Columns that may be cut to fit, and from which end (a path keeps its file name: `start`). */
  shrink?: 'end' | 'start';
  /** Never cut below this many characters. */
  min?: number;
  /** Shrinkable columns with a lower rank are cut first, down to their minimum (default 1). */
  rank?: number;
}

const GAP = '  ';
const ELLIPSIS = '…';

/** Terminal width for tables: the TTY's columns, else 100 (pipes, CI logs, files). */
export function outputWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 100;
}

/**
 * A header, a rule and the rows, at most `width` wide: the widest shrinkable column of the lowest
 * rank loses a character at a time until the table fits or each is at its minimum. Cells arrive as the
 * caller wants them shown (already escaped, if the caller escapes), so widths measure what prints.
 */
export function renderTextTable(columns: readonly Column[], rows: readonly string[][], width: number): string[] {
  const widths = columns.map((col, c) => Math.max(col.header.length, ...rows.map((r) => r[c].length)));
  let excess = widths.reduce((a, w) => a + w, 0) + GAP.length * (columns.length - 1) - width;
  while (excess > 0) {
    const c = widestShrinkable(columns, widths);
    if (c < 0) break;
    widths[c] -= 1;
    excess -= 1;
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => {
        const text = fit(cell, widths[c], columns[c].shrink ?? 'end');
        return columns[c].align === 'right' ? text.padStart(widths[c]) : text.padEnd(widths[c]);
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join(GAP), ...rows.map(line)];
}

function widestShrinkable(columns: readonly Column[], widths: readonly number[]): number {
  let best = -1;
  const rank = (c: number) => columns[c].rank ?? 1;
  columns.forEach((col, c) => {
    if (!col.shrink || widths[c] <= Math.max(col.min ?? 8, col.header.length)) return;
    if (best < 0 || rank(c) < rank(best) || (rank(c) === rank(best) && widths[c] > widths[best])) best = c;
  });
  return best;
}

function fit(text: string, width: number, from: 'end' | 'start'): string {
  if (text.length <= width) return text;
  return from === 'start' ? ELLIPSIS + text.slice(text.length - width + 1) : text.slice(0, width - 1) + ELLIPSIS;
}

/** Word-wraps `text` to `width`, continuation lines indented by `indent` spaces. */
export function wrapText(text: string, width: number, indent = 2): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length > width && line.trim()) {
      out.push(line);
      line = `${' '.repeat(indent)}${word}`;
    } else line = candidate;
  }
  if (line) out.push(line);
  return out;
}
