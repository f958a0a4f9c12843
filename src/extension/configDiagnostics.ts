import * as vscode from 'vscode';
import { FINOPS_CONFIG_FILE } from '../core/config/constants';
import { loadCore } from './engineLoader';
import { DIAGNOSTIC_SOURCE } from './policyDiagnostics';

/** Problems in `.finops.yml` itself, on the line they name, as the user types. */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-finops-config');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.update(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    vscode.workspace.textDocuments.forEach((d) => this.update(d));
  }

  private update(document: vscode.TextDocument): void {
    if (!isConfig(document.uri)) return;
    const { problems } = loadCore().parseFinopsConfig(document.getText());
    this.collection.set(
      document.uri,
      problems.map((p) => {
        const line = document.lineAt(Math.min(Math.max(p.line - 1, 0), document.lineCount - 1));
        const range = new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.range.end.character);
        const d = new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Error);
        d.source = DIAGNOSTIC_SOURCE;
        return d;
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function isConfig(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${FINOPS_CONFIG_FILE}`);
}
