import type { PriceCatalog } from '../catalog/catalog';
import type { EngineOptions } from '../config/engineOptions';
import type { DetectionResult } from '../model';

/**
 * How a detector reads files other than the one it is given (a Terraform module's other
 * files, tfvars). The extension serves unsaved editor text first; the CLI reads the disk.
 */
export interface WorkspaceReader {
  readText(file: string): Promise<string | undefined>;
  /** Names (not paths) of the regular files in a directory; empty when it cannot be read. */
  listFiles(dir: string): Promise<string[]>;
}

export interface DetectorContext {
  /** Absolute path of the document. */
  file: string;
  text: string;
  reader: WorkspaceReader;
  options: EngineOptions;
  catalog: PriceCatalog;
  /** Set when `text` is in a language the file name does not tell (a notebook's cells are Python). */
  language?: 'python';
  /** Polled between units of work so a superseded request stops early. */
  isCancelled?: () => boolean;
}

/** One input format. Each lives in its own module under `src/core/detectors/`. */
export interface Detector {
  /** The key of `aiFinops.detectors` and `.finops.yml` that turns it off. */
  readonly id: string;
  /** What it reads, in words (settings descriptions, the README's format list). */
  readonly label: string;
  /**
   * Cheap check. Without `text` it answers "could this path be mine" (to decide what to read);
   * with it, a source detector looks for its SDKs' names. Structured documents (YAML, JSON)
   * are given to one detector by `classify` instead.
   */
  matches(file: string, text?: string): boolean;
  /**
   * For formats recognised by content in a YAML or JSON document: how sure this detector is
   * that the document is its format (0: not its format). The engine gives the document to the
   * most confident detector only, so formats never need to exclude one another.
   */
  classify?(doc: DocumentView): number;
  detect(ctx: DetectorContext): Promise<DetectionResult>;
}

/** What the engine reads off a structured document once, before choosing its detector. */
export interface DocumentView {
  file: string;
  text: string;
  /** Keys at the top level of any of its documents (YAML keys at column 0, JSON keys at depth 1). */
  readonly topLevelKeys: ReadonlySet<string>;
}
