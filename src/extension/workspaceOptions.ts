import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineOptions } from '../core/config/engineOptions';
import { FINOPS_CONFIG_FILE } from '../core/config/constants';
import type { FinopsConfig } from '../core/config/finopsConfig';
import { loadCore } from './engineLoader';
import { log } from './log';
import { readSettings } from './settings';
import { editorReader } from './workspaceReader';

/**
 * Engine options per workspace folder: settings merged with the folder's `.finops.yml`.
 * Cached until the file or the settings change.
 */
export class WorkspaceOptions implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<EngineOptions>>();
  private readonly configs = new Map<string, FinopsConfig | undefined>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${FINOPS_CONFIG_FILE}`);
    const reset = () => this.reset();
    this.disposables.push(
      watcher,
      watcher.onDidChange(reset),
      watcher.onDidCreate(reset),
      watcher.onDidDelete(reset),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiFinops') && reset()),
    );
  }

  forDocument(uri: vscode.Uri): Promise<EngineOptions> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let options = this.cache.get(key);
    if (!options) {
      options = this.load(folder);
      this.cache.set(key, options);
    }
    return options;
  }

  /** The folder's parsed `.finops.yml` (undefined when it has none), as last loaded. */
  async configFor(uri: vscode.Uri): Promise<FinopsConfig | undefined> {
    await this.forDocument(uri);
    return this.configs.get(vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '');
  }

  private async load(folder: vscode.WorkspaceFolder | undefined): Promise<EngineOptions> {
    const settings = readSettings(folder?.uri);
    if (!folder || folder.uri.scheme !== 'file') return loadCore().engineOptionsFrom(undefined, settings);
    const file = path.join(folder.uri.fsPath, FINOPS_CONFIG_FILE);
    const text = await editorReader.readText(file);
    if (text === undefined) return loadCore().engineOptionsFrom(undefined, settings);
    const { config, problems } = loadCore().parseFinopsConfig(text);
    this.configs.set(folder.uri.toString(), config);
    for (const p of problems) log().warn(`${file}:${p.line}: ${p.message}`);
    return loadCore().engineOptionsFrom(config, settings);
  }

  private reset(): void {
    this.cache.clear();
    this.configs.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
