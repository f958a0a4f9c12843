import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDuckDb } from '../../../src/core/spend/focus/duckdb';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import { SpendSourceError, type SpendQuery } from '../../../src/core/spend/types';

const quirks = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'focus', 'quirks', 'export-2026-03.csv');
const QUERY: SpendQuery = { from: '2026-03-01', to: '2026-03-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };

/** A Parquet export of `days` daily rows, as DuckDB writes it. */
async function writeParquet(file: string, days: number): Promise<void> {
  const db = await openDuckDb();
  await db.all(`COPY (SELECT TIMESTAMPTZ '2026-03-01 00:00:00+00' + to_days(i::INTEGER) AS ChargePeriodStart, (i % 7 + 1)::DOUBLE AS EffectiveCost,
    (i % 7 + 2)::DOUBLE AS BilledCost, 'Amazon Web Services' AS ProviderName, 'Amazon SageMaker' AS ServiceName,
    '{"team":"nlp","note":"' || repeat('x', 200) || '"}' AS Tags FROM range(${days}) t(i)) TO '${file}' (FORMAT parquet)`);
  await db.close();
}

function rejectsNaming(p: string) {
  return (e: Error) => e instanceof SpendSourceError && e.message.startsWith(`cannot read FOCUS data at ${p}`) && !/\n/.test(e.message);
}

describe('FOCUS backend on damaged and vanishing exports', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'focus-faults-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a Parquet file cut short (no footer) into one clear line naming the file', async () => {
    const file = path.join(dir, 'part-0.parquet');
    await writeParquet(file, 31);
    const whole = readFileSync(file).length;
    truncateSync(file, Math.floor(whole * 0.6));
    const b = new FocusBackend({ path: file });
    await assert.rejects(b.query(QUERY), rejectsNaming(file));
    await b.dispose();
  });

  it('refuses a gzip CSV cut mid-stream, which DuckDB alone would read in part without a word', async () => {
    const [header, ...rows] = readFileSync(quirks, 'utf8').trimEnd().split('\n');
    // Large enough that the cut falls well after the rows DuckDB samples to sniff the dialect.
    const body = Array.from({ length: 4000 }, (_, i) => rows[i % rows.length]).join('\n');
    const gz = gzipSync(`${header}\n${body}\n`);
    const file = path.join(dir, 'export.csv.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
    const b = new FocusBackend({ path: dir });
    await assert.rejects(b.query(QUERY), (e: Error) => e instanceof SpendSourceError && e.message === `cannot read FOCUS data at ${file}: gzip: the file is cut short`);
    await b.dispose();
  });

  it('refuses a plain CSV cut mid-row with a message that says so', async () => {
    const lines = readFileSync(quirks, 'utf8').trimEnd().split('\n');
    // The last row ends half way through, as when an export is still being written.
    const last = lines[lines.length - 1];
    writeFileSync(path.join(dir, 'export.csv'), `${lines.slice(0, -1).join('\n')}\n${last.slice(0, Math.floor(last.length / 3))}`);
    const b = new FocusBackend({ path: dir });
    await assert.rejects(b.query(QUERY), (e: Error) => rejectsNaming(dir)(e) && /a row cut short/.test(e.message));
    await b.dispose();
  });

  it('searches the path again when the export folder disappears, and says it is gone', async () => {
    const exports = path.join(dir, 'exports');
    mkdirSync(exports);
    copyFileSync(quirks, path.join(exports, 'export-2026-03.csv'));
    const b = new FocusBackend({ path: exports });
    try {
      const first = await b.query(QUERY);
      assert.ok(first.total > 0);
      rmSync(exports, { recursive: true });
      // Each query reads the files: the one after they went looks for them again and says what is wrong.
      await assert.rejects(b.query(QUERY), (e: Error) => e instanceof SpendSourceError && e.message === `FOCUS path not found: ${exports}`);
      // The failure is not cached: once the files are back, the next query reads them.
      mkdirSync(exports);
      copyFileSync(quirks, path.join(exports, 'export-2026-03.csv'));
      assert.equal((await b.query(QUERY)).total, first.total);
    } finally {
      await b.dispose();
    }
  });

  it('says so when a file is replaced by garbage between two reads', async () => {
    const file = path.join(dir, 'data.parquet');
    await writeParquet(file, 10);
    const b = new FocusBackend({ path: dir });
    try {
      assert.ok((await b.query(QUERY)).total > 0);
      writeFileSync(file, Buffer.from('PAR1 this is not parquet at all'));
      await b.reload();
      await assert.rejects(b.query(QUERY), rejectsNaming(dir));
    } finally {
      await b.dispose();
    }
  });
});
