import type { CostItem, DetectionResult, SkippedInput, SourceRange } from '../../model';
import { isSyntaxProblem, syntaxProblems } from '../../parsing/source/callSites';
import { parsePython } from '../../parsing/source/pythonSource';
import { LlmCallDetector } from '../llm/llmDetector';
import { MlSdkDetector } from '../mlsdk/mlSdkDetector';
import { TrainingDetector } from '../training/trainingDetector';
import type { Detector, DetectorContext } from '../types';
import { cellLineLabel, notebookPython, parseIpynb, type NotebookCell, type NotebookModule } from './notebookCells';

/** The detectors that read Python source; each also runs on a notebook's cells. */
const PYTHON_DETECTORS: readonly Detector[] = [new MlSdkDetector(), new LlmCallDetector(), new TrainingDetector()];

/** `.ipynb` files: their code cells analysed as one Python module, items pointing at cell and line. */
export class NotebookDetector implements Detector {
  readonly id = 'notebook';

  matches(file: string): boolean {
    return file.endsWith('.ipynb');
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const parsed = parseIpynb(ctx.text);
    if ('error' in parsed) return { items: [], skipped: [{ file: ctx.file, message: `notebook skipped: ${parsed.error}` }] };
    if (!isPythonLanguage(parsed.language)) {
      return { items: [], skipped: [{ file: ctx.file, message: `notebook skipped: its kernel runs ${parsed.language}, not Python` }] };
    }
    return analyzeNotebookCells(ctx, parsed.cells);
  }
}

/**
 * Items of a notebook's code cells, with `cell` set and ranges relative to the cell. Earlier
 * cells define the constants later ones use, as in the kernel (the Python reader resolves a
 * module-level name from the assignments above it), so one analysis serves every cell.
 */
export async function analyzeNotebookCells(ctx: Omit<DetectorContext, 'text'>, cells: readonly NotebookCell[]): Promise<DetectionResult> {
  const module = notebookPython(cells);
  const result: DetectionResult = { items: [], skipped: await notebookSyntaxProblems(ctx.file, module) };
  for (const detector of PYTHON_DETECTORS) {
    // Each detector checks the file's text for its SDKs; the notebook's path stands in for a `.py` name.
    if (ctx.options.disabledDetectors?.includes(detector.id) || !detector.matches(`${ctx.file}.py`, module.text)) continue;
    try {
      const found = await detector.detect({ ...ctx, text: module.text, language: 'python' });
      result.items.push(...found.items.map((i) => toCell(i, module)));
      // Syntax errors are reported once above, by cell and line rather than the joined module's line.
      for (const s of found.skipped) if (!isSyntaxProblem(s) && !result.skipped.some((r) => r.message === s.message)) result.skipped.push(s);
    } catch (e) {
      result.skipped.push({ file: ctx.file, message: `${detector.id} detector failed on the notebook: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return result;
}

function isPythonLanguage(language: string): boolean {
  return /^(i?python\d*)$/.test(language);
}

/** The notebook's syntax errors, each named by its cell and line. */
async function notebookSyntaxProblems(file: string, module: NotebookModule): Promise<SkippedInput[]> {
  const { errorLines } = await parsePython(module.text);
  return syntaxProblems(file, errorLines, (line) => cellLineLabel(module, line));
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
