/**
 * Markdown tables for VS Code hovers and details views. VS Code draws hover tables with no cell
 * padding, so `Region | On-demand /h | Spot /h` reads as one word: header cells get
 * non-breaking spaces on both sides, which also widen the columns under them.
 */

const PAD = '&nbsp;&nbsp;';

export type Align = 'left' | 'right';

/** The header and rule lines of a table; rows are written `| a | b |` as usual. */
export function tableHead(headers: readonly string[], align: readonly Align[]): string[] {
  return [`|${headers.map((h) => ` ${PAD}${h}${PAD} `).join('|')}|`, `|${align.map((a) => (a === 'right' ? '---:' : '---')).join('|')}|`];
}

/** A horizontal rule between hover sections, with the blank lines markdown needs around it. */
export const SECTION_RULE = ['', '---', ''];
