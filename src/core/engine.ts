import type { PriceCatalog } from './catalog/catalog';
import type { EngineOptions } from './config/engineOptions';
import { createDetectors } from './detectors/registry';
import { isToolFile } from './detectors/shared/toolFiles';
import type { Detector, WorkspaceReader } from './detectors/types';
import type { DetectionResult } from './model';
import { MAX_SOURCE_FILE_CHARS } from './limits';

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
 * items: the failure is reported as skipped input, never raised to the caller.
 */
export class CostEngine {
  constructor(
    readonly catalog: PriceCatalog,
    readonly detectors: Detector[] = createDetectors(),
  ) {}

  /** Files tools own (lock files, manifests, editor settings) are never any detector's. */
  handles(file: string, text?: string): boolean {
    return !isToolFile(file) && this.detectors.some((d) => d.matches(file, text));
  }

  private handlesWith(detector: Detector, file: string, text: string): boolean {
    return !isToolFile(file) && detector.matches(file, text);
  }

  async analyze(req: AnalyzeRequest): Promise<DetectionResult> {
    const result: DetectionResult = { items: [], skipped: [] };
    const limit = maxDocumentChars(req.file);
    if (req.text.length > limit) {
      const mb = (req.text.length / 1e6).toFixed(1);
      result.skipped.push({ file: req.file, message: `not analyzed: ${mb} M characters is over the ${limit / 1e6} M limit for ${limit === MAX_DOCUMENT_CHARS ? 'source files (larger files are generated data)' : 'notebooks'}` });
      return result;
    }
    for (const detector of this.detectors) {
      if (req.options.disabledDetectors?.includes(detector.id) || !this.handlesWith(detector, req.file, req.text)) continue;
      try {
        const found = await detector.detect({ ...req, catalog: this.catalog });
        result.items.push(...found.items);
        // Detectors reading the same source report its syntax errors alike; say it once.
        for (const s of found.skipped) if (!result.skipped.some((r) => r.file === s.file && r.message === s.message)) result.skipped.push(s);
        if (found.readFolders?.length) result.readFolders = [...(result.readFolders ?? []), ...found.readFolders];
      } catch (e) {
        result.skipped.push({ file: req.file, message: `${detector.id} detector failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return result;
  }
}
