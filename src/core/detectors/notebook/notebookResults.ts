import type { CostItem, DetectionResult, SkippedInput, SourceRange } from '../../model';
import { isSyntaxProblem, syntaxProblems } from '../../parsing/source/callSites';
import { parsePython } from '../../parsing/source/pythonSource';
import { cellLineLabel, type NotebookModule } from './notebookCells';

/** Kernels whose cells are Python (the only language the source detectors read in a notebook). */
export function isPythonLanguage(language: string): boolean {
  return /^(i?python\d*)$/.test(language);
}

/** The notebook's syntax errors, each named by its cell and line. */
export async function notebookSyntaxProblems(file: string, module: NotebookModule): Promise<SkippedInput[]> {
  const { errorLines } = await parsePython(module.text);
  return syntaxProblems(file, errorLines, (line) => cellLineLabel(module, line));
}

/**
 * What the detectors found in the joined module, put back on the cells: items get `cell` and
 * cell-relative ranges; syntax errors are left out (`notebookSyntaxProblems` names them by
 * cell and line instead of the joined module's line).
 */
export function onCells(found: DetectionResult, module: NotebookModule, into: DetectionResult): DetectionResult {
  into.items.push(...found.items.map((i) => toCell(i, module)));
  for (const s of found.skipped) if (!isSyntaxProblem(s) && !into.skipped.some((r) => r.message === s.message)) into.skipped.push(s);
  return into;
}

function toCell(item: CostItem, module: NotebookModule): CostItem {
  const where = module.lines[item.range.start.line];
  if (!where) return item;
  return { ...item, cell: where.cell, range: shift(item.range, module), skuRange: item.skuRange && shift(item.skuRange, module) };
}

function shift(range: SourceRange, module: NotebookModule): SourceRange {
  const start = module.lines[range.start.line];
  const end = module.lines[range.end.line];
  return {
    start: { line: start?.line ?? 0, column: range.start.column },
    // A range cannot span cells (each cell is complete Python); clamp if it would.
    end: end && start && end.cell === start.cell ? { line: end.line, column: range.end.column } : { line: start?.line ?? 0, column: range.start.column },
  };
}

export type { NotebookCell } from './notebookCells';
