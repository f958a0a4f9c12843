import * as vscode from 'vscode';
import type { PriceCatalog } from '../core/catalog/catalog';
import type { CostEngine } from '../core/engine';
import { loadEngine } from './engineLoader';
import type { DetectionResult } from '../core/model';
import { log } from './log';
import { editorReader } from './workspaceReader';
import type { WorkspaceOptions } from './workspaceOptions';

/** Files whose edits can change another document's estimate (a module's variables, tfvars). */
const RELATED = /\.(tf|tfvars|tfvars\.json)$|\.finops\.yml$/;
const REFRESH_DELAY_MS = 300;
/** Bounds the memory of what was already logged in a long session. */
const MAX_REPORTED = 5000;

interface CacheEntry {
  version: number;
  generation: string;
  result: Promise<DetectionResult>;
}

/**
 * Analyzes documents with the core engine, once per document version. The engine and the
 * catalog are created the first time a document needs them, not at activation.
 */
export class DocumentAnalyzer implements vscode.Disposable {
  private engine: CostEngine | undefined;
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * Bumped when a related file changes, so cached results of the other documents of its
   * folder (a Terraform module) go stale; the global one when settings or policy change.
   */
  private globalGeneration = 0;
  private readonly folderGenerations = new Map<string, number>();
  private readonly pendingFolders = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private readonly reported = new Set<string>();

  constructor(
    private readonly options: WorkspaceOptions,
    private readonly wasmDirectory: string,
  ) {
    this.disposables.push(
      options.onDidChange(() => this.invalidate()),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleRefresh(e.document.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars}');
    const refresh = (uri: vscode.Uri) => this.scheduleRefresh(uri);
    this.disposables.push(watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh));
  }

  get catalog(): PriceCatalog {
    return this.getEngine().catalog;
  }

  handles(document: vscode.TextDocument): boolean {
    return this.handlesPath(document.uri);
  }

  handlesPath(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && this.getEngine().handles(uri.fsPath);
  }

  /** A file that may not be open: its editor text when it is, else the disk's. */
  async analyzeFile(uri: vscode.Uri): Promise<DetectionResult> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.analyze(open);
    const text = await editorReader.readText(uri.fsPath);
    if (text === undefined) return { items: [], skipped: [{ file: uri.fsPath, message: 'could not be read' }] };
    const options = await this.options.forDocument(uri);
    return this.getEngine().analyze({ file: uri.fsPath, text, reader: editorReader, options });
  }

  analyze(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    const generation = this.generationOf(document.uri);
    if (hit && hit.version === document.version && hit.generation === generation) return hit.result;
    const result = this.run(document, token);
    this.cache.set(key, { version: document.version, generation, result });
    // A cancelled run must not stay cached as if it were complete.
    result.then(() => token?.isCancellationRequested && this.cache.delete(key), () => this.cache.delete(key));
    return result;
  }

  private async run(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DetectionResult> {
    const options = await this.options.forDocument(document.uri);
    const result = await this.getEngine().analyze({
      file: document.uri.fsPath,
      text: document.getText(),
      reader: editorReader,
      options,
      isCancelled: () => token?.isCancellationRequested ?? false,
    });
    this.report(document, result);
    return result;
  }

  /** Logs each distinct skip or unpriced item once, not again on every keystroke. */
  private report(document: vscode.TextDocument, result: DetectionResult): void {
    const lines = [
      ...result.skipped.map((s) => ({ warn: true, text: `${s.file}: ${s.message}` })),
      ...result.items
        .filter((i) => i.unpricedReason)
        .map((i) => ({ warn: false, text: `${document.uri.fsPath}:${i.range.start.line + 1} ${i.resource} not priced: ${i.unpricedReason}` })),
    ];
    if (this.reported.size > MAX_REPORTED) this.reported.clear();
    for (const { warn, text } of lines) {
      if (this.reported.has(text)) continue;
      this.reported.add(text);
      if (warn) log().warn(text);
      else log().info(text);
    }
  }

  private getEngine(): CostEngine {
    if (!this.engine) {
      const started = Date.now();
      this.engine = loadEngine(this.wasmDirectory);
      log().info(`price catalog loaded in ${Date.now() - started} ms (${this.engine.catalog.meta.sources.length} sources, retrieved ${this.engine.catalog.meta.retrievedAt})`);
    }
    return this.engine;
  }

  private generationOf(uri: vscode.Uri): string {
    return `${this.globalGeneration}:${this.folderGenerations.get(folderOf(uri)) ?? 0}`;
  }

  private scheduleRefresh(uri: vscode.Uri): void {
    if (!RELATED.test(uri.path)) return;
    this.pendingFolders.add(folderOf(uri));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.invalidateFolders(), REFRESH_DELAY_MS);
  }

  private invalidateFolders(): void {
    for (const folder of this.pendingFolders) this.folderGenerations.set(folder, (this.folderGenerations.get(folder) ?? 0) + 1);
    this.pendingFolders.clear();
    this.changed.fire();
  }

  private invalidate(): void {
    this.globalGeneration++;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function folderOf(uri: vscode.Uri): string {
  return vscode.Uri.joinPath(uri, '..').toString();
}
