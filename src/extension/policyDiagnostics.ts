import * as vscode from 'vscode';
import type { FinopsConfig } from '../core/config/finopsConfig';
import type { CostItem } from '../core/model';
import type { Finding } from '../core/policy/findings';
import type { DocumentAnalyzer } from './documentAnalyzer';
import { loadCore } from './engineLoader';
import { log } from './log';
import type { WorkspaceIndex } from './workspaceIndex';
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
 * `.finops.yml` findings as diagnostics: on each open cost document, recomputed once per
 * document version (debounced while typing) and when the policy or a related file changes;
 * on every other file of the workspace from the workspace index, after its background scan
 * and whenever it changes, so the Problems panel covers the whole workspace.
 */
export class PolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-finops-policy');
  private readonly entries = new Map<string, PolicyEntry[]>();
  /** The document version each entry list was computed for. */
  private readonly versions = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** Files whose diagnostics come from the index (not open in an editor). */
  private readonly fromIndex = new Set<string>();
  private indexTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly analyzer: DocumentAnalyzer,
    private readonly options: WorkspaceOptions,
    private readonly index: WorkspaceIndex,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => (this.clear(d.uri), this.scheduleIndex())),
      analyzer.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.schedule(d, DEBOUNCE_MS))),
      index.onDidChange(() => this.scheduleIndex()),
    );
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
    void index.ready().then(() => this.scheduleIndex());
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
    const entries = this.findings(items, config, engineOptions.hoursPerMonth).map((e) => ({ ...e, version }));
    this.fromIndex.delete(document.uri.toString());
    this.entries.set(document.uri.toString(), entries);
    this.versions.set(document.uri.toString(), version);
    this.collection.set(document.uri, entries.map((e) => toDiagnostic(document, e.finding)));
  }

  /** Each item's findings, once each (a module total and its resources may raise the same one). */
  private findings(items: readonly CostItem[], config: FinopsConfig | undefined, hoursPerMonth: number): { finding: Finding; item: CostItem }[] {
    const out: { finding: Finding; item: CostItem }[] = [];
    for (const item of items) {
      for (const finding of loadCore().evaluatePolicy({ items: [item], config, catalog: this.analyzer.catalog, hoursPerMonth })) {
        if (!out.some((e) => sameFinding(e.finding, finding))) out.push({ finding, item });
      }
    }
    return out;
  }

  private scheduleIndex(): void {
    clearTimeout(this.indexTimer);
    this.indexTimer = setTimeout(() => {
      this.refreshFromIndex().catch((e: unknown) => log().error(`policy check of the workspace failed: ${String(e)}`));
    }, DEBOUNCE_MS);
  }

  /**
   * Findings for the files no editor has open, from the index's items. Notebook items are left
   * out: their lines are within a cell, not lines of the .ipynb file.
   */
  async refreshFromIndex(): Promise<void> {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const byFile = new Map<string, CostItem[]>();
    for (const item of this.index.items) {
      if (item.cell !== undefined) continue;
      const key = vscode.Uri.file(item.file).toString();
      if (open.has(key)) continue;
      byFile.set(key, [...(byFile.get(key) ?? []), item]);
    }
    const seen = new Set<string>();
    for (const [key, items] of byFile) {
      const uri = vscode.Uri.parse(key);
      const config = await this.options.configFor(uri);
      const { hoursPerMonth } = await this.options.forDocument(uri);
      // Opened while this ran: the document's own findings win.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) continue;
      const found = this.findings(items, config, hoursPerMonth);
      seen.add(key);
      this.fromIndex.add(key);
      this.collection.set(uri, found.map((e) => toLineDiagnostic(e.finding)));
    }
    for (const key of [...this.fromIndex]) {
      if (seen.has(key) || open.has(key)) continue;
      this.fromIndex.delete(key);
      this.collection.delete(vscode.Uri.parse(key));
    }
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
    clearTimeout(this.indexTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.range.start.line === b.range.start.line && a.check === b.check && a.message === b.message;
}

function toDiagnostic(document: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const line = Math.min(f.range.start.line, document.lineCount - 1);
  return withFinding(new vscode.Diagnostic(document.lineAt(line).range, f.message), f);
}

/** For a file no editor has open: the finding's whole first line, without reading the file. */
function toLineDiagnostic(f: Finding): vscode.Diagnostic {
  const line = f.range.start.line;
  return withFinding(new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), f.message), f);
}

function withFinding(diagnostic: vscode.Diagnostic, f: Finding): vscode.Diagnostic {
  diagnostic.severity = f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.check;
  return diagnostic;
}
