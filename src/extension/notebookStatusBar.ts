import * as vscode from 'vscode';
import { lensTitle } from '../core/format/costFormat';
import { formatTotals, totalsOf } from '../core/format/costTotals';
import type { DocumentAnalyzer } from './documentAnalyzer';
import { SHOW_COST_ITEMS_COMMAND } from './statusBar';

/**
 * The notebook's total on its first code cell, and each cell's own total under it,
 * in the cell status bar (the notebook toolbar has no API for text).
 */
export class NotebookCostStatusBar implements vscode.NotebookCellStatusBarItemProvider {
  readonly onDidChangeCellStatusBarItems: vscode.Event<void>;

  constructor(private readonly analyzer: DocumentAnalyzer) {
    this.onDidChangeCellStatusBarItems = analyzer.onDidChange;
  }

  async provideCellStatusBarItems(cell: vscode.NotebookCell, token: vscode.CancellationToken): Promise<vscode.NotebookCellStatusBarItem[]> {
    if (cell.kind !== vscode.NotebookCellKind.Code || cell.document.languageId !== 'python') return [];
    const { items } = await this.analyzer.notebooks.analyzeNotebook(cell.notebook, token);
    if (token.isCancellationRequested || items.length === 0) return [];
    const out: vscode.NotebookCellStatusBarItem[] = [];
    const firstCode = cell.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
    if (firstCode?.index === cell.index) {
      const total = new vscode.NotebookCellStatusBarItem(`$(graph) Notebook: ${formatTotals(totalsOf(items))}`, vscode.NotebookCellStatusBarAlignment.Right);
      total.tooltip = `AI FinOps estimate for this notebook (${items.length} item${items.length === 1 ? '' : 's'})`;
      total.command = SHOW_COST_ITEMS_COMMAND;
      out.push(total);
    }
    const mine = items.filter((i) => i.cell === cell.index);
    if (mine.length) {
      const own = new vscode.NotebookCellStatusBarItem(`Cell: ${formatTotals(totalsOf(mine))}`, vscode.NotebookCellStatusBarAlignment.Right);
      own.tooltip = mine.map((i) => lensTitle(i)).join('\n');
      out.push(own);
    }
    return out;
  }
}
