import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openDuckDb } from '../../../src/core/spend/focus/duckdb';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import { sampleBackend, sampleDataPath } from '../../../src/core/spend/sampleData';
import { SpendSourceError, type SpendQuery } from '../../../src/core/spend/types';

const fixtures = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'focus');

function query(over: Partial<SpendQuery> = {}): SpendQuery {
  return { from: '2026-03-01', to: '2026-03-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {}, ...over };
}

function byKey(groups: { key: string; cost: number }[]): Record<string, number> {
  return Object.fromEntries(groups.map((g) => [g.key, Math.round(g.cost * 100) / 100]));
}

/** A plain CSV reader for the generator's output (quoted fields, doubled quotes), to check DuckDB against. */
function parseCsv(text: string): Record<string, string>[] {
  const rows = text.trim().split('\n').map((line) => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (c === ',' && !quoted) {
        cells.push(cur);
        cur = '';
      } else {
        cur += c;
      }
    }
    cells.push(cur);
    return cells;
  });
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

describe('FOCUS backend on DuckDB', () => {
  it('reads the quirks of real exports: text NULL, T/Z and plain timestamps, mixed case, spaced tag keys, user: prefix, bad JSON', async () => {
    const b = new FocusBackend({ path: path.join(fixtures, 'quirks') });
    try {
      const r = await b.query(query());
      assert.deepEqual(byKey(r.groups), { nlp: 99.5, vision: 40, '(untagged)': 12.25 });
      assert.equal(Math.round(r.total * 100), 15175);
      const perDay = new Map<string, number>();
      for (const p of r.series) perDay.set(p.date, (perDay.get(p.date) ?? 0) + p.cost);
      assert.deepEqual([...perDay], [['2026-03-01', 99.5], ['2026-03-02', 47.25], ['2026-03-03', 5]]);
      assert.equal(r.untaggedCost, 12.25);
      const billed = await b.query(query({ metric: 'billed', groupBy: 'project' }));
      assert.deepEqual(byKey(billed.groups), { summarizer: 110.5, '(untagged)': 59.25 });
      const providers = await b.query(query({ groupBy: 'provider', filters: { team: ['NLP', 'vision'] } }));
      assert.deepEqual(byKey(providers.groups), { AWS: 99.5, Microsoft: 40 });
    } finally {
      await b.dispose();
    }
  });

  it('says which metric an export lacks instead of summing zeros', async () => {
    const b = new FocusBackend({ path: path.join(fixtures, 'quirks', 'export-2026-03.csv') });
    try {
      await assert.rejects(b.query(query({ metric: 'list' })), (e: Error) => e instanceof SpendSourceError && /ListCost/.test(e.message));
    } finally {
      await b.dispose();
    }
  });

  it('turns a corrupt gzip or Parquet file into a clear error naming the source', async () => {
    for (const file of ['broken-export.csv.gz', 'broken.parquet']) {
      const p = path.join(fixtures, 'corrupt', file);
      const b = new FocusBackend({ path: p });
      await assert.rejects(b.query(query()), (e: Error) => e instanceof SpendSourceError && e.message.includes(p), file);
      await b.dispose();
    }
    const missing = new FocusBackend({ path: path.join(fixtures, 'no-such-folder') });
    await assert.rejects(missing.query(query()), /not found/);
    const notFocus = new FocusBackend({ path: path.join(fixtures, '..', 'broken-terraform', '*.csv') });
    await assert.rejects(notFocus.query(query()), /no FOCUS export files/);
    const remote = new FocusBackend({ path: 'https://example.com/exports/*.parquet' });
    await assert.rejects(remote.query(query()), /not a URL/);
  });

  it('reads a folder mixing FOCUS 1.3 Parquet (Tags as MAP, ServiceProviderName) and gzip CSV in dated sub-folders', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'focus-'));
    try {
      mkdirSync(path.join(dir, '2026-04', 'part'), { recursive: true });
      const db = await openDuckDb();
      const parquet = path.join(dir, '2026-04', 'part', 'data.parquet');
      await db.all(`COPY (SELECT TIMESTAMPTZ '2026-04-01 00:00:00+00' AS ChargePeriodStart, 12.5::DOUBLE AS EffectiveCost, 13::DOUBLE AS BilledCost,
        'Amazon Web Services' AS ServiceProviderName, 'Amazon Bedrock' AS ServiceName, MAP {'user:team': 'recsys', 'model': 'nova-pro'} AS Tags
        UNION ALL SELECT TIMESTAMPTZ '2026-04-02 00:00:00+00', 7.5, 8, 'Amazon Web Services', 'Amazon Bedrock', MAP {'team': 'nlp'})
        TO '${parquet}' (FORMAT parquet)`);
      db.close();
      const csv = 'ChargePeriodStart,EffectiveCost,BilledCost,ProviderName,ServiceName,Tags\n2026-04-02T00:00:00Z,5,5,OpenAI,OpenAI API,"{""team"":""nlp""}"\n';
      writeFileSync(path.join(dir, '2026-04', 'openai.csv.gz'), gzipSync(csv));
      const b = new FocusBackend({ path: dir });
      const teams = await b.query(query({ from: '2026-04-01', to: '2026-04-30' }));
      assert.deepEqual(byKey(teams.groups), { nlp: 12.5, recsys: 12.5 });
      const providers = await b.query(query({ from: '2026-04-01', to: '2026-04-30', groupBy: 'provider' }));
      assert.deepEqual(byKey(providers.groups), { 'Amazon Web Services': 20, OpenAI: 5 });
      const models = await b.query(query({ from: '2026-04-02', to: '2026-04-02', groupBy: 'model' }));
      assert.deepEqual(byKey(models.groups), { '(untagged)': 12.5 });
      await b.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('totals the bundled sample exactly as the file adds up, by team, and flags its idle endpoint', async () => {
    const rows = parseCsv(gunzipSync(readFileSync(sampleDataPath())).toString('utf8'));
    const expected = new Map<string, number>();
    let last = '';
    for (const row of rows) {
      const team = (JSON.parse(row.Tags) as { team?: string }).team ?? '(untagged)';
      expected.set(team, (expected.get(team) ?? 0) + Number(row.EffectiveCost));
      if (row.ChargePeriodStart > last) last = row.ChargePeriodStart;
    }
    const b = sampleBackend();
    try {
      assert.equal(b.source.sample, true);
      const end = await b.dataEnd();
      assert.equal(end, last.slice(0, 10));
      const r = await b.query(query({ from: '2000-01-01', to: end ?? '' }));
      assert.deepEqual(byKey(r.groups), byKey([...expected].map(([key, cost]) => ({ key, cost }))));
      assert.deepEqual(new Set(r.groups.map((g) => g.key)), new Set(['nlp', 'vision', 'recsys', 'platform', '(untagged)']));
      const idle = (r.resources ?? []).filter((x) => x.idleReason);
      assert.deepEqual(idle.map((x) => x.name), ['recsys-ranker-staging']);
      assert.ok((r.resources ?? []).some((x) => x.untagged && x.name === 'gpu-scratch'));
      assert.ok((r.usage ?? []).some((u) => u.unit === '1K Tokens' && u.quantity > 0));
      assert.ok(!(r.usage ?? []).some((u) => /month|hour/i.test(u.unit)), 'time and storage units are not work');
    } finally {
      await b.dispose();
    }
  });
});
