import table from '../../../data/training-datasets.json';
import type { DatasetRef } from './trainingPlan';

interface DatasetRow {
  id: string;
  split: string;
  rows: number;
  rounded?: boolean;
  bytes?: number;
  source: string;
  aliases?: string[];
}

const ROWS: readonly DatasetRow[] = table.datasets;

/** One dataset's size as the bundled table gives it. */
export interface DatasetSize {
  id: string;
  rows: number;
  /** Estimated tokens, only where the table has the split's bytes. */
  tokens?: number;
  note: string;
}

/** The bundled row for a Hub id or torchtune builder, case-insensitive; undefined when not in the table. */
export function datasetSize(ref: DatasetRef): DatasetSize | undefined {
  const want = ref.id.trim().toLowerCase();
  const row = ROWS.find((r) => r.id.toLowerCase() === want || r.aliases?.some((a) => a.toLowerCase() === want));
  if (!row) return undefined;
  const share = ref.fraction ?? 1;
  const rows = Math.round(row.rows * share);
  const tokens = row.bytes === undefined ? undefined : Math.round(row.bytes * table.tokensPerByte * share);
  const shareNote = share === 1 ? '' : ` × weight ${share}`;
  const tokenNote = tokens === undefined ? '' : `; ≈${tokens.toExponential(2)} tokens = ${row.bytes} bytes ÷ 4 (${table.tokensPerByteSource})`;
  const splitNote = ref.split && ref.split !== row.split ? ` (the table has split ${row.split}; the config reads ${ref.split})` : '';
  return {
    id: row.id,
    rows,
    tokens,
    note: `${row.id}: ${row.rounded ? '≈' : ''}${row.rows.toLocaleString('en-US')} rows in ${row.split}${shareNote}${tokenNote}${splitNote} (${row.source})`,
  };
}
