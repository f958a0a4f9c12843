import * as vscode from 'vscode';
import type { SpendQueries } from './spendQueries';
import { SpendWebview } from './spendWebview';

/**
 * The Team Spend sidebar view: a `SpendWebview` for each time VS Code resolves the view,
 * disposed with that view (a user can remove the view and bring it back).
 */
export class SpendViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private page: SpendWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly queries: SpendQueries,
  ) {}

  /** The view's page, while the view exists. */
  get current(): SpendWebview | undefined {
    return this.page;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const page = new SpendWebview(view.webview, this.extensionUri, this.queries);
    this.page = page;
    view.onDidDispose(() => {
      page.dispose();
      if (this.page === page) this.page = undefined;
    });
  }

  dispose(): void {
    this.page?.dispose();
  }
}
