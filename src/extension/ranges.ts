import * as vscode from 'vscode';
import type { SourceRange } from '../core/model';

export function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}
