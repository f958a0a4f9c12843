import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import type { PriceCatalog } from '../core/catalog/catalog';
import { CostCodeLensProvider, SHOW_DETAILS_COMMAND } from './codeLensProvider';
import { ConfigDiagnostics } from './configDiagnostics';
import { CostDetailsDocuments } from './costDetails';
import { CostTreeProvider } from './costTreeProvider';
import { createFinopsConfig } from './createConfig';
import { DocumentAnalyzer } from './documentAnalyzer';
import type { CommandRegistry, FeatureEvents, FeatureLoad } from './featureContract';
import { InstanceHoverProvider } from './hoverProvider';
import { LivePrices } from './livePrices';
import { disposeLog, log } from './log';
import { ModelHoverProvider } from './modelHoverProvider';
import { NotebookCostStatusBar } from './notebookStatusBar';
import { addMissingTagsCommand, ADD_MISSING_TAGS_COMMAND, PolicyCodeActions } from './policyCodeActions';
import { PolicyDiagnostics } from './policyDiagnostics';
import { readSettings } from './settings';
import { registerSpend } from './spend/registerSpend';
import { SkippedDiagnostics } from './skippedDiagnostics';
import { createStatusBar, SHOW_COST_ITEMS_COMMAND } from './statusBar';
import { WorkspaceIndex } from './workspaceIndex';
import { WorkspaceOptions } from './workspaceOptions';

const REFRESH_PRICES_COMMAND = 'aiFinops.refreshPrices';

/** A hovered type is fetched for the default AWS region and the catalog's default Azure region. */
function hoverRegions(catalog: PriceCatalog): string[] {
  return [readSettings().defaultRegion, catalog.meta.defaultRegions.azure];
}

/** What the registrations made at activation (extension.ts) answer with, once this bundle is loaded. */
export interface Features {
  codeLenses: vscode.CodeLensProvider;
  instanceHover: vscode.HoverProvider;
  modelHover: vscode.HoverProvider;
  notebookStatus: vscode.NotebookCellStatusBarItemProvider;
  codeActions: vscode.CodeActionProvider;
  costItems: vscode.TreeDataProvider<unknown>;
  /** The Team Spend sidebar view and editor-area panel. */
  spend: { view: vscode.WebviewViewProvider; panel: vscode.WebviewPanelSerializer };
  /** Every cost item in the workspace, once the background scan is done. */
  workspaceItems(): Promise<CostItem[]>;
}

/**
 * The extension's features: the analyzer, the workspace index and its watchers, live prices,
 * policy diagnostics, the spend view and the command handlers. Built in `dist/features.js`,
 * which activation does not load: the first request to a provider, view or command does,
 * or the background start shortly after activation.
 */
export function createFeatures(context: vscode.ExtensionContext, events: FeatureEvents, commands: CommandRegistry, load: FeatureLoad): Features {
  log().info(`features bundle loaded in ${Date.now() - load.startedAt} ms, for the ${load.trigger}`);
  const options = new WorkspaceOptions();
  const live = new LivePrices(context.globalStorageUri, () => {
    analyzer.refresh();
    void index.rescan();
  });
  const analyzer = new DocumentAnalyzer(options, path.join(context.extensionPath, 'dist', 'wasm'), () => live.overlay);
  const index = new WorkspaceIndex(analyzer, options);
  const policy = new PolicyDiagnostics(analyzer, options, index);
  const tree = new CostTreeProvider(index);
  const codeLenses = new CostCodeLensProvider(analyzer);
  const details = new CostDetailsDocuments();
  context.subscriptions.push(
    details,
    { dispose: disposeLog },
    options,
    analyzer,
    live,
    index,
    tree,
    policy,
    new ConfigDiagnostics(),
    new SkippedDiagnostics(analyzer),
    createStatusBar(index),
    analyzer.onDidChange(() => events.analysisChanged.fire()),
    options.onDidChangePresentation(() => events.analysisChanged.fire()),
    tree.onDidChangeTreeData(() => events.costItemsChanged.fire()),
    analyzer.onDidAnalyze((result) => live.noteUsed(result.items, analyzer.catalog)),
    index.onDidChange(() => live.noteUsed(index.items, analyzer.catalog)),
    commands.register(SHOW_COST_ITEMS_COMMAND, () => vscode.commands.executeCommand('aiFinops.costItems.focus')),
    commands.register('aiFinops.costItems.groupByFile', () => tree.setGrouping('file')),
    commands.register('aiFinops.costItems.groupByKind', () => tree.setGrouping('kind')),
    commands.register('aiFinops.costItems.refresh', () => index.rescan()),
    commands.register('aiFinops.createConfig', () => createFinopsConfig(index)),
    commands.register(REFRESH_PRICES_COMMAND, async () => {
      await index.ready();
      const message = await live.refreshNow([...index.items, ...(await analyzer.analysedItems())], analyzer.catalog);
      void vscode.window.showInformationMessage(message);
    }),
    commands.register(SHOW_DETAILS_COMMAND, (item: CostItem) => details.show(analyzer.catalog, item)),
    commands.register('aiFinops.showLog', () => log().show()),
    commands.register(ADD_MISSING_TAGS_COMMAND, addMissingTagsCommand(policy)),
  );
  const spend = registerSpend(context, index, commands);
  return {
    codeLenses,
    instanceHover: new InstanceHoverProvider(analyzer, (word) => live.noteHovered(word, analyzer.catalog, hoverRegions(analyzer.catalog))),
    modelHover: new ModelHoverProvider(),
    notebookStatus: new NotebookCostStatusBar(analyzer),
    codeActions: new PolicyCodeActions(policy),
    costItems: tree as vscode.TreeDataProvider<unknown>,
    spend,
    workspaceItems: async () => (await index.ready(), index.items),
  };
}
