import type { BackendResult, CommitmentUse, CurrencyTotal, FilesRead, ResourceSpend, SeriesPoint, SourceInfo, SpendBackend, SpendQuery, UsageTotal } from '../types';
import { SpendSourceError, UNTAGGED } from '../types';
import { openDuckDb, type SqlConnection, type SqlRow } from './duckdb';
import { findFocusFiles, nestedParquetColumns, readFilesSql, verifyGzipFiles } from './focusFiles';
import { qualitySql } from './focusQuality';
import {
  breakdownSql, dataEndSql, DEFAULT_TAG_KEYS, FocusColumns, metricColumn, REQUIRED_COLUMNS, seriesSql, topResourcesSql, totalSql,
  type FocusSource, type TagKeys,
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
    if (!src.columns.has(metricColumn(q.metric))) {
      throw new SpendSourceError(`this FOCUS export has no ${metricColumn(q.metric)} column; choose another metric`);
    }
    const run = (s: { sql: string; params: string[] }) => guard(() => db.all(s.sql, s.params), this.options.path);
    const split = splitCurrencies(await run(seriesSql(src, q)));
    // Only when currencies mix do the other queries need to keep to the main one.
    const only = split.others.length ? split.currency : undefined;
    const resourceRows = await run(topResourcesSql(src, q, this.options.topResources ?? 15, only));
    const breakdown = readBreakdown(await run(breakdownSql(src, q, only)));
    const byKey = new Map<string, number>();
    for (const p of split.series) byKey.set(p.key, (byKey.get(p.key) ?? 0) + p.cost);
    const groups = [...byKey].map(([key, cost]) => ({ key, cost })).sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
    const warnings = [...loadWarnings];
    if (split.others.length) {
      const list = split.others.map((c) => `${c.currency} ${c.cost.toFixed(2)}`).join(', ');
      warnings.push(`the export bills in several currencies: figures are in ${split.currency}, its largest; ${list} shown apart, not converted or added`);
    }
    return {
      currency: split.currency,
      series: split.series,
      groups,
      total: groups.reduce((a, g) => a + g.cost, 0),
      resources: resourceRows.map(toResource),
      untaggedCost: breakdown.untagged,
      usage: breakdown.usage,
      otherCurrencies: split.others.length ? split.others : undefined,
      commitment: breakdown.commitment,
      files,
      warnings,
    };
  }

  series(q: SpendQuery, currency?: string): Promise<SeriesPoint[]> {
    return this.withFiles(async ({ db, src }) => {
      const s = seriesSql(src, q);
      return splitCurrencies(await guard(() => db.all(s.sql, s.params), this.options.path), currency).series;
    });
  }

  total(q: SpendQuery, currency?: string): Promise<number> {
    return this.withFiles(async ({ db, src }) => {
      const s = totalSql(src, q, currency);
      return num((await guard(() => db.all(s.sql, s.params), this.options.path))[0]?.cost);
    });
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
      const read: FilesRead = files.selection ?? { summary: `${used.length} file${used.length === 1 ? '' : 's'} read`, used, skipped: [] };
      return { db, src, warnings, files: { summary: read.summary, used: read.used, skipped: read.skipped } };
    } catch (e) {
      await db.close();
      throw e;
    }
  }
}

/**
 * The series in the export's main currency (the one with the most spend, then by name, so
 * the choice does not flip between runs); other currencies are totalled apart. Rows that
 * name no currency count with the main one.
 */
function splitCurrencies(rows: SqlRow[], chosen?: string): { currency: string; series: SeriesPoint[]; others: CurrencyTotal[] } {
  const weight = new Map<string, { weight: number; cost: number }>();
  for (const r of rows) {
    if (r.currency == null) continue;
    const w = weight.get(String(r.currency)) ?? { weight: 0, cost: 0 };
    w.weight += Math.abs(num(r.cost));
    w.cost += num(r.cost);
    weight.set(String(r.currency), w);
  }
  const ordered = [...weight].sort(([a, x], [b, y]) => y.weight - x.weight || a.localeCompare(b));
  const currency = chosen ?? ordered[0]?.[0] ?? 'USD';
  const points = new Map<string, SeriesPoint>();
  for (const r of rows) {
    if (r.currency != null && String(r.currency) !== currency) continue;
    const id = `${String(r.date)}\u0000${String(r.key)}`;
    const p = points.get(id) ?? { date: String(r.date), key: String(r.key), cost: 0 };
    p.cost += num(r.cost);
    points.set(id, p);
  }
  return { currency, series: [...points.values()], others: ordered.filter(([c]) => c !== currency).map(([c, w]) => ({ currency: c, cost: w.cost })) };
}

function readBreakdown(rows: SqlRow[]): { untagged: number; usage: UsageTotal[]; commitment?: CommitmentUse } {
  const sum = (field: string) => rows.reduce((a, r) => a + num(r[field]), 0);
  const usage = rows
    .filter((r) => r.work === true && r.unit != null && num(r.quantity) > 0)
    .map((r): UsageTotal => ({ unit: String(r.unit), quantity: num(r.quantity), cost: num(r.unit_cost) }))
    .sort((a, b) => b.cost - a.cost || a.unit.localeCompare(b.unit));
  const [used, unused, eligible] = [sum('commitment_used'), sum('commitment_unused'), sum('eligible')];
  const commitment = used + unused > 0
    ? { used, unused, eligible, utilisation: used / (used + unused), coverage: eligible > 0 ? used / eligible : 0 }
    : undefined;
  return { untagged: sum('untagged'), usage, commitment };
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
