import * as vscode from 'vscode';
import * as path from 'node:path';
import type { SourceConfig } from '../../core/spend/backendFactory';
import { SpendPanelState, type PanelSnapshot } from '../../core/spend/panelState';
import type { SpendReport } from '../../core/spend/spendReport';
import type { ResourceSpend, SpendBackend } from '../../core/spend/types';
import { isToHost, type DeclaredAt, type PanelData, type PanelRequest, type ToHost, type ToWebview } from '../../shared/messages';
import { log } from '../log';
import type { WorkspaceIndex } from '../workspaceIndex';
import { notifyBudgetCrossings } from './budgetNotifier';
import { spendHtml } from './spendHtml';
import { loadSpend } from './spendLoader';
import { resolveSource } from './spendSources';

/** Returns the panel's `PanelSnapshot`: status, last failure, last good report and when it was read. */
export const SPEND_STATE_COMMAND = 'aiFinops.spend.state';

/**
 * The Team Spend sidebar view. Queries run here, in the extension host (DuckDB, HTTP, the
 * AWS SDK); the webview only draws what it is sent and asks for new queries.
 */
export class SpendViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private backend: { key: string; backend: Promise<SpendBackend> } | undefined;
  private latest = 0;
  private lastItems = new Map<string, { file: string; line: number }>();
  private readonly state = new SpendPanelState();

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

  /** What the panel shows now: the last good report and the last failure (the `aiFinops.spend.state` command). */
  snapshot(): PanelSnapshot {
    return this.state.snapshot();
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
    this.state.started();
    void this.post({ type: 'loading', id });
    const spend = loadSpend();
    let used: SpendViewProvider['backend'];
    try {
      const resolved = await resolveSource(this.context.secrets);
      const backend = await this.backendFor(resolved.config, resolved.restrictedNote);
      used = this.backend;
      const report = await spend.buildSpendReport(
        backend,
        { period: request.period, custom: request.custom, groupBy: request.groupBy, metric: request.metric, filters: request.teams.length ? { team: request.teams } : {} },
        { budgets: resolved.budgets, today: spend.todayUtc() },
      );
      if (id !== this.latest) return; // a newer query superseded this one
      const declared = await this.locateDeclared(report.resources);
      if (id !== this.latest) return;
      const readAt = this.state.succeeded(report, new Date()).readAt;
      const data: PanelData = { report, teams: teamsOf(report), declared, restrictedNote: resolved.restrictedNote, readAt };
      void this.post({ type: 'data', id, data });
      notifyBudgetCrossings(report, this.context.workspaceState);
    } catch (e) {
      // The source changed under the query (its backend was closed and interrupted it): the refresh that follows answers.
      if (used && this.backend !== used) return void log().info('spend query dropped: the source changed while it ran');
      const expected = e instanceof spend.SpendSourceError;
      const message = expected ? (e as Error).message : `unexpected error: ${(e as Error).message}`;
      log().error(`spend query failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!expected) await this.dropBackend();
      if (id !== this.latest) return;
      // The webview keeps the last good report on screen under this message.
      const { lastGood } = this.state.failed(message);
      void this.post({ type: 'error', id, message, lastGood });
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

  /** `restrictedNote` (why the workspace's source was refused) is logged once per source, with it. */
  private async backendFor(config: SourceConfig, restrictedNote?: string): Promise<SpendBackend> {
    // The token is part of the identity, but never logged or sent to the webview.
    const key = JSON.stringify(config);
    if (this.backend?.key !== key) {
      await this.dropBackend();
      const backend = loadSpend().createBackend(config);
      this.backend = { key, backend };
      backend.then((b) => log().info(`spend source: ${b.source.label}${restrictedNote ? ` (${restrictedNote})` : ''}`), () => undefined);
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
