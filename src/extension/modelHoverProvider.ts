import * as vscode from 'vscode';
import { MODEL_ID_PATTERN } from '../core/format/modelIdPattern';
import { loadCore } from './engineLoader';
import { readSettings } from './settings';

/** Hovering an LLM model id anywhere shows its token prices and cheaper models of the same provider. */
export class ModelHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!readSettings(document.uri).hoverEnabled) return undefined;
    const range = document.getWordRangeAtPosition(position, MODEL_ID_PATTERN);
    if (!range) return undefined;
    // The price data lives in the lazily loaded engine bundle.
    const markdown = loadCore().modelHoverMarkdown(document.getText(range));
    return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown), range) : undefined;
  }
}
