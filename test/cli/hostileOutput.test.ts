import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from '../core/spend/localServer';
import { CSV_INJECTION, MARKDOWN_INJECTION, TERMINAL_INJECTION } from '../core/robustness/hostileShapes';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');

/** A priced pod whose name carries `name`, and a tf resource whose instance type carries `sku`. */
function hostileFolder(name: string, sku: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-out-'));
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeSelector: { 'node.kubernetes.io/instance-type': 'g5.xlarge' }, containers: [{ name: 'c' }] } };
  writeFileSync(path.join(dir, 'pod.json'), JSON.stringify(pod));
  writeFileSync(path.join(dir, 'main.tf'), `resource "aws_instance" "gpu" {\n  instance_type = ${JSON.stringify(sku)}\n}\nresource "aws_instance" "real" {\n  instance_type = "p4d.24xlarge"\n}\n`);
  return dir;
}

describe('CLI output of hostile names', () => {
  it('scan --format markdown: a CR and <!-- in a name hide no row and fake no line', () => {
    const dir = hostileFolder(MARKDOWN_INJECTION, `g5.xlarge${MARKDOWN_INJECTION}`);
    try {
      const r = spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'markdown'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /<!--|\r/);
      assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('> Monthly cost')), r.stdout);
      // Every priced item is a row of the one table, the real one included; the unpriced one is
      // a line of its own under "Not priced", escaped there too.
      const rows = r.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Location'));
      assert.equal(rows.length, 2, r.stdout);
      assert.ok(rows.some((l) => l.includes('aws_instance.real') && l.includes('p4d.24xlarge')));
      const unpriced = r.stdout.split('\n').filter((l) => l.startsWith('- <code>main.tf:1</code>'));
      assert.equal(unpriced.length, 1, r.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scan (table): escape sequences in names reach the terminal as visible text', () => {
    const dir = hostileFolder(TERMINAL_INJECTION, `g5.xlarge${TERMINAL_INJECTION}`);
    try {
      const r = spawnSync(process.execPath, [cli, 'scan', dir], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      assert.match(r.stdout, /\\x1b\[2J\\x1b\[H\\x1b\]0;owned\\x07fake/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spend --format csv guards formula cells from the billing source', async () => {
    const server = await startServer(() => ({
      body: { schemaVersion: 1, currency: 'USD', series: [{ date: '2026-03-01', key: CSV_INJECTION, cost: 1 }, { date: '2026-03-01', key: '@SUM(1+1)', cost: 2 }, { date: '2026-03-01', key: 'nlp', cost: 3 }] },
    }));
    try {
      const child = spawn(process.execPath, [cli, 'spend', '--source', 'http', '--url', server.url, '--from', '2026-03-01', '--to', '2026-03-01', '--format', 'csv'], { cwd: repo });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      assert.equal(await new Promise<number | null>((resolve) => child.on('close', resolve)), 0);
      const cells = stdout.trim().split('\n').slice(1).map((l) => l.split(',')[1]);
      assert.deepEqual(cells.sort(), ["'=cmd|' /C calc'!A0", "'@SUM(1+1)", 'nlp']);
    } finally {
      await server.close();
    }
  });
});
