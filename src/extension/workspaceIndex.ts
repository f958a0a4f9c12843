import * as vscode from 'vscode';
import type { CostItem } from '../core/model';
import { IGNORED_DIRECTORIES, maxFileBytes, withoutCalledModules } from '../core/scan/workspaceScan';

/** What the index keeps per file: its items, and the module folders it priced through calls. */
interface Indexed {
  items: CostItem[];
  readFolders: string[];
}
import { IgnoreRules } from '../core/scan/ignoreRules';
import type { DocumentAnalyzer } from './documentAnalyzer';
import { log } from './log';
import type { WorkspaceOptions } from './workspaceOptions';

/** Folders never worth scanning, on top of the user's `files.exclude`. */
const EXCLUDE_GLOB = `**/{${[...IGNORED_DIRECTORIES].join(',')}}/**`;
const MAX_FILES = 20_000;
const UPDATE_DELAY_MS = 500;

/**
 * Every cost item in the workspace, for the status bar total and the tree view. Built once
 * in the background after activation, then kept current file by file on save and on
 * file-system changes; never rescanned on a keystroke.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly byFile = new Map<string, Indexed>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private scan: vscode.CancellationTokenSource | undefined;
  private scanned: Promise<void> | undefined;
  /** Files updated one by one while a full scan ran: newer than what the scan read. */
  private readonly updatedDuringScan = new Set<string>();

  constructor(
    private readonly analyzer: DocumentAnalyzer,
    options: WorkspaceOptions,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidChange((u) => this.queue(u)),
      watcher.onDidCreate((u) => this.queue(u)),
      watcher.onDidDelete((u) => this.remove(u)),
      vscode.workspace.onDidSaveTextDocument((d) => this.queue(d.uri)),
      // A scan may have read unsaved text; when the edits are reverted or discarded, the disk is right again.
      // (VS Code reports the return to a clean state as a change without content changes.)
      vscode.workspace.onDidChangeTextDocument((e) => !e.document.isDirty && this.queue(e.document.uri, false)),
      vscode.workspace.onDidCloseTextDocument((d) => this.byFile.has(d.uri.toString()) && this.queue(d.uri, false)),
      options.onDidChange(() => void this.rescan()),
    );
  }

  /** Resources of a folder another file calls as a local module count once, in that call. */
  get items(): CostItem[] {
    const indexed = [...this.byFile.values()];
    return withoutCalledModules(
      indexed.flatMap((i) => i.items),
      new Set(indexed.flatMap((i) => i.readFolders)),
    );
  }

  /** Starts the first scan if none ran yet; resolves when it is done. */
  ready(): Promise<void> {
    this.scanned ??= this.fullScan();
    return this.scanned;
  }

  rescan(): Promise<void> {
    this.scan?.cancel();
    this.scanned = this.fullScan();
    return this.scanned;
  }

  private async fullScan(): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    this.scan = source;
    const started = Date.now();
    this.updatedDuringScan.clear();
    const files = await vscode.workspace.findFiles('**/*', EXCLUDE_GLOB, MAX_FILES, source.token);
    const rules = await gitignoreRules(source.token);
    const relevant = files.filter((u) => this.analyzer.handlesPath(u) && !rules.ignores(u.fsPath));
    const fresh = new Map<string, Indexed>();
    for (const uri of relevant) {
      if (source.token.isCancellationRequested) return;
      const indexed = await this.analyzeUri(uri);
      if (indexed.items.length || indexed.readFolders.length) fresh.set(uri.toString(), indexed);
    }
    for (const key of this.updatedDuringScan) {
      const current = this.byFile.get(key);
      if (current) fresh.set(key, current);
      else fresh.delete(key);
    }
    this.byFile.clear();
    for (const [k, v] of fresh) this.byFile.set(k, v);
    log().info(`workspace scan: ${relevant.length} files, ${this.items.length} cost items in ${Date.now() - started} ms`);
    this.changed.fire();
  }

  private async analyzeUri(uri: vscode.Uri): Promise<Indexed> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxFileBytes(uri.fsPath)) return { items: [], readFolders: [] };
      const { items, readFolders } = await this.analyzer.analyzeFile(uri);
      return { items, readFolders: readFolders ?? [] };
    } catch (e) {
      log().warn(`${uri.fsPath}: not indexed: ${e instanceof Error ? e.message : String(e)}`);
      return { items: [], readFolders: [] };
    }
  }

  /** A saved file can change its module's other files (Terraform variables), so they are redone too. */
  private queue(uri: vscode.Uri, withSiblings = true): void {
    if (!this.analyzer.handlesPath(uri)) return;
    this.pending.add(uri.toString());
    const dir = vscode.Uri.joinPath(uri, '..').toString();
    if (withSiblings) for (const key of this.byFile.keys()) if (key.startsWith(`${dir}/`) && !key.slice(dir.length + 1).includes('/')) this.pending.add(key);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), UPDATE_DELAY_MS);
  }

  private async flush(): Promise<void> {
    const uris = [...this.pending].map((u) => vscode.Uri.parse(u));
    this.pending.clear();
    for (const uri of uris) {
      const indexed = await this.analyzeUri(uri);
      this.updatedDuringScan.add(uri.toString());
      if (indexed.items.length || indexed.readFolders.length) this.byFile.set(uri.toString(), indexed);
      else this.byFile.delete(uri.toString());
    }
    this.changed.fire();
  }

  /** A deleted folder reports one event for itself, not one per file inside it. */
  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    const gone = [...this.byFile.keys()].filter((k) => k === key || k.startsWith(`${key}/`));
    for (const k of gone) {
      this.byFile.delete(k);
      this.updatedDuringScan.add(k);
    }
    if (gone.length) this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.scan?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** The workspace's `.gitignore` files, so generated and vendored files stay out of the index. */
async function gitignoreRules(token: vscode.CancellationToken): Promise<IgnoreRules> {
  const rules = new IgnoreRules();
  for (const uri of await vscode.workspace.findFiles('**/.gitignore', EXCLUDE_GLOB, 1000, token)) {
    try {
      rules.add(vscode.Uri.joinPath(uri, '..').fsPath, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      log().warn(`${uri.fsPath}: could not be read; its rules are not applied`);
    }
  }
  return rules;
}
