import * as vscode from 'vscode';
import { SPEND_PANEL_TYPE } from './spendIds';
import type { SpendQueries } from './spendQueries';
import { spendWebviewOptions, SpendWebview } from './spendWebview';

const TITLE = 'Team Spend';

/**
 * Team Spend in the editor area ("Open Team Spend"), where the charts have room: one panel,
 * revealed when already open, restored after a reload by VS Code through this serializer.
 * It runs its own `SpendWebview` (the sidebar view's page, CSP and messages) and disposes
 * it with the panel, so the sidebar view is untouched when the panel closes.
 *
 * No `retainContextWhenHidden`: the page keeps its controls and last report in the webview
 * state and redraws from them when shown again, so a hidden panel need not hold memory.
 */
export class SpendPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private open: { panel: vscode.WebviewPanel; page: SpendWebview } | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly queries: SpendQueries,
  ) {}

  /** The panel's page, while the panel is open. */
  get current(): SpendWebview | undefined {
    return this.open?.page;
  }

  /** Opens the panel in the active editor group, or reveals it where it is. */
  show(): void {
    if (this.open) return this.open.panel.reveal();
    this.adopt(vscode.window.createWebviewPanel(SPEND_PANEL_TYPE, TITLE, vscode.ViewColumn.Active, spendWebviewOptions(this.extensionUri)));
  }

  /** After a reload: VS Code made the panel again, the page's own state brings back its controls and last figures. */
  deserializeWebviewPanel(panel: vscode.WebviewPanel): Thenable<void> {
    // A second restored panel (two windows' state merged) replaces the first rather than running beside it.
    this.open?.panel.dispose();
    this.adopt(panel);
    return Promise.resolve();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    panel.title = TITLE;
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'spend-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'spend-dark.svg'),
    };
    const page = new SpendWebview(panel.webview, this.extensionUri, this.queries);
    const open = { panel, page };
    this.open = open;
    panel.onDidDispose(() => {
      page.dispose();
      if (this.open === open) this.open = undefined;
    });
  }

  dispose(): void {
    this.open?.panel.dispose();
  }
}
