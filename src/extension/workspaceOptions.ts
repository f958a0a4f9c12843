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
  /** Each folder's `.finops.yml` text as last read: what a policy change is compared on. */
  private readonly configTexts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The engine options or a `.finops.yml` changed: analyses and the workspace index are stale. */
  readonly onDidChange = this.changed.event;
  private readonly presentationChanged = new vscode.EventEmitter<void>();
  /**
   * A setting changed that no analysis reads (lens or hover display, the spend panel's source):
   * lenses are drawn again, but nothing is analysed or scanned again.
   */
  readonly onDidChangePresentation = this.presentationChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.presentationChanged];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${FINOPS_CONFIG_FILE}`);
    const reset = () => void this.reset();
    this.disposables.push(
      watcher,
      watcher.onDidChange(reset),
      watcher.onDidCreate(reset),
      watcher.onDidDelete(reset),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiFinops') && reset()),
      // An open `.finops.yml` is read from its editor, which takes the disk's new text a moment
      // after the watcher's event: compare again once the editor holds it (not on each keystroke).
      vscode.workspace.onDidChangeTextDocument((e) => !e.document.isDirty && path.basename(e.document.uri.fsPath) === FINOPS_CONFIG_FILE && reset()),
    );
  }

  forDocument(uri: vscode.Uri): Promise<EngineOptions> {
    return this.forFolder(vscode.workspace.getWorkspaceFolder(uri));
  }

  private forFolder(folder: vscode.WorkspaceFolder | undefined): Promise<EngineOptions> {
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
    const workspaceRoot = folder.uri.fsPath;
    const file = path.join(workspaceRoot, FINOPS_CONFIG_FILE);
    const text = await editorReader.readText(file);
    if (text !== undefined) this.configTexts.set(folder.uri.toString(), text);
    if (text === undefined) return { ...loadCore().engineOptionsFrom(undefined, settings), workspaceRoot };
    const { config, problems } = loadCore().parseFinopsConfig(text);
    this.configs.set(folder.uri.toString(), config);
    for (const p of problems) log().warn(`${file}:${p.line}: ${p.message}`);
    return { ...loadCore().engineOptionsFrom(config, settings), workspaceRoot };
  }

  /**
   * Loads the options again and says what changed: a setting only lenses or hovers read must
   * not rescan the workspace. Folders nothing has asked for yet are not compared.
   */
  private async reset(): Promise<void> {
    const folders = [...this.cache.keys()].map((key) => ({ key, folder: vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === key) }));
    const before = await this.snapshot(folders);
    this.cache.clear();
    this.configs.clear();
    this.configTexts.clear();
    const after = await this.snapshot(folders);
    if (folders.length > 0 && before !== undefined && before === after) this.presentationChanged.fire();
    else this.changed.fire();
  }

  /**
   * The folders' options and `.finops.yml` texts as one comparable string (the parsed model holds
   * compiled tag patterns and maps, which JSON would flatten); undefined when one failed to load.
   */
  private async snapshot(folders: { key: string; folder: vscode.WorkspaceFolder | undefined }[]): Promise<string | undefined> {
    try {
      const options = await Promise.all(folders.map(({ folder }) => this.forFolder(folder)));
      return JSON.stringify(folders.map(({ key }, i) => [key, options[i], this.configTexts.get(key) ?? null]), comparable);
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Maps and sets compare by their entries; functions (a compiled pattern's test) by their text. */
function comparable(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  return typeof value === 'function' ? String(value) : value;
}
