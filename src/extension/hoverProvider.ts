import * as vscode from 'vscode';
import { INSTANCE_TYPE_PATTERN, instanceHoverMarkdown } from '../core/format/instanceHover';
import type { DocumentAnalyzer } from './documentAnalyzer';
import { readSettings } from './settings';

/** Hovering an instance type anywhere (Terraform, YAML, JSON, Python, Markdown, notebooks) shows its prices. */
export class InstanceHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analyzer: DocumentAnalyzer,
    /** Told of each hovered instance type (live prices fetch it). */
    private readonly onHoverType: (word: string) => void = () => undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!readSettings(document.uri).hoverEnabled) return undefined;
    const range = document.getWordRangeAtPosition(position, INSTANCE_TYPE_PATTERN);
    if (!range) return undefined;
    const word = document.getText(range);
    const markdown = instanceHoverMarkdown(this.analyzer.catalog, word);
    if (markdown) this.onHoverType(word);
    return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown), range) : undefined;
  }
}
