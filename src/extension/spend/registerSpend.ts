import * as vscode from 'vscode';
import { FINOPS_CONFIG_FILE } from '../../core/config/constants';
import type { CommandRegistry } from '../featureContract';
import type { WorkspaceIndex } from '../workspaceIndex';
import { SpendPanel } from './spendPanel';
import { SpendQueries } from './spendQueries';
import { clearToken, setToken } from './spendSources';
import { SpendViewProvider } from './spendViewProvider';
import type { SpendWebviewSnapshot } from './spendWebview';
import { LEGACY_TOKEN_SECRET } from './tokenSecrets';

/** Returns what a Team Spend page shows (`SpendWebviewSnapshot`): the sidebar view's, or with `'panel'` the editor-area panel's; undefined when it is not open. */
export const SPEND_STATE_COMMAND = 'aiFinops.spend.state';

/** The two hosts of the Team Spend page; activation registered the view and the panel's serializer (extension.ts). */
export interface TeamSpend {
  view: SpendViewProvider;
  panel: SpendPanel;
}

/**
 * The Team Spend view, the editor-area panel and their commands, over one set of queries.
 * Nothing here loads DuckDB or the AWS SDK: the first query does.
 */
export function registerSpend(context: vscode.ExtensionContext, index: WorkspaceIndex, commands: CommandRegistry): TeamSpend {
  const queries = new SpendQueries(context, index);
  const view = new SpendViewProvider(context.extensionUri, queries);
  const panel = new SpendPanel(context.extensionUri, queries);
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${FINOPS_CONFIG_FILE}`);
  const reset = async () => {
    await queries.reset();
    for (const page of [view.current, panel.current]) page?.refresh();
  };
  const resetLater = () => void reset();
  context.subscriptions.push(
    queries,
    view,
    panel,
    watcher,
    watcher.onDidChange(resetLater),
    watcher.onDidCreate(resetLater),
    watcher.onDidDelete(resetLater),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiFinops.spend') && resetLater()),
    vscode.workspace.onDidGrantWorkspaceTrust(resetLater),
    commands.register('aiFinops.spend.refresh', resetLater),
    commands.register('aiFinops.openSpendPanel', () => panel.show()),
    // Internal (not in the palette): what a page shows, for the integration tests and bug reports.
    commands.register(SPEND_STATE_COMMAND, (host?: unknown): SpendWebviewSnapshot | undefined => (host === 'panel' ? panel : view).current?.snapshot()),
    commands.register('aiFinops.spend.setToken', async (token?: unknown, origin?: unknown) => (await setToken(context.secrets, token, origin)) && resetLater()),
    commands.register('aiFinops.spend.clearToken', async (origin?: unknown) => {
      await clearToken(context.secrets, origin);
      await context.secrets.delete(LEGACY_TOKEN_SECRET);
      resetLater();
    }),
  );
  return { view, panel };
}
