import { promises as fs } from 'node:fs';
import type { EngineOptions } from '../config/engineOptions';
import type { WorkspaceReader } from '../detectors/types';
import type { CostEngine } from '../engine';
import type { DetectionResult } from '../model';
import type { ScanCache } from './scanCache';

/** Infrastructure files are small; anything larger is generated data, not declarations. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Notebooks carry their outputs; only their code cells are read (see `MAX_NOTEBOOK_CHARS`). */
export const MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024;

export function maxFileBytes(file: string): number {
  return file.endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES;
}

/**
 * One file of a scan, on whichever thread runs it; undefined when no detector takes it. With
 * a cache, the result is stored (the caller looked it up first, `cachedResult`).
 */
export async function analyzeFile(engine: CostEngine, file: string, options: EngineOptions, reader: WorkspaceReader, cache?: ScanCache): Promise<DetectionResult | undefined> {
  if (!engine.handles(file)) return undefined;
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return { items: [], skipped: [{ file, message: 'could not be read' }] };
  const limit = maxFileBytes(file);
  if (stat.size > limit) {
    return { items: [], skipped: [{ file, message: `skipped: ${stat.size} bytes is over the ${limit}-byte limit for ${limit === MAX_FILE_BYTES ? 'source files' : 'notebooks'}` }] };
  }
  const text = await reader.readText(file);
  if (text === undefined) return { items: [], skipped: [{ file, message: 'could not be read' }] };
  const analyze = (r: WorkspaceReader) => engine.analyze({ file, text, reader: r, options });
  return cache ? cache.analyzeAndStore(file, text, reader, analyze) : analyze(reader);
}

/** The file's cached result, if it holds; undefined sends the file to `analyzeFile`. */
export async function cachedResult(file: string, reader: WorkspaceReader, cache: ScanCache): Promise<DetectionResult | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat || stat.size > maxFileBytes(file)) return undefined;
  const text = await reader.readText(file);
  return text === undefined ? undefined : cache.lookup(file, text, reader);
}
