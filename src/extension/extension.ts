import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import { CostCodeLensProvider, SHOW_DETAILS_COMMAND } from './codeLensProvider';
import { ConfigDiagnostics } from './configDiagnostics';
import { showCostDetails } from './costDetails';
import { DocumentAnalyzer } from './documentAnalyzer';
import { InstanceHoverProvider } from './hoverProvider';
import { disposeLog, log } from './log';
import { PolicyCodeActions, registerAddMissingTags } from './policyCodeActions';
import { PolicyDiagnostics } from './policyDiagnostics';
import { registerSpend } from './spend/registerSpend';
import { WorkspaceOptions } from './workspaceOptions';
import { WorkspaceIndex } from './workspaceIndex';
import { CostTreeProvider } from './costTreeProvider';
import { createStatusBar, SHOW_COST_ITEMS_COMMAND } from './statusBar';
import { createFinopsConfig } from './createConfig';

/** Documents with cost items; the engine decides per file within these. */
const COST_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', pattern: '**/*.tf' },
];

/** Instance types can be hovered in any text document, including notebook cells. */
const HOVER_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];

/** Activation only wires providers; parsing and the catalog load when a document first asks. */
/** What the extension exports to other extensions (and to its integration tests). */
export interface AiFinopsApi {
  /** Every cost item in the workspace, once the background scan is done. */
  workspaceItems(): Promise<CostItem[]>;
}

export function activate(context: vscode.ExtensionContext): AiFinopsApi {
  const started = Date.now();
  const options = new WorkspaceOptions();
  const analyzer = new DocumentAnalyzer(options, path.join(context.extensionPath, 'dist', 'wasm'));
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
  );
  context.subscriptions.push(
    { dispose: disposeLog },
    options,
    analyzer,
    vscode.languages.registerCodeLensProvider(COST_DOCUMENTS, new CostCodeLensProvider(analyzer)),
    vscode.languages.registerHoverProvider(HOVER_DOCUMENTS, new InstanceHoverProvider(analyzer)),
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
