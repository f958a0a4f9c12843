import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from '../core/spend/localServer';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');
const quirks = path.join(repo, 'test', 'fixtures', 'focus', 'quirks');

function run(args: string[], cwd = repo) {
  return spawnSync(process.execPath, [cli, 'spend', ...args], { cwd, encoding: 'utf8' });
}

interface Json {
  schemaVersion: number;
  currency: string;
  from: string;
  to: string;
  groupBy: string;
  totalUsd: number;
  groups: { key: string; costUsd: number }[];
  series: { date: string; key: string; costUsd: number }[];
  forecast: { amountUsd: number; periodEnd: string };
  anomalies: { date: string; key: string }[];
  source: { kind: string; sample: boolean };
}

describe('CLI spend', () => {
  it('reads the bundled sample with no configuration, in the documented JSON contract', () => {
    const r = run(['--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Json;
    assert.equal(j.schemaVersion, 1);
    assert.equal(j.currency, 'USD');
    assert.deepEqual(j.source, { kind: 'sample', label: 'bundled sample data (FOCUS 1.2)', sample: true });
    assert.equal(j.groupBy, 'team');
    const sumGroups = j.groups.reduce((a, g) => a + g.costUsd, 0);
    assert.ok(Math.abs(sumGroups - j.totalUsd) < 0.05);
    for (const g of j.groups) {
      const fromSeries = j.series.filter((p) => p.key === g.key).reduce((a, p) => a + p.costUsd, 0);
      assert.ok(Math.abs(fromSeries - g.costUsd) < 0.5, g.key);
    }
    assert.ok(j.series.every((p) => p.date >= j.from && p.date <= j.to));
    assert.ok(j.anomalies.some((a) => a.key === 'nlp' && a.date === '2026-11-12'), JSON.stringify(j.anomalies));
    assert.equal(j.forecast.periodEnd, '2026-11-30');
  });

  it('prints the sample’s anomalies with how they were found, and no cause column when the source names no cause', () => {
    const r = run([]);
    assert.equal(r.status, 0, r.stderr);
    const block = r.stdout.slice(r.stdout.indexOf('Anomalies:')).split('\n\n')[0].split('\n');
    assert.match(block[1], /^date +team +actual +expected$/);
    assert.match(block[2], /^2026-11-12 +nlp +\$1,276\.05 +\$528\.97$/);
    assert.equal(block[3], 'Detected by modified z-score (median/MAD) over the 14 previous days, above 3.5.');
  });

  it('reads a FOCUS folder given by --path, --to inclusive, with --metric and --group-by', () => {
    const day = run(['--path', quirks, '--from', '2026-03-02', '--to', '2026-03-02', '--format', 'json']);
    assert.equal(day.status, 0, day.stderr);
    const j = JSON.parse(day.stdout) as Json;
    assert.equal(j.totalUsd, 47.25);
    const billed = JSON.parse(run(['--path', quirks, '--from', '2026-03-01', '--to', '2026-03-31', '--metric', 'billed', '--group-by', 'provider', '--format', 'json']).stdout) as Json;
    assert.deepEqual(billed.groups, [{ key: 'AWS', costUsd: 112.5 }, { key: 'Microsoft', costUsd: 50 }, { key: 'OpenAI', costUsd: 7.25 }]);
    const csv = run(['--path', quirks, '--from', '2026-03-01', '--to', '2026-03-01', '--format', 'csv']);
    assert.equal(csv.stdout, 'date,team,cost_usd\n2026-03-01,nlp,99.50\n');
  });

  it('takes the source from .finops.yml in the working folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spend-cli-'));
    try {
      writeFileSync(path.join(dir, '.finops.yml'), `spend:\n  source: focus\n  path: ${JSON.stringify(quirks)}\nbudgets:\n  teams:\n    nlp: 100\n`);
      const r = run(['--from', '2026-03-01', '--to', '2026-03-31', '--format', 'json'], dir);
      assert.equal(r.status, 0, r.stderr);
      const j = JSON.parse(r.stdout) as Json & { budgetsAreSample: boolean; source: { kind: string } };
      assert.equal(j.source.kind, 'focus');
      assert.equal(j.totalUsd, 151.75);
      assert.equal(j.budgetsAreSample, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the http contract with the token from AI_FINOPS_TOKEN, inclusive --to', async () => {
    const server = await startServer((req) => {
      if (req.headers.authorization !== 'Bearer cli-token') return { status: 401, body: { message: 'no' } };
      const from = req.url.searchParams.get('from') ?? '';
      return { body: { schemaVersion: 1, currency: 'USD', series: [{ date: from, key: 'nlp', cost: 40 }, { date: req.url.searchParams.get('to'), key: 'vision', cost: 2.5 }] } };
    });
    try {
      const child = spawn(process.execPath, [cli, 'spend', '--source', 'http', '--url', server.url, '--from', '2026-03-01', '--to', '2026-03-05', '--format', 'json'], {
        cwd: repo, env: { ...process.env, AI_FINOPS_TOKEN: 'cli-token' },
      });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0);
      const j = JSON.parse(stdout) as Json;
      assert.equal(server.requests[0].url.searchParams.get('to'), '2026-03-05');
      assert.deepEqual(j.groups, [{ key: 'nlp', costUsd: 40 }, { key: 'vision', costUsd: 2.5 }]);
      assert.equal(j.totalUsd, 42.5);
    } finally {
      await server.close();
    }
  });

  it('never prints the token from AI_FINOPS_TOKEN, even when the service echoes it in an error', async () => {
    const token = `planted-cli-${process.pid}-${Date.now()}`;
    const server = await startServer((req) => ({ status: 401, body: { message: `rejected ${req.headers.authorization ?? 'no header'}` } }));
    try {
      const child = spawn(process.execPath, [cli, 'spend', '--source', 'http', '--url', server.url, '--format', 'json'], {
        cwd: repo, env: { ...process.env, AI_FINOPS_TOKEN: token },
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 1);
      assert.equal(server.requests[0].headers.authorization, `Bearer ${token}`);
      assert.match(output, /the spend service at http:\/\/127\.0\.0\.1:\d+ answered 401: rejected Bearer \[redacted\]/);
      assert.ok(!output.includes(token), output);
    } finally {
      await server.close();
    }
  });

  it('fails with a clear message on a corrupt export, and with 2 on bad arguments', () => {
    const r = run(['--path', path.join(repo, 'test', 'fixtures', 'focus', 'corrupt', 'broken-export.csv.gz')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot read FOCUS data at .*broken-export\.csv\.gz/);
    assert.equal(r.stdout, '');
    assert.equal(run(['--group-by', 'colour']).status, 2);
    assert.equal(run(['--from', '2026-13-01']).status, 2);
    assert.equal(run(['--from', '2026-03-05', '--to', '2026-03-01']).status, 2);
  });

  it('groups by a FOCUS column or any tag key, names the files read, and prints the unit costs the panel shows', () => {
    const byTag = run(['--path', quirks, '--from', '2026-03-01', '--to', '2026-03-31', '--group-by', 'tag:project', '--format', 'json']);
    assert.equal(byTag.status, 0, byTag.stderr);
    const j = JSON.parse(byTag.stdout) as Json & { files: { summary: string; used: string[] }; usage: { unit: string; unitCost: { label: string } | null }[] };
    assert.equal(j.groupBy, 'tag:project');
    assert.deepEqual(j.groups.map((g) => g.key).sort(), ['(untagged)', 'summarizer']);
    assert.equal(j.files.summary, '1 file read');
    assert.deepEqual(j.files.used.map((f) => path.basename(f)), ['export-2026-03.csv']);
    const table = run(['--path', quirks, '--from', '2026-03-01', '--to', '2026-03-31', '--group-by', 'provider']);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^Files: 1 file read$/m);
    for (const u of j.usage.filter((x) => x.unitCost)) assert.match(table.stdout, new RegExp(`per ${u.unitCost?.label}`));
    assert.equal(run(['--group-by', 'tag:']).status, 2);
  });
});

describe('CLI spend: the token goes only to the origin it is meant for', () => {
  const series = { schemaVersion: 1, currency: 'USD', series: [{ date: '2026-03-01', key: 'nlp', cost: 1 }] };

  async function spendIn(dir: string, env: Record<string, string>, args: string[] = []) {
    const child = spawn(process.execPath, [cli, 'spend', '--from', '2026-03-01', '--to', '2026-03-01', '--format', 'json', ...args], { cwd: dir, env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stderr };
  }

  it('sends no AI_FINOPS_TOKEN to a URL that only .finops.yml names, and says why', async () => {
    const server = await startServer(() => ({ body: series }));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spend-origin-'));
    try {
      writeFileSync(path.join(dir, '.finops.yml'), `spend:\n  source: http\n  url: ${server.url}\n`);
      const r = await spendIn(dir, { AI_FINOPS_TOKEN: 'kept-for-another-origin', AI_FINOPS_TOKEN_ORIGIN: 'https://spend.example.com' });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(server.requests.length > 0);
      assert.deepEqual(server.requests.map((q) => q.headers.authorization).filter(Boolean), []);
      assert.match(r.stderr, /AI_FINOPS_TOKEN not sent to http:\/\/127\.0\.0\.1:\d+: that origin comes from \.finops\.yml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });

  it('sends it when AI_FINOPS_TOKEN_ORIGIN names that origin, or when --url gives it', async () => {
    const server = await startServer(() => ({ body: series }));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spend-origin-'));
    try {
      writeFileSync(path.join(dir, '.finops.yml'), `spend:\n  source: http\n  url: ${server.url}/v1\n`);
      const origin = new URL(server.url).origin;
      assert.equal((await spendIn(dir, { AI_FINOPS_TOKEN: 'tok-1', AI_FINOPS_TOKEN_ORIGIN: `${origin}/` })).code, 0);
      assert.equal((await spendIn(dir, { AI_FINOPS_TOKEN: 'tok-2' }, ['--url', server.url])).code, 0);
      assert.deepEqual([...new Set(server.requests.map((q) => q.headers.authorization))], ['Bearer tok-1', 'Bearer tok-2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });
});
