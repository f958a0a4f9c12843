import * as vscode from 'vscode';
import type { PriceCatalog } from '../core/catalog/catalog';
import type { DetectionResult } from '../core/model';
import { loadCore } from './engineLoader';
import { engineCells, locateCell } from './notebookCells';
import { editorReader } from './workspaceReader';
import type { WorkspaceOptions } from './workspaceOptions';

interface Entry {
  stamp: string;
  result: Promise<DetectionResult>;
}

/**
 * Notebooks open in the editor: a cell is analysed with the cells before it (their
 * constants and clients), and the whole notebook for its total. Cached per edit stamp.
 */
export class NotebookAnalyzer {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly options: WorkspaceOptions,
    private readonly catalog: () => PriceCatalog,
  ) {}

  /** Items of one cell document, ranges relative to the cell. */
  async analyzeCell(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const where = locateCell(document);
    if (!where) return { items: [], skipped: [] };
    const all = await this.analyzeNotebook(where.notebook, where.index, token);
    return { items: all.items.filter((i) => i.cell === where.index), skipped: all.skipped };
  }

  /** Items of the first `upTo + 1` cells (all by default), each with its `cell`. */
  analyzeNotebook(notebook: vscode.NotebookDocument, upTo = notebook.cellCount - 1, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const key = `${notebook.uri.toString()}#${upTo}`;
    const stamp = editStamp(notebook, upTo);
    const hit = this.cache.get(key);
    if (hit?.stamp === stamp) return hit.result;
    const result = this.run(notebook, upTo, token);
    this.cache.set(key, { stamp, result });
    result.then(() => token?.isCancellationRequested && this.cache.delete(key), () => this.cache.delete(key));
    return result;
  }

  forget(notebook: vscode.NotebookDocument): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${notebook.uri.toString()}#`)) this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  private async run(notebook: vscode.NotebookDocument, upTo: number, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const options = await this.options.forDocument(notebook.uri);
    return loadCore().analyzeNotebookCells(
      { file: notebook.uri.fsPath, reader: editorReader, options, catalog: this.catalog(), isCancelled: () => token?.isCancellationRequested ?? false },
      engineCells(notebook, upTo),
    );
  }
}

/** Changes whenever a cell up to `upTo` is edited, added, removed or moved. */
function editStamp(notebook: vscode.NotebookDocument, upTo: number): string {
  const cells = notebook.getCells(new vscode.NotebookRange(0, Math.min(upTo + 1, notebook.cellCount)));
  return `${notebook.version}:${cells.map((c) => `${c.document.uri.fragment}@${c.document.version}`).join(',')}`;
}
