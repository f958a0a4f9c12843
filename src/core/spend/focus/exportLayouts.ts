import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Which files of an export folder hold the current bill. Cloud exports deliver the same
 * billing period again and again; summing every delivery counts the period several times.
 *
 * - AWS Data Exports (FOCUS, CUR 2.0): `<export>/data/BILLING_PERIOD=YYYY-MM/…`, with
 *   `<export>/metadata/BILLING_PERIOD=YYYY-MM/…Manifest.json` listing the period's files.
 *   "Overwrite" keeps one delivery in the period folder; "create new" adds one sub-folder
 *   per delivery. The newest manifest's `dataFiles` win; without one, the newest delivery.
 * - Azure Cost Management exports: `<export>/<YYYYMMDD-YYYYMMDD>/<run>/<guid>/part_*.csv`
 *   (or files directly in `<run>`): one folder per run, the latest run per billing period.
 * - GCP's FOCUS view, exported from BigQuery (`…-000000000000.parquet` shards), and any
 *   other folder of files: every file, as it is one snapshot.
 */

export type Layout = 'aws-data-exports' | 'azure-cost-export' | 'bigquery-export' | 'files';

export interface FileSelection {
  used: string[];
  /** Older deliveries of a period, left out. */
  skipped: string[];
  layouts: Layout[];
  /** One line for the panel and the CLI: what was recognised and what was left out. */
  summary: string;
}

const AWS_PERIOD = /^BILLING_PERIOD=\d{4}-\d{2}$/;
const AZURE_RANGE = /^\d{8}-\d{8}$/;
const BIGQUERY_SHARD = /-\d{12}\.(csv|csv\.gz|parquet)$/i;

interface Delivery {
  /** The export and period the file belongs to, e.g. `…/focus/data/BILLING_PERIOD=2026-03`. */
  period: string;
  /** The delivery within it ('' for files directly in the period folder). */
  delivery: string;
  layout: Layout;
}

/** Where a file sits in a known layout, from its path relative to the searched folder. */
function deliveryOf(root: string, file: string): Delivery {
  const parts = path.relative(root, file).split(path.sep);
  const full = file.split(path.sep);
  const offset = full.length - parts.length;
  for (let i = parts.length - 2; i >= 0; i--) {
    const periodDir = full.slice(0, offset + i + 1).join(path.sep);
    if (AWS_PERIOD.test(parts[i]) && parts[i - 1] === 'data') {
      return { period: periodDir, delivery: i + 2 < parts.length ? parts[i + 1] : '', layout: 'aws-data-exports' };
    }
    if (AZURE_RANGE.test(parts[i]) && i + 2 < parts.length) return { period: periodDir, delivery: parts[i + 1], layout: 'azure-cost-export' };
  }
  return { period: path.dirname(file), delivery: '', layout: BIGQUERY_SHARD.test(file) ? 'bigquery-export' : 'files' };
}

/** The files the newest AWS manifest of a period lists, when it has one and they are here. */
async function manifestFiles(periodDir: string, present: readonly string[]): Promise<string[] | undefined> {
  const exportDir = path.dirname(path.dirname(periodDir));
  const metadata = path.join(exportDir, 'metadata', path.basename(periodDir));
  const manifests = (await listFiles(metadata)).filter((f) => /manifest\.json$/i.test(f)).sort();
  const newest = manifests[manifests.length - 1];
  if (!newest) return undefined;
  let keys: unknown;
  try {
    keys = (JSON.parse(await fs.readFile(newest, 'utf8')) as { dataFiles?: unknown }).dataFiles;
  } catch {
    return undefined;
  }
  if (!Array.isArray(keys)) return undefined;
  const wanted = keys.filter((k): k is string => typeof k === 'string').map((k) => k.replace(/^s3:\/\/[^/]+\//, ''));
  const found = present.filter((f) => wanted.some((k) => k.endsWith(toPosix(path.relative(exportDir, f))) || k.endsWith(`/${path.basename(f)}`)));
  return found.length === wanted.length && found.length > 0 ? found : undefined;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

const LABEL: Record<Layout, string> = {
  'aws-data-exports': 'AWS Data Exports',
  'azure-cost-export': 'Azure cost export',
  'bigquery-export': 'BigQuery export',
  files: 'files',
};

/** The newest delivery of each billing period under `root`, from the data files found there. */
export async function selectExportFiles(root: string, files: readonly string[]): Promise<FileSelection> {
  const byPeriod = new Map<string, { layout: Layout; deliveries: Map<string, string[]> }>();
  for (const file of files) {
    const d = deliveryOf(root, file);
    const period = byPeriod.get(d.period) ?? { layout: d.layout, deliveries: new Map<string, string[]>() };
    period.deliveries.set(d.delivery, [...(period.deliveries.get(d.delivery) ?? []), file]);
    byPeriod.set(d.period, period);
  }
  const used: string[] = [];
  const skipped: string[] = [];
  const periods = new Map<Layout, number>();
  for (const [dir, { layout, deliveries }] of byPeriod) {
    periods.set(layout, (periods.get(layout) ?? 0) + 1);
    const all = [...deliveries.values()].flat();
    const listed = layout === 'aws-data-exports' ? await manifestFiles(dir, all) : undefined;
    // Delivery folders are named by time (AWS, Azure run timestamps), so the greatest name is the newest.
    const newest = listed ?? (layout === 'files' || layout === 'bigquery-export' ? all : deliveries.get([...deliveries.keys()].sort().pop() ?? '') ?? []);
    used.push(...newest);
    skipped.push(...all.filter((f) => !newest.includes(f)));
  }
  const layouts = [...periods.keys()].sort();
  const known = layouts.filter((l) => l !== 'files').map((l) => `${LABEL[l]} (${periods.get(l)} period${periods.get(l) === 1 ? '' : 's'})`);
  const summary = `${used.length} file${used.length === 1 ? '' : 's'} read${known.length ? ` from ${known.join(', ')}` : ''}`
    + `${skipped.length ? `; ${skipped.length} older deliver${skipped.length === 1 ? 'y' : 'ies'} of the same periods left out` : ''}`;
  return { used: used.sort(), skipped: skipped.sort(), layouts, summary };
}
