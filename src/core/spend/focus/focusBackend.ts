import type { BackendResult, FilesRead, SeriesPoint, SourceInfo, SpendBackend, SpendQuery } from '../types';
import { SpendSourceError } from '../types';
import { openDuckDb, type SqlConnection } from './duckdb';
import { findFocusFiles, nestedParquetColumns, readFilesSql, verifyGzipFiles } from './focusFiles';
import { qualitySql } from './focusQuality';
import { queryFocus, querySeries, queryTotal, type RunSql } from './focusQueries';
import { dataEndSql, DEFAULT_TAG_KEYS, FocusColumns, REQUIRED_COLUMNS, type FocusSource, type TagKeys } from './focusSql';

export interface FocusBackendOptions {
  /** A file, a folder or a glob of FOCUS exports. */
  path: string;
  tagKeys?: TagKeys;
  /** Marks the bundled sample so every face says so. */
  sample?: boolean;
  topResources?: number;
}

interface Loaded {
  db: SqlConnection;
  src: FocusSource;
  /** What reading the files' text values dropped or coerced, counted once per load. */
  warnings: string[];
  files: FilesRead;
}

/**
 * FOCUS billing exports (CSV, gzip CSV, Parquet) queried with DuckDB in-process. The files
 * stay on disk: each query reads the rows of its date range (Parquet row groups outside it
 * are skipped), filters and groups them in DuckDB, and returns only the aggregates.
 * `reload()` finds the files again.
 */
export class FocusBackend implements SpendBackend {
  readonly source: SourceInfo;
  private loaded: Promise<Loaded> | undefined;

  constructor(private readonly options: FocusBackendOptions) {
    this.source = {
      kind: options.sample ? 'sample' : 'focus',
      label: options.sample ? 'bundled sample data (FOCUS 1.2)' : options.path,
      sample: options.sample ?? false,
    };
  }

  query(q: SpendQuery): Promise<BackendResult> {
    return this.withFiles((loaded) => this.queryLoaded(loaded, q));
  }

  private async queryLoaded({ db, src, warnings: loadWarnings, files }: Loaded, q: SpendQuery): Promise<BackendResult> {
    const result = await queryFocus(this.runner(db), src, q, this.options.topResources ?? 15);
    return { ...result, files, warnings: [...loadWarnings, ...result.warnings] };
  }

  private runner(db: SqlConnection): RunSql {
    return (s) => guard(() => db.all(s.sql, s.params), this.options.path);
  }

  series(q: SpendQuery, currency?: string): Promise<SeriesPoint[]> {
    return this.withFiles(({ db, src }) => querySeries(this.runner(db), src, q, currency));
  }

  total(q: SpendQuery, currency?: string): Promise<number> {
    return this.withFiles(({ db, src }) => queryTotal(this.runner(db), src, q, currency));
  }

  dataEnd(): Promise<string | undefined> {
    return this.withFiles(async ({ db, src }) => {
      const rows = await guard(() => db.all(dataEndSql(src)), this.options.path);
      return rows[0]?.last ? String(rows[0].last) : undefined;
    });
  }

  /**
   * Runs against the files found at load. They are read by each query, so when one has gone
   * since (an export rotated, a folder removed) the path is searched again once, and what
   * is there now (or that nothing is) is what the caller sees.
   */
  private async withFiles<T>(run: (loaded: Loaded) => Promise<T>): Promise<T> {
    try {
      return await run(await this.load());
    } catch (e) {
      if (!(e instanceof FilesGone)) throw e;
      await this.dispose();
      return run(await this.load());
    }
  }

  /** Forget the files found so the next query looks for them again. */
  async reload(): Promise<void> {
    await this.dispose();
  }

  async dispose(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (loaded) await (await loaded.catch(() => undefined))?.db.close();
  }

  private load(): Promise<Loaded> {
    if (!this.loaded) {
      this.loaded = this.open();
      // A failed load is not cached: the user may fix the files and refresh.
      this.loaded.catch(() => (this.loaded = undefined));
    }
    return this.loaded;
  }

  private async open(): Promise<Loaded> {
    const db = await openDuckDb();
    try {
      const files = await findFocusFiles(db, this.options.path);
      await verifyGzipFiles(files);
      const nested = await guard(() => nestedParquetColumns(db, files), this.options.path);
      await guard(() => db.all(`CREATE OR REPLACE VIEW focus_raw AS ${readFilesSql(files, nested)}`), this.options.path);
      const described = await guard(() => db.all('DESCRIBE focus_raw'), this.options.path);
      const columns = new FocusColumns(described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })));
      const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
      if (missing.length) throw new SpendSourceError(`${this.options.path} is not a FOCUS export: no ${missing.join(', ')} column`);
      const src: FocusSource = { columns, tags: this.options.tagKeys ?? DEFAULT_TAG_KEYS };
      const quality = qualitySql(src);
      const warnings = quality ? quality.read((await guard(() => db.all(quality.sql), this.options.path))[0]) : [];
      const used = [...files.csv, ...files.parquet].sort();
      const read = files.selection ?? { summary: `${used.length} file${used.length === 1 ? '' : 's'} read`, used, skipped: [] };
      return { db, src, warnings, files: { what: 'files', summary: read.summary, used: read.used, skipped: read.skipped } };
    } catch (e) {
      await db.close();
      throw e;
    }
  }
}

/** A file found at load is no longer there. */
class FilesGone extends SpendSourceError {}

/** DuckDB errors (corrupt gzip, bad Parquet footer) become a message that names the source. */
async function guard<T>(run: () => Promise<T>, source: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SpendSourceError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (/No files found that match the pattern/i.test(message)) throw new FilesGone(`FOCUS files at ${source} changed while being read`);
    // The sniffer's own words ("Error when sniffing file") do not say what is wrong with the file.
    const detail = /sniffing file/i.test(message)
      ? 'a CSV file is not comma-separated FOCUS data (a row cut short, a different number of columns or an unclosed quote)'
      : message.split('\n')[0];
    throw new SpendSourceError(`cannot read FOCUS data at ${source}: ${detail}`);
  }
}

