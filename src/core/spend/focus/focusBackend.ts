import type { BackendResult, ResourceSpend, SourceInfo, SpendBackend, SpendQuery, UsageTotal } from '../types';
import { SpendSourceError, UNTAGGED } from '../types';
import { openDuckDb, type SqlConnection, type SqlRow } from './duckdb';
import { findFocusFiles, nestedParquetColumns, readFilesSql, verifyGzipFiles } from './focusFiles';
import {
  currencySql, DATA_END_SQL, DEFAULT_TAG_KEYS, FocusColumns, metricColumn, normalizedRowsSql, REQUIRED_COLUMNS,
  seriesSql, topResourcesSql, totalSql, untaggedSql, usageSql, type TagKeys,
} from './focusSql';

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
  columns: FocusColumns;
}

/**
 * FOCUS billing exports (CSV, gzip CSV, Parquet) queried with DuckDB in-process. The files
 * are read once into a normalised table; `reload()` reads them again.
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

  async query(q: SpendQuery): Promise<BackendResult> {
    const { db, columns } = await this.load();
    if (!columns.has(metricColumn(q.metric))) {
      throw new SpendSourceError(`this FOCUS export has no ${metricColumn(q.metric)} column; choose another metric`);
    }
    const run = (s: { sql: string; params: string[] }) => guard(() => db.all(s.sql, s.params), this.options.path);
    const [seriesRows, resourceRows, untaggedRows, usageRows, currencyRows] = [
      await run(seriesSql(q)),
      await run(topResourcesSql(q, this.options.topResources ?? 15)),
      await run(untaggedSql(q)),
      await run(usageSql(q)),
      await run(currencySql(q)),
    ];
    const series = seriesRows.map((r) => ({ date: String(r.date), key: String(r.key), cost: num(r.cost) }));
    const byKey = new Map<string, number>();
    for (const p of series) byKey.set(p.key, (byKey.get(p.key) ?? 0) + p.cost);
    const groups = [...byKey].map(([key, cost]) => ({ key, cost })).sort((a, b) => b.cost - a.cost);
    const currencies = currencyRows.map((r) => String(r.currency));
    const warnings = currencies.length > 1 ? [`the export mixes currencies (${currencies.join(', ')}); amounts are summed as they are`] : [];
    return {
      currency: currencies[0] ?? 'USD',
      series,
      groups,
      total: groups.reduce((a, g) => a + g.cost, 0),
      resources: resourceRows.map(toResource),
      untaggedCost: num(untaggedRows[0]?.cost),
      usage: usageRows.map((r): UsageTotal => ({ unit: String(r.unit), quantity: num(r.quantity), cost: num(r.cost) })),
      warnings,
    };
  }

  async total(q: SpendQuery): Promise<number> {
    const { db } = await this.load();
    const s = totalSql(q);
    const rows = await guard(() => db.all(s.sql, s.params), this.options.path);
    return num(rows[0]?.cost);
  }

  async dataEnd(): Promise<string | undefined> {
    const { db } = await this.load();
    const rows = await db.all(DATA_END_SQL);
    return rows[0]?.last ? String(rows[0].last) : undefined;
  }

  /** Forget the loaded files so the next query reads them again. */
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
      const tags = this.options.tagKeys ?? DEFAULT_TAG_KEYS;
      await guard(() => db.all(`CREATE OR REPLACE TABLE focus_rows AS ${normalizedRowsSql(columns, tags)}`), this.options.path);
      return { db, columns };
    } catch (e) {
      await db.close();
      throw e;
    }
  }
}

/** DuckDB errors (corrupt gzip, bad Parquet footer) become a message that names the source. */
async function guard<T>(run: () => Promise<T>, source: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SpendSourceError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    // The sniffer's own words ("Error when sniffing file") do not say what is wrong with the file.
    const detail = /sniffing file/i.test(message)
      ? 'a CSV file is not comma-separated FOCUS data (a row cut short, a different number of columns or an unclosed quote)'
      : message.split('\n')[0];
    throw new SpendSourceError(`cannot read FOCUS data at ${source}: ${detail}`);
  }
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function toResource(r: SqlRow): ResourceSpend {
  const serving = r.serving === true;
  const idle = serving && num(r.work) === 0 && num(r.cost) > 0;
  return {
    id: String(r.id),
    name: r.name == null ? undefined : String(r.name),
    service: r.service == null ? undefined : String(r.service),
    team: r.team == null ? UNTAGGED : String(r.team),
    cost: num(r.cost),
    untagged: r.untagged === true,
    idleReason: idle ? `billed over ${num(r.billed_days)} days with no requests or data processed` : undefined,
  };
}
