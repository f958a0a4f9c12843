import * as vscode from 'vscode';
import * as path from 'node:path';
import type { SourceConfig } from '../../core/spend/backendFactory';
import type { SpendReport } from '../../core/spend/spendReport';
import type { ResourceSpend, SpendBackend } from '../../core/spend/types';
import { isToHost, type DeclaredAt, type PanelData, type PanelRequest, type ToHost, type ToWebview } from '../../shared/messages';
import { log } from '../log';
import type { WorkspaceIndex } from '../workspaceIndex';
import { notifyBudgetCrossings } from './budgetNotifier';
import { spendHtml } from './spendHtml';
import { loadSpend } from './spendLoader';
import { resolveSource } from './spendSources';

/**
 * The Team Spend sidebar view. Queries run here, in the extension host (DuckDB, HTTP, the
 * AWS SDK); the webview only draws what it is sent and asks for new queries.
 */
export class SpendViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private backend: { key: string; backend: Promise<SpendBackend> } | undefined;
  private latest = 0;
  private lastItems = new Map<string, { file: string; line: number }>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly index: WorkspaceIndex,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
    view.webview.html = spendHtml(view.webview, this.context.extensionUri);
    view.webview.onDidReceiveMessage((m: unknown) => {
      if (isToHost(m)) void this.handle(m);
    }, undefined, this.context.subscriptions);
  }

  /** Source settings, `.finops.yml` or the token changed: drop the backend and ask the panel to query again. */
  async reset(): Promise<void> {
    await this.dropBackend();
    void this.post({ type: 'refresh' });
  }

  private async handle(m: ToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        return;
      case 'query':
        return this.query(m.id, m.request);
      case 'openDeclaration':
        return this.openDeclaration(m.resourceId);
      case 'exportCsv':
        return this.exportCsv(m.fileName, m.csv);
      case 'configure':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'aiFinops.spend');
        return;
    }
  }

  private async query(id: number, request: PanelRequest): Promise<void> {
    this.latest = id;
    void this.post({ type: 'loading', id });
    const spend = loadSpend();
    try {
      const resolved = await resolveSource(this.context.secrets);
      const backend = await this.backendFor(resolved.config);
      const report = await spend.buildSpendReport(
        backend,
        { period: request.period, custom: request.custom, groupBy: request.groupBy, metric: request.metric, filters: request.teams.length ? { team: request.teams } : {} },
        { budgets: resolved.budgets, today: spend.todayUtc() },
      );
      if (id !== this.latest) return; // a newer query superseded this one
      const declared = await this.locateDeclared(report.resources);
      const data: PanelData = { report, teams: teamsOf(report), declared, restrictedNote: resolved.restrictedNote };
      void this.post({ type: 'data', id, data });
      notifyBudgetCrossings(report, this.context.workspaceState);
    } catch (e) {
      const expected = e instanceof spend.SpendSourceError;
      const message = expected ? (e as Error).message : `unexpected error: ${(e as Error).message}`;
      log().error(`spend query failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!expected) await this.dropBackend();
      if (id === this.latest) void this.post({ type: 'error', id, message });
    }
  }

  /** Billed resources that the workspace index knows as declared items, with where they are declared. */
  private async locateDeclared(resources: readonly ResourceSpend[]): Promise<Record<string, DeclaredAt>> {
    await this.index.ready();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const declared: Record<string, DeclaredAt> = {};
    this.lastItems = new Map();
    for (const [id, item] of loadSpend().matchDeclared(resources, this.index.items)) {
      declared[id] = { label: path.relative(root, item.file), line: item.range.start.line + 1 };
      this.lastItems.set(id, { file: item.file, line: item.range.start.line });
    }
    return declared;
  }

  private async backendFor(config: SourceConfig): Promise<SpendBackend> {
    // The token is part of the identity, but never logged or sent to the webview.
    const key = JSON.stringify(config);
    if (this.backend?.key !== key) {
      await this.dropBackend();
      const backend = loadSpend().createBackend(config);
      this.backend = { key, backend };
      backend.then((b) => log().info(`spend source: ${b.source.label}`), () => undefined);
    }
    return this.backend.backend;
  }

  private async dropBackend(): Promise<void> {
    const old = this.backend;
    this.backend = undefined;
    if (old) await (await old.backend.catch(() => undefined))?.dispose?.();
  }

  private async openDeclaration(resourceId: string): Promise<void> {
    const at = this.lastItems.get(resourceId);
    if (!at) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(at.file));
    const pos = new vscode.Position(at.line, 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }

  private async exportCsv(fileName: string, csv: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const safe = fileName.replace(/[^\w.-]/g, '_');
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, safe) : undefined, filters: { CSV: ['csv'] } });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
    void vscode.window.showInformationMessage(`AI FinOps: spend exported to ${vscode.workspace.asRelativePath(target)}`);
  }

  private post(m: ToWebview): Thenable<boolean> | undefined {
    return this.view?.webview.postMessage(m);
  }

  dispose(): void {
    void this.dropBackend();
  }
}

/** Teams for the filter: this month's teams (the month query always groups by team) and the groups when grouped by team. */
function teamsOf(report: SpendReport): string[] {
  const teams = new Set(report.budgets.filter((b) => b.dimension === 'team').map((b) => b.key));
  if (report.query.groupBy === 'team') for (const g of report.groups) teams.add(g.key);
  return [...teams].sort();
}
