import * as vscode from 'vscode';
import type { OfferOverlay, PriceCatalog } from '../core/catalog/catalog';
import type { CostEngine } from '../core/engine';
import { loadEngine } from './engineLoader';
import type { CostItem, DetectionResult } from '../core/model';
import { log } from './log';
import { NotebookAnalyzer } from './notebookAnalyzer';
import { isNotebookCell } from './notebookCells';
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
  /** Folder → cached documents whose result read it (a local Terraform module's callers). */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly analysed = new vscode.EventEmitter<DetectionResult>();
  /** Fires with each fresh analysis (not cache hits). */
  readonly onDidAnalyze = this.analysed.event;
  private readonly analysedDocument = new vscode.EventEmitter<{ uri: vscode.Uri; result: DetectionResult }>();
  /** Each fresh analysis of an editor document, with its URI (what it skipped belongs there). */
  readonly onDidAnalyzeDocument = this.analysedDocument.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.analysed, this.analysedDocument];
  private timer: NodeJS.Timeout | undefined;
  private cellTimer: NodeJS.Timeout | undefined;
  private readonly reported = new Set<string>();
  /** Notebook cells: the whole notebook is analysed once per edit, each cell reads its own items. */
  readonly notebooks: NotebookAnalyzer;

  constructor(
    private readonly options: WorkspaceOptions,
    private readonly wasmDirectory: string,
    /** Layered over the bundled catalog when the engine loads (live prices). */
    private readonly overlay?: () => OfferOverlay,
  ) {
    this.notebooks = new NotebookAnalyzer(options, () => this.getEngine());
    this.disposables.push(
      options.onDidChange(() => (this.notebooks.clear(), this.invalidate())),
      vscode.workspace.onDidChangeTextDocument((e) => (isNotebookCell(e.document) ? this.scheduleCellRefresh() : this.scheduleRefresh(e.document.uri))),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.notebooks.forget(n)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars}');
    const refresh = (uri: vscode.Uri) => this.scheduleRefresh(uri);
    this.disposables.push(watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh));
  }

  get catalog(): PriceCatalog {
    return this.getEngine().catalog;
  }

  handles(document: vscode.TextDocument): boolean {
    if (isNotebookCell(document)) return document.languageId === 'python';
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
    if (isNotebookCell(document)) return this.notebooks.analyzeCell(document, token);
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    const generation = this.generationOf(document.uri);
    if (hit && hit.version === document.version && hit.generation === generation) return hit.result;
    const result = this.run(document, token);
    this.cache.set(key, { version: document.version, generation, result });
    // A cancelled run must not stay cached as if it were complete.
    result.then((r) => (token?.isCancellationRequested ? this.cache.delete(key) : this.track(key, r)), () => this.cache.delete(key));
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
    this.analysed.fire(result);
    this.analysedDocument.fire({ uri: document.uri, result });
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
      this.engine = loadEngine(this.wasmDirectory, this.overlay?.());
      log().info(`price catalog loaded in ${Date.now() - started} ms (${this.engine.catalog.meta.sources.length} sources, retrieved ${this.engine.catalog.meta.retrievedAt})`);
    }
    return this.engine;
  }

  /** Items of every analysed document, for work that covers what the workspace uses. */
  async analysedItems(): Promise<CostItem[]> {
    const results = await Promise.allSettled([...this.cache.values()].map((e) => e.result));
    return results.flatMap((r) => (r.status === 'fulfilled' ? r.value.items : []));
  }

  /** Recomputes every document, e.g. after prices changed. */
  refresh(): void {
    this.invalidate();
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

  /** An edit in one cell can change the constants later cells read; cell results are cached by edit stamp. */
  private scheduleCellRefresh(): void {
    clearTimeout(this.cellTimer);
    this.cellTimer = setTimeout(() => this.changed.fire(), REFRESH_DELAY_MS);
  }

  private track(key: string, result: DetectionResult): void {
    for (const folder of result.readFolders ?? []) {
      const uri = vscode.Uri.file(folder).toString();
      this.dependents.set(uri, (this.dependents.get(uri) ?? new Set()).add(key));
    }
  }

  /**
   * A closed document's result, its place among its folders' dependents, what was logged for
   * it, and its folder's generation once no cached document of that folder is left (dropping
   * it earlier could let an older cached result match again). A long session opens thousands,
   * and the soak test (test/soak) checks the heap comes back.
   */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    for (const [folder, keys] of this.dependents) if (keys.delete(key) && keys.size === 0) this.dependents.delete(folder);
    this.dropGenerationIfUnused(folderOf(uri));
    const prefix = `${uri.fsPath}:`;
    for (const line of this.reported) if (line.startsWith(prefix)) this.reported.delete(line);
  }

  /** A generation only tells cached results apart; with none cached in the folder, it can restart. */
  private dropGenerationIfUnused(folder: string): void {
    if (![...this.cache.keys()].some((k) => k.startsWith(`${folder}/`))) this.folderGenerations.delete(folder);
  }

  private invalidateFolders(): void {
    for (const folder of this.pendingFolders) {
      for (const key of this.dependents.get(folder) ?? []) this.cache.delete(key);
      this.dependents.delete(folder);
    }
    for (const folder of this.pendingFolders) {
      this.folderGenerations.set(folder, (this.folderGenerations.get(folder) ?? 0) + 1);
      this.dropGenerationIfUnused(folder);
    }
    this.pendingFolders.clear();
    this.changed.fire();
  }

  private invalidate(): void {
    this.globalGeneration++;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.cellTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function folderOf(uri: vscode.Uri): string {
  return vscode.Uri.joinPath(uri, '..').toString();
}
