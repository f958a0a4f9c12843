import * as vscode from 'vscode';
import type { DocumentAnalyzer } from './documentAnalyzer';

/**
 * What an analysis could not read, on the lines it skipped (a Terraform syntax error's broken
 * region): the editor says which resources are missing from the lenses, as the CLI does.
 * Skips without lines stay in the output channel only.
 */
export class SkippedDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiFinops.skipped');
  private readonly subscriptions: vscode.Disposable[];

  constructor(analyzer: DocumentAnalyzer) {
    this.subscriptions = [
      analyzer.onDidAnalyzeDocument(({ uri, result }) => {
        const diagnostics = result.skipped
          .filter((s) => s.range && s.file === uri.fsPath)
          .map((s) => {
            const r = s.range!;
            const d = new vscode.Diagnostic(new vscode.Range(r.start.line, 0, r.end.line, Number.MAX_SAFE_INTEGER), s.message, vscode.DiagnosticSeverity.Warning);
            d.source = 'AI FinOps';
            return d;
          });
        this.collection.set(uri, diagnostics);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
