import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import type { Finding } from '../core/policy/findings';
import type { DocumentAnalyzer } from './documentAnalyzer';
import { loadCore } from './engineLoader';
import { log } from './log';
import type { WorkspaceOptions } from './workspaceOptions';

export const DIAGNOSTIC_SOURCE = 'AI FinOps';
const DEBOUNCE_MS = 400;

/** A finding with the item it is about, so a quick fix can find the item's tags again. */
export interface PolicyEntry {
  finding: Finding;
  item: CostItem;
  version: number;
}

/**
 * `.finops.yml` findings as diagnostics on each open cost document, recomputed once per
 * document version (debounced while typing) and when the policy or a related file changes.
 */
export class PolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-finops-policy');
  private readonly entries = new Map<string, PolicyEntry[]>();
  /** The document version each entry list was computed for. */
  private readonly versions = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly analyzer: DocumentAnalyzer,
    private readonly options: WorkspaceOptions,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      analyzer.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.schedule(d, DEBOUNCE_MS))),
    );
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  /** The findings for the document's current version, recomputed first if they are stale. */
  async entriesFor(document: vscode.TextDocument): Promise<PolicyEntry[]> {
    if (!this.covers(document)) return [];
    if (this.versions.get(document.uri.toString()) !== document.version) await this.refresh(document);
    return (this.entries.get(document.uri.toString()) ?? []).filter((e) => e.version === document.version);
  }

  /** Recomputes now; also what the debounce ends in. */
  async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !this.covers(document)) return;
    const version = document.version;
    const { items } = await this.analyzer.analyze(document);
    const config = await this.options.configFor(document.uri);
    const engineOptions = await this.options.forDocument(document.uri);
    if (document.isClosed || document.version !== version) return;
    const entries: PolicyEntry[] = [];
    for (const item of items) {
      for (const finding of loadCore().evaluatePolicy({ items: [item], config, catalog: this.analyzer.catalog, hoursPerMonth: engineOptions.hoursPerMonth })) {
        if (!entries.some((e) => sameFinding(e.finding, finding))) entries.push({ finding, item, version });
      }
    }
    this.entries.set(document.uri.toString(), entries);
    this.versions.set(document.uri.toString(), version);
    this.collection.set(document.uri, entries.map((e) => toDiagnostic(document, e.finding)));
  }

  private covers(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && this.analyzer.handles(document);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.covers(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refresh(document).catch((e: unknown) => log().error(`policy check of ${document.uri.fsPath} failed: ${String(e)}`));
      }, delay),
    );
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.entries.delete(uri.toString());
    this.versions.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.range.start.line === b.range.start.line && a.check === b.check && a.message === b.message;
}

function toDiagnostic(document: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const line = Math.min(f.range.start.line, document.lineCount - 1);
  const range = document.lineAt(line).range;
  const severity = f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(range, f.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.check;
  return diagnostic;
}
