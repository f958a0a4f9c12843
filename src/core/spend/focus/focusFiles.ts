import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { SpendSourceError } from '../types';
import type { SqlConnection } from './duckdb';
import { selectExportFiles, type FileSelection } from './exportLayouts';
import { sqlString } from './focusSql';

export interface FocusFiles {
  csv: string[];
  parquet: string[];
  /** For a folder: which deliveries were read and which older ones were left out. */
  selection?: FileSelection;
}

const CSV = /\.csv(\.gz|\.gzip)?$/i;
const PARQUET = /\.parquet$/i;
const GLOB_CHARS = /[*?[]/;

/**
 * The FOCUS files a `path` setting names: one file, a glob, or the export files under a
 * folder, of which only each billing period's newest delivery (`exportLayouts.ts`).
 */
export async function findFocusFiles(db: SqlConnection, spec: string): Promise<FocusFiles> {
  // DuckDB would fetch http(s)://, s3://... itself; exports are read from local disk only.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new SpendSourceError(`FOCUS path must be a local file, folder or glob, not a URL: ${spec}`);
  let patterns: string[];
  if (GLOB_CHARS.test(spec)) {
    patterns = [spec];
  } else {
    const stat = await fs.stat(spec).catch(() => undefined);
    if (!stat) throw new SpendSourceError(`FOCUS path not found: ${spec}`);
    patterns = stat.isDirectory() ? ['csv', 'csv.gz', 'parquet'].map((ext) => path.join(spec, '**', `*.${ext}`)) : [spec];
  }
  const files = new Set<string>();
  for (const pattern of patterns) {
    const rows = await db.all('SELECT file FROM glob($1)', [pattern]);
    for (const r of rows) files.add(String(r.file));
  }
  const found = [...files].filter((f) => CSV.test(f) || PARQUET.test(f)).sort();
  // A folder is an export destination: each billing period's newest delivery only.
  const selection = patterns.length > 1 && found.length ? await selectExportFiles(spec, found) : undefined;
  const sorted = selection?.used ?? found;
  const result = { csv: sorted.filter((f) => CSV.test(f)), parquet: sorted.filter((f) => PARQUET.test(f)), selection };
  if (result.csv.length + result.parquet.length === 0) {
    throw new SpendSourceError(`no FOCUS export files (.csv, .csv.gz, .parquet) in ${spec}`);
  }
  return result;
}

/** Parquet columns to read as JSON text (AWS writes Tags as a MAP), so they union with CSV's text. */
export async function nestedParquetColumns(db: SqlConnection, files: FocusFiles): Promise<string[]> {
  if (!files.parquet.length) return [];
  const rows = await db.all(`DESCRIBE SELECT * FROM ${readParquet(files.parquet)}`);
  return rows.filter((r) => /^(MAP|STRUCT)/i.test(String(r.column_type))).map((r) => String(r.column_name));
}

function readParquet(files: string[]): string {
  return `read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true)`;
}

/** The SELECT that reads every file as one relation, columns matched by name across versions. */
export function readFilesSql(files: FocusFiles, nestedColumns: string[] = []): string {
  const list = (fs: string[]) => `[${fs.map(sqlString).join(', ')}]`;
  const parts: string[] = [];
  if (files.csv.length) {
    // all_varchar: exports mix number formats and the text NULL; focusSql casts with TRY_CAST.
    // The dialect is FOCUS's (RFC 4180, comma): left to the sniffer, a file cut mid-row reads as one column.
    parts.push(
      `SELECT * FROM read_csv(${list(files.csv)}, header = true, all_varchar = true, union_by_name = true, nullstr = ['NULL', ''], delim = ',', quote = '"', escape = '"')`,
    );
  }
  if (files.parquet.length) {
    const quoted = (c: string) => `"${c.replace(/"/g, '""')}"`;
    const replace = nestedColumns.map((c) => `CAST(to_json(${quoted(c)}) AS VARCHAR) AS ${quoted(c)}`);
    parts.push(`SELECT * ${replace.length ? `REPLACE (${replace.join(', ')}) ` : ''}FROM ${readParquet(files.parquet)}`);
  }
  return parts.join('\nUNION ALL BY NAME\n');
}

const GZIP = /\.(gz|gzip)$/i;

/**
 * DuckDB reads a gzip file cut short (an export still being written, a partial download)
 * as far as it goes and says nothing; decompressing it once here finds the missing end.
 */
export async function verifyGzipFiles(files: FocusFiles): Promise<void> {
  for (const file of files.csv.filter((f) => GZIP.test(f))) {
    const discard = new Writable({ write: (_chunk, _enc, done) => done() });
    try {
      await pipeline(createReadStream(file), createGunzip(), discard);
    } catch (e) {
      const reason = (e as { code?: string }).code === 'Z_BUF_ERROR' ? 'the file is cut short' : (e as Error).message;
      throw new SpendSourceError(`cannot read FOCUS data at ${file}: gzip: ${reason}`);
    }
  }
}
