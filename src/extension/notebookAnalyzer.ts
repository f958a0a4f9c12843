import * as vscode from 'vscode';
import type { CostEngine } from '../core/engine';
import type { DetectionResult } from '../core/model';
import { engineCells, locateCell } from './notebookCells';
import { editorReader } from './workspaceReader';
import type { WorkspaceOptions } from './workspaceOptions';

interface Entry {
  stamp: string;
  result: Promise<DetectionResult>;
}

/**
 * Notebooks open in the editor, analysed whole once per edit and shared by every cell's
 * lenses and the status bar. Each cell still reads constants as the kernel would: the
 * engine resolves a module-level name from the assignments above it.
 */
export class NotebookAnalyzer {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly options: WorkspaceOptions,
    private readonly engine: () => CostEngine,
  ) {}

  /** Items of one cell document, ranges relative to the cell. */
  async analyzeCell(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const where = locateCell(document);
    if (!where) return { items: [], skipped: [] };
    const all = await this.analyzeNotebook(where.notebook, token);
    return { items: all.items.filter((i) => i.cell === where.index), skipped: all.skipped };
  }

  /** Items of every cell, each with its `cell`. */
  analyzeNotebook(notebook: vscode.NotebookDocument, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const key = notebook.uri.toString();
    const stamp = editStamp(notebook);
    const hit = this.cache.get(key);
    if (hit?.stamp === stamp) return hit.result;
    const result = this.run(notebook, token);
    this.cache.set(key, { stamp, result });
    const drop = () => this.cache.get(key)?.result === result && this.cache.delete(key);
    result.then(() => token?.isCancellationRequested && drop(), drop);
    return result;
  }

  forget(notebook: vscode.NotebookDocument): void {
    this.cache.delete(notebook.uri.toString());
  }

  clear(): void {
    this.cache.clear();
  }

  private async run(notebook: vscode.NotebookDocument, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const options = await this.options.forDocument(notebook.uri);
    return this.engine().analyzeCells(
      { file: notebook.uri.fsPath, reader: editorReader, options, isCancelled: () => token?.isCancellationRequested ?? false },
      engineCells(notebook),
    );
  }
}

/** Changes whenever a cell is edited, added, removed or moved. */
function editStamp(notebook: vscode.NotebookDocument): string {
  return `${notebook.version}:${notebook.getCells().map((c) => `${c.document.uri.fragment}@${c.document.version}`).join(',')}`;
}
