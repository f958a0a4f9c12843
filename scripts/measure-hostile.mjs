// Runs the CLI on each hostile repository shape (generated into a temporary folder, never
// committed) under /usr/bin/time -v and prints wall time, peak RSS, the exit code and what
// the output says: the figures of the README's Security section.
// Usage: npm run build && npm run compile-tests && node scripts/measure-hostile.mjs
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const shapes = require(path.join(repo, 'out', 'test', 'core', 'robustness', 'hostileShapes.js'));
const cli = path.join(repo, 'dist', 'cli.js');

function folder(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A service streaming a 2 GB JSON body until the client hangs up. */
function floodServer() {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"schemaVersion":1,"series":["');
    let sent = 0;
    const pump = () => {
      while (sent < 2 * 1024 ** 3 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function timed(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, cli, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => {
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
      const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
      // CPU time does not grow with other processes on the machine; wall time does.
      const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]);
      resolve({ code, stdout, stderr, seconds, cpu, rssMb: rssKb / 1024 });
    });
  });
}

function scanSays(stdout) {
  const r = JSON.parse(stdout);
  const bounded = [...r.unpriced.map((u) => u.reason), ...r.errors.map((e) => e.message)].find((m) => /bound|limit|not expanded|not read/.test(m)) ?? '';
  return `${r.items.length} items (${r.items.filter((i) => i.monthlyUsd > 0).length} priced), ${bounded.slice(0, 90)}`;
}

const CASES = [
  ['kind: List, 8,700 pods', () => ({ dir: folder({ 'pods.json': shapes.kubernetesPodList(8700), 'main.tf': shapes.PRICED_TF }), args: ['scan', '.', '--format', 'json'], says: scanSays })],
  ['module calling itself, for_each over 30 keys', () => ({ dir: folder({ 'main.tf': shapes.selfRecursiveModule(30) }), args: ['scan', '.', '--format', 'json'], says: scanSays })],
  ['nested for over a 3,000-element local', () => ({ dir: folder({ 'main.tf': shapes.nestedForLocal(3000) }), args: ['scan', '.', '--format', 'json'], says: scanSays })],
  ['locals doubling a list 40 times', () => ({ dir: folder({ 'main.tf': shapes.doublingLocals(40) }), args: ['scan', '.', '--format', 'json'], says: scanSays })],
  ['50 MB sibling .tf', () => ({ dir: folder({ 'main.tf': shapes.PRICED_TF, 'generated.tf': shapes.largeTf(50e6) }), args: ['scan', '.', '--format', 'json'], says: scanSays })],
  ['50 MB .finops.yml', () => ({ dir: folder({ '.finops.yml': shapes.largeFinopsYml(50e6), 'main.tf': shapes.PRICED_TF }), args: ['scan', '.', '--format', 'json'], says: scanSays })],
  [
    'tags.pattern "^(a+)+$", 31-character value',
    () => ({
      dir: folder({ '.finops.yml': `version: 1\ntags:\n  pattern: { team: "${shapes.REDOS_PATTERN}" }\n`, 'main.tf': shapes.PRICED_TF.replace('}', `  tags = { team = "${shapes.REDOS_VALUE}" }\n}`) }),
      args: ['scan', '.', '--format', 'json'],
      says: (out) => JSON.parse(out).findings.map((f) => f.message).join('; ').slice(0, 100),
    }),
  ],
  ['http spend source answering 2 GB', async () => ({ dir: folder({}), server: await floodServer(), args: (url) => ['spend', '--source', 'http', '--url', url], says: (_o, err) => err.split('\n').find((l) => l.startsWith('ai-finops')) ?? '' })],
];

console.log(`Load average before the run: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} cores`);
console.log('| Case | Wall time | CPU time | Peak RSS | Exit | Output |');
console.log('|---|---:|---:|---:|---:|---|');
for (const [name, make] of CASES) {
  const c = await make();
  const args = typeof c.args === 'function' ? c.args(`http://127.0.0.1:${c.server.address().port}`) : c.args;
  const r = await timed(args, c.dir);
  let says;
  try {
    says = c.says(r.stdout, r.stderr);
  } catch (e) {
    says = `INVALID OUTPUT: ${e.message}; ${r.stderr.slice(0, 200)}`;
  }
  console.log(`| ${name} | ${r.seconds.toFixed(1)} s | ${r.cpu.toFixed(1)} s | ${Math.round(r.rssMb)} MB | ${r.code} | ${says.replace(/\|/g, '\\|')} |`);
  c.server?.closeAllConnections();
  c.server?.close();
  fs.rmSync(c.dir, { recursive: true, force: true });
}
