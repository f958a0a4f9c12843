import * as vscode from 'vscode';
import { SpendPanelState, type PanelSnapshot } from '../../core/spend/panelState';
import { isToHost, type PanelRequest, type ToHost, type ToWebview } from '../../shared/messages';
import { spendHtml } from './spendHtml';
import type { DeclaredLocation, SpendQueries } from './spendQueries';

/** What one Team Spend webview shows, as its host knows it (the `aiFinops.spend.state` command). */
export interface SpendWebviewSnapshot extends PanelSnapshot {
  /** When the report the page last drew was read: the page says so once it has drawn it. */
  drawnReadAt?: string;
}

/**
 * One Team Spend page in one webview, the sidebar view's or the editor-area panel's: its
 * HTML (strict CSP, per-load nonce), its message listener, its latest query and what it
 * shows. Each webview has its own instance and disposes only its own subscriptions, so
 * closing the panel leaves the view's page working, and the other way round.
 */
export class SpendWebview implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly state = new SpendPanelState();
  private latest = 0;
  /** The query whose report was last posted, and when that report was read. */
  private posted: { id: number; readAt: string } | undefined;
  private drawnReadAt: string | undefined;
  private locations = new Map<string, DeclaredLocation>();
  private disposed = false;

  constructor(
    /** Kept: a disposed view's or panel's `webview` getter throws. */
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    private readonly queries: SpendQueries,
  ) {
    webview.options = spendWebviewOptions(extensionUri);
    webview.html = spendHtml(webview, extensionUri);
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (isToHost(m)) void this.handle(m);
      }),
    );
  }

  snapshot(): SpendWebviewSnapshot {
    return { ...this.state.snapshot(), drawnReadAt: this.drawnReadAt };
  }

  /** The source changed: the page asks again with its own controls' request. */
  refresh(): void {
    this.post({ type: 'refresh' });
  }

  private async handle(m: ToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        return;
      case 'query':
        return this.query(m.id, m.request);
      case 'drawn':
        if (this.posted?.id === m.id) this.drawnReadAt = this.posted.readAt;
        return;
      case 'openDeclaration':
        return openDeclaration(this.locations.get(m.resourceId));
      case 'exportCsv':
        return exportCsv(m.fileName, m.csv);
      case 'configure':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'aiFinops.spend');
        return;
    }
  }

  private async query(id: number, request: PanelRequest): Promise<void> {
    this.latest = id;
    this.state.started();
    this.post({ type: 'loading', id });
    const outcome = await this.queries.run(request);
    // A newer query from this page superseded this one, or the page has gone.
    if (id !== this.latest || this.disposed || outcome.kind === 'dropped') return;
    if (outcome.kind === 'failed') {
      // The page keeps the last good report on screen under this message.
      const { message, lastGood } = this.state.failed(outcome.message);
      this.post({ type: 'error', id, message, lastGood });
      return;
    }
    const { readAt } = this.state.succeeded(outcome.report, new Date());
    this.locations = outcome.locations;
    this.posted = { id, readAt };
    this.post({ type: 'data', id, data: { ...outcome.data, readAt } });
  }

  private post(m: ToWebview): void {
    // A hidden page drops the message; shown again, it reloads and queries by itself.
    if (!this.disposed) void this.webview.postMessage(m);
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

/** Scripts on; files only from the bundle and media folders. Both hosts' webviews get these. */
export function spendWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

async function openDeclaration(at: DeclaredLocation | undefined): Promise<void> {
  if (!at) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(at.file));
  const pos = new vscode.Position(at.line, 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
}

async function exportCsv(fileName: string, csv: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const safe = fileName.replace(/[^\w.-]/g, '_');
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, safe) : undefined, filters: { CSV: ['csv'] } });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
  void vscode.window.showInformationMessage(`AI FinOps: spend exported to ${vscode.workspace.asRelativePath(target)}`);
}
