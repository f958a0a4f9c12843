import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CostEngine } from '../engine';
import type { EngineOptions } from '../config/engineOptions';
import type { WorkspaceReader } from '../detectors/types';
import type { CostItem, DetectionResult, SkippedInput } from '../model';
import { IgnoreRules } from './ignoreRules';
import { cachingReader } from '../io/cachingReader';
import { nodeReader } from '../io/nodeReader';
import { analyzeFile, cachedResult } from './fileAnalysis';
import { mapConcurrently } from './mapConcurrently';
import { addCacheReport, analyzeInWorkers, workerCount } from './parallelScan';
import { pruneScanCacheIfDue, ScanCache, type ScanCacheReport, type ScanCacheSettings } from './scanCache';

/** Generated, vendored and tool folders: never the source of a team's infrastructure. */
export const IGNORED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '__pycache__', '.mypy_cache',
  '.pytest_cache', '.terraform', '.terragrunt-cache', 'dist', 'out', 'build', '.vscode-test', 'site-packages',
]);

/**
 * In a tree of tracked files (a git revision), folders are scanned whatever their name: a
 * tracked `build/main.tf` is deployed like any other, and naming a folder `dist` must not hide
 * its cost from a diff. Only version-control data and vendored packages are left out, and the
 * vendored ones are listed as skipped so the diff shows them.
 */
const TRACKED_NEVER_SCANNED = new Set(['.git', '.hg', '.svn']);
const TRACKED_VENDORED = new Set(['node_modules', 'site-packages', '.venv', 'venv', '.tox', '.terraform', '.terragrunt-cache']);

export { MAX_FILE_BYTES, MAX_NOTEBOOK_BYTES, maxFileBytes } from './fileAnalysis';

export interface ScanResult {
  items: CostItem[];
  skipped: SkippedInput[];
  filesScanned: number;
  /** Present when the scan used a cache (`ScanOptions.cache`). */
  cache?: ScanCacheReport;
  /** Worker threads that analysed the files; absent when this thread did. */
  workers?: number;
}

export interface ScanOptions {
  /**
   * False for a tree of tracked files (a git revision): `.gitignore` only concerns untracked
   * files, and a committed one must not hide a tracked file from a cost diff; nor does a
   * folder's name (see `TRACKED_NEVER_SCANNED`).
   */
  gitignore?: boolean;
  /**
   * Worker threads to analyse on (`parallelScan.ts`); each builds the bundled engine and reads
   * from disk, so more than 1 applies only to an engine on the bundled catalog and a disk reader.
   * Files found in the cache are not sent to them.
   */
  jobs?: number;
  /** Files each worker must have at least, or fewer workers start (`MIN_FILES_PER_WORKER`; tests lower it). */
  minFilesPerWorker?: number;
  /** Results kept across scans by content (`scanCache.ts`). */
  cache?: ScanCacheSettings;
}

export async function scanFolder(engine: CostEngine, root: string, options: EngineOptions, diskReader: WorkspaceReader, scanOptions: ScanOptions = {}): Promise<ScanResult> {
  const reader = cachingReader(diskReader);
  const files: string[] = [];
  const skippedFolders: SkippedInput[] = [];
  const walker = walk(root, { rules: new IgnoreRules(), reader, tracked: !(scanOptions.gitignore ?? true), skippedFolders });
  for await (const file of walker) if (engine.handles(file)) files.push(file);
  const { analyzed, cache, workers } = await analyzeAll(engine, files, options, reader, { ...scanOptions, jobs: diskReader === nodeReader ? scanOptions.jobs : 1 });
  if (scanOptions.cache && cache?.misses) await pruneScanCacheIfDue(scanOptions.cache.dir, scanOptions.cache.maxBytes);
  const result: ScanResult = { items: [], skipped: skippedFolders, filesScanned: 0, ...(cache ? { cache } : {}), ...(workers ? { workers } : {}) };
  const calledModules = new Set<string>();
  // Results are gathered in walk order, so the report does not depend on I/O timing.
  for (const a of analyzed) {
    if (!a) continue;
    result.filesScanned++;
    result.items.push(...a.items);
    result.skipped.push(...a.skipped);
    for (const folder of ('readFolders' in a ? a.readFolders : undefined) ?? []) calledModules.add(folder);
  }
  result.items = withoutCalledModules(result.items, calledModules);
  return result;
}

/** A scan waits mostly on the disk; this many files in flight keep it busy without flooding it. */
const SCAN_CONCURRENCY = 16;

/**
 * Cached results first, on this thread; what they leave goes to worker threads when asked for
 * and worth it, else is analysed here. Either way the results are in the order of `files`.
 */
async function analyzeAll(engine: CostEngine, files: string[], options: EngineOptions, reader: WorkspaceReader, scanOptions: ScanOptions) {
  const cache = scanOptions.cache ? new ScanCache(scanOptions.cache, engine.catalog.revision(), options) : undefined;
  const found = cache ? await mapConcurrently(files, SCAN_CONCURRENCY, (file) => cachedResult(file, reader, cache)) : [];
  const todo = files.filter((_, i) => !found[i]);
  const jobs = engine.catalog.revision() === 'bundled' ? workerCount(scanOptions.jobs ?? 1, todo.length, scanOptions.minFilesPerWorker) : 1;
  let fresh: (DetectionResult | undefined)[];
  if (jobs > 1) {
    const { results, cacheReport } = await analyzeInWorkers(todo, jobs, { options, cache: scanOptions.cache });
    if (cache && cacheReport) addCacheReport(cache.report, cacheReport);
    fresh = results;
  } else {
    fresh = await mapConcurrently(todo, SCAN_CONCURRENCY, (file) => analyzeFile(engine, file, options, reader, cache));
  }
  let next = 0;
  const analyzed = files.map((_, i) => found[i] ?? fresh[next++]);
  return { analyzed, cache: cache?.report, workers: jobs > 1 ? jobs : undefined };
}

/**
 * A Terraform folder that another configuration calls as a local module is priced inside
 * that call (its total is on the `module` block); listing its resources again on their own
 * would count them twice. Terraform applies it only through the call.
 */
export function withoutCalledModules(items: CostItem[], calledModules: ReadonlySet<string>): CostItem[] {
  if (!calledModules.size) return items;
  return items.filter((i) => !(i.file.endsWith('.tf') && calledModules.has(path.dirname(i.file))));
}

interface WalkContext {
  rules: IgnoreRules;
  reader: WorkspaceReader;
  /** A git revision's tracked files: `.gitignore` does not apply and folder names hide nothing. */
  tracked: boolean;
  skippedFolders: SkippedInput[];
}

/** Files in name order, skipping the ignored folders and what `.gitignore` files exclude. */
async function* walk(dir: string, ctx: WalkContext): AsyncGenerator<string> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (!ctx.tracked && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    const text = await ctx.reader.readText(path.join(dir, '.gitignore'));
    if (text) ctx.rules.add(dir, text);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && walksInto(full, e.name, ctx)) yield* walk(full, ctx);
    else if (e.isFile() && !ctx.rules.ignores(full)) yield full;
  }
}

function walksInto(full: string, name: string, ctx: WalkContext): boolean {
  if (!ctx.tracked) return !IGNORED_DIRECTORIES.has(name) && !ctx.rules.ignores(full, true);
  if (TRACKED_NEVER_SCANNED.has(name)) return false;
  if (!TRACKED_VENDORED.has(name)) return true;
  ctx.skippedFolders.push({ file: full, message: `folder not scanned: ${name} holds vendored packages or tool caches, not the project's own files` });
  return false;
}
