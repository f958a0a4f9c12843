import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import { POLICY_ACTION_KINDS } from './codeActionKinds';
import { LazyFeatures } from './lazyFeatures';
import { ML_DOCUMENTS } from './mlDocuments';
import { SPEND_PANEL_TYPE, SPEND_VIEW_ID } from './spend/spendIds';

/** Documents with cost items; the engine decides per file within these. */
const COST_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', pattern: '**/*.tf' },
  ...ML_DOCUMENTS,
  // CloudFormation, Kubernetes and SkyPilot are recognised by content inside these.
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', pattern: '**/*.{yaml,yml,json,template}' },
];

/** Instance types can be hovered in any text document, including notebook cells. */
const HOVER_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];

/** Jupyter's notebook type in VS Code. */
const JUPYTER_NOTEBOOK = 'jupyter-notebook';
const COST_ITEMS_VIEW = 'aiFinops.costItems';

/**
 * Without a request, the features start this long after activation (the workspace index,
 * the status bar total, diagnostics of open files), once the window has restored.
 */
const BACKGROUND_START_MS = 1000;

/** What the extension exports to other extensions (and to its integration tests). */
export interface AiFinopsApi {
  /** Every cost item in the workspace, once the background scan is done. */
  workspaceItems(): Promise<CostItem[]>;
}

/**
 * Registers every provider, view and command, and nothing else: each answers through the
 * features (features.ts, its own bundle), which the first request loads. See BENCHMARKS.md.
 */
export function activate(context: vscode.ExtensionContext): AiFinopsApi {
  const commands = contributedCommands(context);
  const features = new LazyFeatures(context, new Set(commands));
  const { analysisChanged, costItemsChanged } = features.events;
  context.subscriptions.push(
    features,
    vscode.languages.registerCodeLensProvider(COST_DOCUMENTS, {
      onDidChangeCodeLenses: analysisChanged.event,
      provideCodeLenses: (document, token) => features.get('lenses').codeLenses.provideCodeLenses(document, token),
    }),
    vscode.languages.registerHoverProvider(HOVER_DOCUMENTS, {
      provideHover: (document, position, token) => features.get('hover').instanceHover.provideHover(document, position, token),
    }),
    vscode.languages.registerHoverProvider(HOVER_DOCUMENTS, {
      provideHover: (document, position, token) => features.get('hover').modelHover.provideHover(document, position, token),
    }),
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(JUPYTER_NOTEBOOK, {
      onDidChangeCellStatusBarItems: analysisChanged.event,
      provideCellStatusBarItems: (cell, token) => features.get('notebook cell').notebookStatus.provideCellStatusBarItems(cell, token),
    }),
    vscode.languages.registerCodeActionsProvider(
      { scheme: 'file' },
      { provideCodeActions: (document, range, context, token) => features.get('code actions').codeActions.provideCodeActions(document, range, context, token) },
      { providedCodeActionKinds: POLICY_ACTION_KINDS },
    ),
    vscode.window.registerTreeDataProvider<unknown>(COST_ITEMS_VIEW, {
      onDidChangeTreeData: costItemsChanged.event,
      getChildren: (node) => features.get('cost items view').costItems.getChildren(node),
      getTreeItem: (node) => features.get('cost items view').costItems.getTreeItem(node),
    }),
    vscode.window.registerWebviewViewProvider(
      SPEND_VIEW_ID,
      { resolveWebviewView: (view, state, token) => features.get('spend view').spend.view.resolveWebviewView(view, state, token) },
      { webviewOptions: { retainContextWhenHidden: false } },
    ),
    // Brings back an editor-area Team Spend panel that was open when the window closed.
    vscode.window.registerWebviewPanelSerializer(SPEND_PANEL_TYPE, {
      deserializeWebviewPanel: (panel, state) => features.get('spend panel').spend.panel.deserializeWebviewPanel(panel, state),
    }),
    ...commands.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => features.command(id)(...args))),
  );
  features.startInBackground(BACKGROUND_START_MS);
  return { workspaceItems: () => features.get('workspaceItems').workspaceItems() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** The commands package.json contributes: registered now, so running one before the features load still works. */
function contributedCommands(context: vscode.ExtensionContext): string[] {
  const manifest = context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (manifest.contributes?.commands ?? []).map((c) => c.command);
}
