import type { FilesRead } from './types';

/**
 * The line that says what a report read, the same in the panel's banner and the CLI: the
 * export files for a file source, the queries on the table for a warehouse source.
 */
export function readSummaryLine(read: FilesRead): string {
  return `${read.what === 'table' ? 'Queried' : 'Files'}: ${read.summary}`;
}
