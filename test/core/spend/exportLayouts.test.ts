import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import type { SpendQuery } from '../../../src/core/spend/types';

const QUERY: SpendQuery = { from: '2026-02-01', to: '2026-03-31', granularity: 'month', groupBy: 'team', metric: 'effective', filters: {} };

/** One FOCUS CSV delivery: a row per day of its month, each costing `cost`. */
function delivery(file: string, month: string, days: number, cost: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const rows = Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}T00:00:00Z,${cost},USD,"{""team"":""nlp""}"`);
  writeFileSync(file, `ChargePeriodStart,EffectiveCost,BillingCurrency,Tags\n${rows.join('\n')}\n`);
}

describe('export folders: each billing period read once, from its newest delivery', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'export-layouts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function read(root: string) {
    const b = new FocusBackend({ path: root });
    try {
      return await b.query(QUERY);
    } finally {
      await b.dispose();
    }
  }

  it('AWS Data Exports, create-new deliveries: the newest delivery folder of each period', async () => {
    const data = path.join(dir, 'focus-export', 'data');
    delivery(path.join(data, 'BILLING_PERIOD=2026-02', '20260301T020000Z-a1', 'focus-export-00001.csv'), '2026-02', 28, 1);
    delivery(path.join(data, 'BILLING_PERIOD=2026-02', '20260305T020000Z-b2', 'focus-export-00001.csv'), '2026-02', 28, 2);
    delivery(path.join(data, 'BILLING_PERIOD=2026-03', '20260310T020000Z-c3', 'focus-export-00001.csv'), '2026-03', 9, 3);
    const r = await read(dir);
    assert.equal(r.total, 28 * 2 + 9 * 3);
    assert.equal(r.files?.used.length, 2);
    assert.deepEqual(r.files?.skipped.map((f) => path.basename(path.dirname(f))), ['20260301T020000Z-a1']);
    assert.equal(r.files?.summary, '2 files read from AWS Data Exports (2 periods); 1 older delivery of the same periods left out');
  });

  it('AWS Data Exports: the newest manifest names the files of its period', async () => {
    const exportDir = path.join(dir, 'focus-export');
    const period = path.join(exportDir, 'data', 'BILLING_PERIOD=2026-03');
    delivery(path.join(period, 'focus-export-00001.csv'), '2026-03', 10, 1);
    delivery(path.join(period, 'focus-export-00002.csv'), '2026-03', 10, 5);
    mkdirSync(path.join(exportDir, 'metadata', 'BILLING_PERIOD=2026-03'), { recursive: true });
    writeFileSync(path.join(exportDir, 'metadata', 'BILLING_PERIOD=2026-03', 'focus-export-Manifest.json'), JSON.stringify({
      billingPeriod: { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' },
      dataFiles: ['s3://billing-bucket/exports/focus-export/data/BILLING_PERIOD=2026-03/focus-export-00002.csv'],
    }));
    const r = await read(exportDir);
    assert.equal(r.total, 50);
    assert.deepEqual(r.files?.used.map((f) => path.basename(f)), ['focus-export-00002.csv']);
  });

  it('Azure cost exports: the latest run of each billing period, with its part files', async () => {
    const exp = path.join(dir, 'costs', 'focus-daily');
    delivery(path.join(exp, '20260201-20260228', '202603011200', 'a-guid', 'part_0_0001.csv'), '2026-02', 28, 1);
    delivery(path.join(exp, '20260201-20260228', '202603031200', 'b-guid', 'part_0_0001.csv'), '2026-02', 14, 2);
    delivery(path.join(exp, '20260201-20260228', '202603031200', 'b-guid', 'part_1_0001.csv'), '2026-02', 14, 2);
    delivery(path.join(exp, '20260301-20260331', '202603101200', 'c-guid', 'part_0_0001.csv'), '2026-03', 9, 1);
    const r = await read(dir);
    assert.equal(r.total, 14 * 2 * 2 + 9);
    assert.equal(r.files?.used.length, 3);
    assert.equal(r.files?.skipped.length, 1);
    assert.match(r.files?.summary ?? '', /^3 files read from Azure cost export \(2 periods\); 1 older delivery/);
  });

  it('a BigQuery export of the FOCUS view: every shard', async () => {
    delivery(path.join(dir, 'focus-000000000000.csv'), '2026-03', 5, 1);
    delivery(path.join(dir, 'focus-000000000001.csv'), '2026-02', 5, 1);
    const r = await read(dir);
    assert.equal(r.total, 10);
    assert.equal(r.files?.summary, '2 files read from BigQuery export (1 period)');
  });

  it('a single file is read as given and named', async () => {
    const file = path.join(dir, 'march.csv');
    delivery(file, '2026-03', 3, 1);
    const r = await read(file);
    assert.deepEqual(r.files, { what: 'files', summary: '1 file read', used: [file], skipped: [] });
  });
});
