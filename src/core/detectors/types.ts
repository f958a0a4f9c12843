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
  readonly id: string;
  /**
   * Cheap check. Without `text` it answers "could this path be mine" (to decide what to read);
   * with it, formats recognised by content (CloudFormation in any `.yaml`) look inside.
   */
  matches(file: string, text?: string): boolean;
  detect(ctx: DetectorContext): Promise<DetectionResult>;
}
