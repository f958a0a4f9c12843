import * as vscode from 'vscode';
import { FINOPS_CONFIG_FILE } from '../../core/config/constants';
import type { CommandRegistry } from '../featureContract';
import type { WorkspaceIndex } from '../workspaceIndex';
import { SPEND_STATE_COMMAND, SpendViewProvider } from './spendViewProvider';
import { clearToken, setToken } from './spendSources';
import { LEGACY_TOKEN_SECRET } from './tokenSecrets';

/**
 * The Team Spend view's provider and its commands; activation registered the view itself
 * (extension.ts). Nothing here loads DuckDB or the AWS SDK: the first query does.
 */
export function registerSpend(context: vscode.ExtensionContext, index: WorkspaceIndex, commands: CommandRegistry): SpendViewProvider {
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
    commands.register('aiFinops.spend.refresh', reset),
    // Internal (not in the palette): what the panel shows, for the integration tests and bug reports.
    commands.register(SPEND_STATE_COMMAND, () => provider.snapshot()),
    commands.register('aiFinops.spend.setToken', async (token?: unknown, origin?: unknown) => (await setToken(context.secrets, token, origin)) && reset()),
    commands.register('aiFinops.spend.clearToken', async (origin?: unknown) => {
      await clearToken(context.secrets, origin);
      await context.secrets.delete(LEGACY_TOKEN_SECRET);
      reset();
    }),
  );
  return provider;
}
