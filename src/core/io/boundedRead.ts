import type { WorkspaceReader } from '../detectors/types';
import { MAX_SOURCE_FILE_CHARS, oversizeMessage } from '../limits';
import type { SkippedInput } from '../model';

/**
 * Reads a file a detector needs besides its document (a sibling `.tf`, a module's files, a
 * tfvars file); one over the size bound is left out and recorded in `skipped` with the reason.
 */
export async function readBounded(reader: WorkspaceReader, file: string, skipped: SkippedInput[]): Promise<string | undefined> {
  const text = await reader.readText(file);
  if (text === undefined || text.length <= MAX_SOURCE_FILE_CHARS) return text;
  skipped.push({ file, message: oversizeMessage('file', text.length, MAX_SOURCE_FILE_CHARS) });
  return undefined;
}
