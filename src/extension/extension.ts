import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import { setWasmDirectory } from '../core/parsing/treeSitter';
import { CostCodeLensProvider, SHOW_DETAILS_COMMAND } from './codeLensProvider';
import { showCostDetails } from './costDetails';
import { DocumentAnalyzer } from './documentAnalyzer';
import { InstanceHoverProvider } from './hoverProvider';
import { disposeLog, log } from './log';
import { registerSpend } from './spend/registerSpend';
import { WorkspaceOptions } from './workspaceOptions';

/** Documents with cost items; the engine decides per file within these. */
const COST_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', pattern: '**/*.tf' },
];

/** Instance types can be hovered in any text document, including notebook cells. */
const HOVER_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];

/** Activation only wires providers; parsing and the catalog load when a document first asks. */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  setWasmDirectory(path.join(context.extensionPath, 'dist', 'wasm'));
  const options = new WorkspaceOptions();
  const analyzer = new DocumentAnalyzer(options);
  context.subscriptions.push(
    { dispose: disposeLog },
    options,
    analyzer,
    vscode.languages.registerCodeLensProvider(COST_DOCUMENTS, new CostCodeLensProvider(analyzer)),
    vscode.languages.registerHoverProvider(HOVER_DOCUMENTS, new InstanceHoverProvider(analyzer)),
    vscode.commands.registerCommand(SHOW_DETAILS_COMMAND, (item: CostItem) => showCostDetails(analyzer.catalog, item)),
    vscode.commands.registerCommand('aiFinops.showLog', () => log().show()),
  );
  registerSpend(context);
  log().info(`activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
