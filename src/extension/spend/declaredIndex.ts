import * as path from 'node:path';
import * as vscode from 'vscode';
import { bundledCatalog } from '../../core/catalog/catalog';
import { engineOptionsFrom } from '../../core/config/finopsConfig';
import { matchDeclared } from '../../core/spend/declaredResources';
import type { ResourceSpend } from '../../core/spend/types';
import { CostEngine } from '../../core/engine';
import type { CostItem } from '../../core/model';
import { scanFolder } from '../../core/scan/workspaceScan';
import type { DeclaredAt } from '../../shared/messages';
import { editorReader } from '../workspaceReader';

/**
 * The cost items the workspace declares, scanned once and again after a declaration file
 * is saved, so the panel can link a billed resource to the line that declares it.
 */
export class DeclaredIndex implements vscode.Disposable {
  private items: Promise<CostItem[]> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [vscode.workspace.onDidSaveTextDocument(() => (this.items = undefined))];
  }

  async locate(resources: readonly ResourceSpend[]): Promise<{ declared: Record<string, DeclaredAt>; items: Map<string, CostItem> }> {
    const matches = matchDeclared(resources, await this.load());
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const declared: Record<string, DeclaredAt> = {};
    for (const [id, item] of matches) declared[id] = { label: path.relative(root, item.file), line: item.range.start.line + 1 };
    return { declared, items: matches };
  }

  private load(): Promise<CostItem[]> {
    this.items ??= this.scan();
    return this.items;
  }

  private async scan(): Promise<CostItem[]> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return [];
    const result = await scanFolder(new CostEngine(bundledCatalog()), folder.uri.fsPath, engineOptionsFrom(undefined), editorReader);
    return result.items;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
