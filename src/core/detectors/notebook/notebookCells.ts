/** Jupyter notebooks as the engine reads them: code cells joined into one Python module. */

import { cellMagic, ipythonToPython, isPythonCellMagic } from './ipythonLines';
import type { StoredValue } from './storedValues';

export interface NotebookCell {
  kind: 'code' | 'markdown' | 'raw';
  source: string;
  /** Cell language when the notebook or editor says (VS Code cells); Python when absent. */
  language?: string;
}

export type ParsedNotebook = { cells: NotebookCell[]; language: string } | { error: string };

/** Above this size a notebook's outputs are dropped while parsing rather than after. */
const LARGE_NOTEBOOK_CHARS = 2_000_000;

/**
 * nbformat 4 (and 3's worksheets); anything else is an error the scan reports. Cell
 * outputs (images, logs: most of a large notebook's bytes) are dropped while parsing.
 */
export function parseIpynb(text: string): ParsedNotebook {
  let data: unknown;
  try {
    // A reviver slows parsing; only a large notebook's outputs are worth not holding.
    data = text.length > LARGE_NOTEBOOK_CHARS ? JSON.parse(text, (key, value: unknown) => (key === 'outputs' ? undefined : value)) : JSON.parse(text);
  } catch (e) {
    return { error: `not valid notebook JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(data)) return { error: 'not a notebook: the top level is not a JSON object' };
  const cellsValue = data.cells ?? (Array.isArray(data.worksheets) && isObject(data.worksheets[0]) ? data.worksheets[0].cells : undefined);
  if (!Array.isArray(cellsValue)) return { error: 'not a notebook: no "cells" list' };
  const meta = isObject(data.metadata) ? data.metadata : {};
  const language = String((isObject(meta.kernelspec) && meta.kernelspec.language) || (isObject(meta.language_info) && meta.language_info.name) || 'python').toLowerCase();
  const cells: NotebookCell[] = [];
  for (const [i, c] of cellsValue.entries()) {
    if (!isObject(c)) return { error: `cell ${i + 1} is not an object` };
    const source = c.source ?? c.input;
    const text = Array.isArray(source) ? source.map(String).join('') : typeof source === 'string' ? source : undefined;
    if (text === undefined) return { error: `cell ${i + 1} has no source text` };
    const kind = c.cell_type === 'code' || c.cell_type === 'markdown' ? c.cell_type : 'raw';
    cells.push({ kind, source: text });
  }
  return { cells, language };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line of the joined module: which cell and which line of it. */
export interface CellLine {
  cell: number;
  line: number;
}

export interface NotebookModule {
  text: string;
  lines: CellLine[];
}

/**
 * The Python the kernel would run, cell after cell. IPython syntax (`%pip`, `!ls`,
 * `x = !cmd`) is rewritten to the Python IPython runs for it, and cells run by another
 * interpreter (`%%bash`, `%%writefile`) become blank lines, so line numbers still map back
 * to their cells. `stored` gives the literals `%store -r NAME` restores (storedValues.ts).
 */
export function notebookPython(cells: readonly NotebookCell[], stored?: ReadonlyMap<string, StoredValue>): NotebookModule {
  const out: string[] = [];
  const lines: CellLine[] = [];
  cells.forEach((cell, index) => {
    if (cell.kind !== 'code') return;
    const src = cell.source.split(/\r?\n/);
    const magic = cellMagic(cell.source);
    const foreign = (cell.language !== undefined && cell.language !== 'python') || (magic !== undefined && !isPythonCellMagic(magic));
    const python = foreign ? src.map(() => '') : ipythonToPython(src, stored);
    python.forEach((line, i) => {
      out.push(line);
      lines.push({ cell: index, line: i });
    });
  });
  return { text: out.join('\n'), lines };
}

/** "cell 3 line 2" (both 1-based, as editors show them) for a line of the joined module. */
export function cellLineLabel(module: NotebookModule, moduleLine: number): string {
  const where = module.lines[moduleLine];
  return where ? `cell ${where.cell + 1} line ${where.line + 1}` : `line ${moduleLine + 1}`;
}
