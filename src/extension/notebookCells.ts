import * as vscode from 'vscode';
import type { NotebookCell } from '../core/detectors/notebook/notebookCells';

/** The notebook a cell document belongs to, and the cell's index in it. */
export interface CellLocation {
  notebook: vscode.NotebookDocument;
  index: number;
}

export function isNotebookCell(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'vscode-notebook-cell';
}

export function locateCell(document: vscode.TextDocument): CellLocation | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document === document || c.document.uri.toString() === document.uri.toString());
    if (cell) return { notebook, index: cell.index };
  }
  return undefined;
}

/** The notebook's cells in the engine's terms. */
export function engineCells(notebook: vscode.NotebookDocument): NotebookCell[] {
  return notebook.getCells().map((c) => ({
    kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
    source: c.document.getText(),
    language: c.document.languageId,
  }));
}

