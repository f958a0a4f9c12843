import type { PriceCatalog } from './catalog/catalog';
import type { EngineOptions } from './config/engineOptions';
import { createDetectors } from './detectors/registry';
import { isToolFile } from './detectors/shared/toolFiles';
import type { Detector, DetectorContext, WorkspaceReader } from './detectors/types';
import { chooseDetectors } from './detectors/shared/documentClass';
import { notebookPython, parseIpynb, type NotebookCell } from './detectors/notebook/notebookCells';
import { storedValues } from './detectors/notebook/storedValues';
import { isPythonLanguage, notebookSyntaxProblems, onCells } from './detectors/notebook/notebookResults';
import type { DetectionResult } from './model';
import { MAX_SOURCE_FILE_CHARS } from './limits';

/** The id `aiFinops.detectors` and `.finops.yml` use to turn notebook reading off. */
export const NOTEBOOK_READER_ID = 'notebook';

/** Infrastructure and ML source files are small; anything larger is generated data. */
export const MAX_DOCUMENT_CHARS = MAX_SOURCE_FILE_CHARS;

/**
 * A notebook's size is mostly its cell outputs (images, logs), which are dropped while
 * its JSON is parsed; only its code cells are read, so it may be far larger.
 */
export const MAX_NOTEBOOK_CHARS = 64_000_000;

export function maxDocumentChars(file: string): number {
  return file.endsWith('.ipynb') ? MAX_NOTEBOOK_CHARS : MAX_DOCUMENT_CHARS;
}

export interface AnalyzeRequest {
  file: string;
  text: string;
  reader: WorkspaceReader;
  options: EngineOptions;
  isCancelled?: () => boolean;
}

/**
 * Runs the detectors that match a document. A detector that throws costs only its own
 * items: the failure is reported as skipped input, never raised to the caller. A notebook's
 * code cells go through the same loop as one Python module, items put back on their cells.
 */
export class CostEngine {
  constructor(
    readonly catalog: PriceCatalog,
    readonly detectors: Detector[] = createDetectors(),
  ) {}

  /**
   * Files tools own (lock files, manifests, editor settings) are never any detector's.
   * Without `text`, "could this path be mine" (decides what to read); with it, whether a
   * detector takes this content.
   */
  handles(file: string, text?: string): boolean {
    if (isToolFile(file)) return false;
    if (file.endsWith('.ipynb')) return true;
    return text === undefined ? this.detectors.some((d) => d.matches(file)) : chooseDetectors(this.detectors, file, text).length > 0;
  }

  async analyze(req: AnalyzeRequest): Promise<DetectionResult> {
    const limit = maxDocumentChars(req.file);
    if (req.text.length > limit) {
      const mb = (req.text.length / 1e6).toFixed(1);
      return { items: [], skipped: [{ file: req.file, message: `not analyzed: ${mb} M characters is over the ${limit / 1e6} M limit for ${limit === MAX_DOCUMENT_CHARS ? 'source files (larger files are generated data)' : 'notebooks'}` }] };
    }
    if (isToolFile(req.file)) return { items: [], skipped: [] };
    if (req.file.endsWith('.ipynb')) return this.analyzeNotebook(req);
    return this.runDetectors({ ...req, catalog: this.catalog });
  }

  /**
   * Items of a notebook's code cells, with `cell` set and ranges relative to the cell. Earlier
   * cells define the constants later ones use, as in the kernel (the Python reader resolves a
   * module-level name from the assignments above it), so one analysis serves every cell.
   */
  async analyzeCells(req: Omit<AnalyzeRequest, 'text'>, cells: readonly NotebookCell[]): Promise<DetectionResult> {
    if (req.options.disabledDetectors?.includes(NOTEBOOK_READER_ID)) return { items: [], skipped: [] };
    const module = notebookPython(cells, await storedValues(req.file, cells, req.reader));
    const result: DetectionResult = { items: [], skipped: await notebookSyntaxProblems(req.file, module) };
    // The source detectors see the notebook as the Python module its kernel runs.
    const found = await this.runDetectors({ ...req, catalog: this.catalog, text: module.text, language: 'python' }, `${req.file}.py`);
    return onCells(found, module, result);
  }

  private async analyzeNotebook(req: AnalyzeRequest): Promise<DetectionResult> {
    if (req.options.disabledDetectors?.includes(NOTEBOOK_READER_ID)) return { items: [], skipped: [] };
    const parsed = parseIpynb(req.text);
    if ('error' in parsed) return { items: [], skipped: [{ file: req.file, message: `notebook skipped: ${parsed.error}` }] };
    if (!isPythonLanguage(parsed.language)) {
      return { items: [], skipped: [{ file: req.file, message: `notebook skipped: its kernel runs ${parsed.language}, not Python` }] };
    }
    return this.analyzeCells(req, parsed.cells);
  }

  /** `asPath` is the name detectors choose by, when the text is not the file's own (a notebook's cells). */
  private async runDetectors(ctx: DetectorContext, asPath = ctx.file): Promise<DetectionResult> {
    const result: DetectionResult = { items: [], skipped: [] };
    for (const detector of chooseDetectors(this.detectors, asPath, ctx.text)) {
      if (ctx.options.disabledDetectors?.includes(detector.id)) continue;
      try {
        const found = await detector.detect(ctx);
        result.items.push(...found.items);
        // Detectors reading the same source report its syntax errors alike; say it once.
        for (const s of found.skipped) if (!result.skipped.some((r) => r.file === s.file && r.message === s.message)) result.skipped.push(s);
        if (found.readFolders?.length) result.readFolders = [...(result.readFolders ?? []), ...found.readFolders];
      } catch (e) {
        result.skipped.push({ file: ctx.file, message: `${detector.id} detector failed${asPath === ctx.file ? '' : ' on the notebook'}: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return result;
  }
}
