import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EngineOptions } from '../config/engineOptions';
import type { WorkspaceReader } from '../detectors/types';
import { dependenciesUnchanged, recordingReader, type ReadDependency } from '../io/recordingReader';
import type { DetectionResult } from '../model';

/** Where a scan keeps results between runs, and what they were computed with. */
export interface ScanCacheSettings {
  dir: string;
  /** Changes whenever the engine's code or bundled catalog does (the CLI hashes its own code). */
  engineVersion: string;
  /** Oldest entries are removed past this total (`pruneScanCache`). */
  maxBytes: number;
}

/** What a scan's cache did, for the CLI to report. */
export interface ScanCacheReport {
  hits: number;
  misses: number;
  /** Entries that could not be used (unreadable, not this format) and were ignored. */
  ignored: string[];
}

/** Bumped when the entry format changes; older entries then simply miss. */
const ENTRY_FORMAT = 1;

interface CacheEntry {
  format: typeof ENTRY_FORMAT;
  file: string;
  deps: ReadDependency[];
  result: DetectionResult;
}

/**
 * Analysis results across runs, by content, for one scan at a time. The key is the file's path and text, the engine
 * version, the catalog revision and the options; each entry also lists every other read the
 * analysis made (module folder listings, sibling `.tf`, tfvars, neighbouring YAML) with the
 * hash of what it returned, and is used only when all of them still read the same.
 */
export class ScanCache {
  readonly report: ScanCacheReport = { hits: 0, misses: 0, ignored: [] };
  private readonly keyPrefix: string;
  /** Hashes of what the dependencies read now; a cache lives for one scan. */
  private readonly currentHashes = new Map<string, string | null>();

  constructor(
    private readonly settings: ScanCacheSettings,
    catalogRevision: string,
    options: EngineOptions,
  ) {
    this.keyPrefix = JSON.stringify([ENTRY_FORMAT, settings.engineVersion, catalogRevision, options]);
  }

  /** The cached result for this file and text, when every other read its analysis made still answers the same. */
  async lookup(file: string, text: string, reader: WorkspaceReader): Promise<DetectionResult | undefined> {
    const entryPath = this.entryPath(file, text);
    const cached = await this.read(entryPath, file);
    if (!cached || !(await dependenciesUnchanged(cached.deps, reader, this.currentHashes))) return undefined;
    this.report.hits++;
    // Its time of last use, which pruning goes by.
    const now = new Date();
    await fs.utimes(entryPath, now, now).catch(() => undefined);
    return cached.result;
  }

  /** Runs `analyze` (after a `lookup` missed) with a recording reader, and stores what it returns with what it read. */
  async analyzeAndStore(file: string, text: string, reader: WorkspaceReader, analyze: (reader: WorkspaceReader) => Promise<DetectionResult>): Promise<DetectionResult> {
    this.report.misses++;
    const recording = recordingReader(reader);
    const result = await analyze(recording.reader);
    await this.write(this.entryPath(file, text), { format: ENTRY_FORMAT, file, deps: recording.dependencies(), result });
    return result;
  }

  private entryPath(file: string, text: string): string {
    const key = createHash('sha256').update(this.keyPrefix).update('\0').update(file).update('\0').update(text).digest('hex');
    return path.join(this.settings.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  private async read(entryPath: string, file: string): Promise<CacheEntry | undefined> {
    let raw: string;
    try {
      raw = await fs.readFile(entryPath, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(raw) as CacheEntry;
      if (!isEntryFor(entry, file)) throw new Error('not a scan result for this file');
      return entry;
    } catch (e) {
      this.report.ignored.push(`${entryPath}: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Written beside its place and renamed, so a concurrent reader sees a whole entry or none. */
  private async write(entryPath: string, entry: CacheEntry): Promise<void> {
    const tmp = `${entryPath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(path.dirname(entryPath), { recursive: true });
      await fs.writeFile(tmp, JSON.stringify(entry));
      await fs.rename(tmp, entryPath);
    } catch {
      // A read-only or full cache costs speed, never the scan.
      await fs.rm(tmp, { force: true });
    }
  }
}

function isEntryFor(entry: CacheEntry, file: string): boolean {
  return (
    entry?.format === ENTRY_FORMAT &&
    entry.file === file &&
    Array.isArray(entry.deps) &&
    entry.deps.every((d) => (d.kind === 'text' || d.kind === 'list') && typeof d.path === 'string') &&
    Array.isArray(entry.result?.items) &&
    Array.isArray(entry.result.skipped)
  );
}

/** How often a scan that stored results checks the cache's size: a full check reads every entry's size. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PRUNE_MARKER = 'last-pruned';

/**
 * `pruneScanCache` when the last check is older than `PRUNE_INTERVAL_MS` (or never happened):
 * a cache of tens of thousands of entries takes a second or more to size up, which a scan
 * that missed one file must not pay every time. Between checks the cache may grow past
 * `maxBytes` by what an hour of scans stores.
 */
export async function pruneScanCacheIfDue(dir: string, maxBytes: number, now = Date.now()): Promise<boolean> {
  const marker = path.join(dir, PRUNE_MARKER);
  const last = await fs.stat(marker).then((s) => s.mtimeMs, () => undefined);
  if (last !== undefined && now - last < PRUNE_INTERVAL_MS) return false;
  await pruneScanCache(dir, maxBytes);
  await fs.writeFile(marker, '').catch(() => undefined);
  const at = new Date(now);
  await fs.utimes(marker, at, at).catch(() => undefined);
  return true;
}

/** Removes the least recently used entries until the cache fits in `maxBytes`. */
export async function pruneScanCache(dir: string, maxBytes: number): Promise<void> {
  const entries: { file: string; size: number; mtimeMs: number }[] = [];
  for (const shard of await fs.readdir(dir).catch(() => [])) {
    if (shard === PRUNE_MARKER) continue;
    for (const name of await fs.readdir(path.join(dir, shard)).catch(() => [])) {
      const file = path.join(dir, shard, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat?.isFile()) entries.push({ file, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
  let total = entries.reduce((a, e) => a + e.size, 0);
  entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const e of entries) {
    if (total <= maxBytes) break;
    await fs.rm(e.file, { force: true });
    total -= e.size;
  }
}
