import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import { CostCodeLensProvider, SHOW_DETAILS_COMMAND } from './codeLensProvider';
import { ConfigDiagnostics } from './configDiagnostics';
import { showCostDetails } from './costDetails';
import { DocumentAnalyzer } from './documentAnalyzer';
import { InstanceHoverProvider } from './hoverProvider';
import { LivePrices } from './livePrices';
import { readSettings } from './settings';
import type { PriceCatalog } from '../core/catalog/catalog';
import { disposeLog, log } from './log';
import { PolicyCodeActions, registerAddMissingTags } from './policyCodeActions';
import { PolicyDiagnostics } from './policyDiagnostics';
import { registerSpend } from './spend/registerSpend';
import { WorkspaceOptions } from './workspaceOptions';
import { WorkspaceIndex } from './workspaceIndex';
import { CostTreeProvider } from './costTreeProvider';
import { createStatusBar, SHOW_COST_ITEMS_COMMAND } from './statusBar';
import { createFinopsConfig } from './createConfig';
import { ML_DOCUMENTS } from './mlDocuments';
import { ModelHoverProvider } from './modelHoverProvider';
import { JUPYTER_NOTEBOOK, NotebookCostStatusBar } from './notebookStatusBar';

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

const REFRESH_PRICES_COMMAND = 'aiFinops.refreshPrices';

/** A hovered type is fetched for the default AWS region and the catalog's default Azure region. */
function hoverRegions(catalog: PriceCatalog): string[] {
  return [readSettings().defaultRegion, catalog.meta.defaultRegions.azure];
}

/** What the extension exports to other extensions (and to its integration tests). */
export interface AiFinopsApi {
  /** Every cost item in the workspace, once the background scan is done. */
  workspaceItems(): Promise<CostItem[]>;
}

export function activate(context: vscode.ExtensionContext): AiFinopsApi {
  const started = Date.now();
  const options = new WorkspaceOptions();
  const live = new LivePrices(context.globalStorageUri, () => {
    analyzer.refresh();
    void index.rescan();
  });
  const analyzer = new DocumentAnalyzer(options, path.join(context.extensionPath, 'dist', 'wasm'), () => live.overlay);
  const policy = new PolicyDiagnostics(analyzer, options);
  const index = new WorkspaceIndex(analyzer, options);
  const tree = new CostTreeProvider(index);
  context.subscriptions.push(
    index,
    tree,
    vscode.window.registerTreeDataProvider('aiFinops.costItems', tree),
    createStatusBar(index),
    vscode.commands.registerCommand(SHOW_COST_ITEMS_COMMAND, () => vscode.commands.executeCommand('aiFinops.costItems.focus')),
    vscode.commands.registerCommand('aiFinops.costItems.groupByFile', () => tree.setGrouping('file')),
    vscode.commands.registerCommand('aiFinops.costItems.groupByKind', () => tree.setGrouping('kind')),
    vscode.commands.registerCommand('aiFinops.costItems.refresh', () => index.rescan()),
    vscode.commands.registerCommand('aiFinops.createConfig', () => createFinopsConfig(index)),
    vscode.commands.registerCommand('aiFinops.openSpendPanel', () => vscode.commands.executeCommand('aiFinops.spend.focus')),
  );
  context.subscriptions.push(
    { dispose: disposeLog },
    options,
    analyzer,
    vscode.languages.registerCodeLensProvider(COST_DOCUMENTS, new CostCodeLensProvider(analyzer)),
    live,
    analyzer.onDidAnalyze((result) => live.noteUsed(result.items, analyzer.catalog)),
    index.onDidChange(() => live.noteUsed(index.items, analyzer.catalog)),
    vscode.languages.registerHoverProvider(
      HOVER_DOCUMENTS,
      new InstanceHoverProvider(analyzer, (word) => live.noteHovered(word, analyzer.catalog, hoverRegions(analyzer.catalog))),
    ),
    vscode.commands.registerCommand(REFRESH_PRICES_COMMAND, async () => {
      await index.ready();
      const message = await live.refreshNow([...index.items, ...(await analyzer.analysedItems())], analyzer.catalog);
      void vscode.window.showInformationMessage(message);
    }),
    vscode.languages.registerHoverProvider(HOVER_DOCUMENTS, new ModelHoverProvider()),
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(JUPYTER_NOTEBOOK, new NotebookCostStatusBar(analyzer)),
    vscode.commands.registerCommand(SHOW_DETAILS_COMMAND, (item: CostItem) => showCostDetails(analyzer.catalog, item)),
    vscode.commands.registerCommand('aiFinops.showLog', () => log().show()),
    policy,
    new ConfigDiagnostics(),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new PolicyCodeActions(policy), { providedCodeActionKinds: PolicyCodeActions.kinds }),
    registerAddMissingTags(policy),
  );
  registerSpend(context, index);
  log().info(`activated in ${Date.now() - started} ms`);
  return { workspaceItems: async () => (await index.ready(), index.items) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
