import * as vscode from 'vscode';
import { FINOPS_CONFIG_FILE } from '../../core/config/constants';
import type { WorkspaceIndex } from '../workspaceIndex';
import { SPEND_STATE_COMMAND, SPEND_VIEW_ID, SpendViewProvider } from './spendViewProvider';
import { setToken, TOKEN_SECRET } from './spendSources';

/** The Team Spend view and its commands. Nothing here loads DuckDB or the AWS SDK: the first query does. */
export function registerSpend(context: vscode.ExtensionContext, index: WorkspaceIndex): void {
  const provider = new SpendViewProvider(context, index);
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${FINOPS_CONFIG_FILE}`);
  const reset = () => void provider.reset();
  context.subscriptions.push(
    provider,
    watcher,
    watcher.onDidChange(reset),
    watcher.onDidCreate(reset),
    watcher.onDidDelete(reset),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiFinops.spend') && reset()),
    vscode.workspace.onDidGrantWorkspaceTrust(reset),
    vscode.window.registerWebviewViewProvider(SPEND_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('aiFinops.spend.refresh', reset),
    // Internal (not in the palette): what the panel shows, for the integration tests and bug reports.
    vscode.commands.registerCommand(SPEND_STATE_COMMAND, () => provider.snapshot()),
        vscode.commands.registerCommand('aiFinops.spend.setToken', async (token?: unknown) => (await setToken(context.secrets, token)) && reset()),
    vscode.commands.registerCommand('aiFinops.spend.clearToken', async () => {
      await context.secrets.delete(TOKEN_SECRET);
      reset();
    }),
  );
}
