import * as vscode from 'vscode';
import { lensTitle } from '../core/format/costFormat';
import type { DocumentAnalyzer } from './documentAnalyzer';
import { readSettings } from './settings';
import { toRange } from './ranges';

export const SHOW_DETAILS_COMMAND = 'aiFinops.showCostDetails';

/** A lens above each cost item; clicking it opens the item's details. */
export class CostCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly analyzer: DocumentAnalyzer) {
    this.onDidChangeCodeLenses = analyzer.onDidChange;
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const settings = readSettings(document.uri);
    if (!settings.codeLensEnabled || !this.analyzer.handles(document)) return [];
    const { items } = await this.analyzer.analyze(document, token);
    if (token.isCancellationRequested) return [];
    return items.map((item) => {
      const start = toRange(item.range).start;
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: lensTitle(item, settings.codeLensVerbosity),
        tooltip: item.assumptions.join('\n'),
        command: SHOW_DETAILS_COMMAND,
        arguments: [item],
      });
    });
  }
}
