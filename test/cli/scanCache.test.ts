import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });
}

function entries(dir: string): string[] {
  const scan = path.join(dir, 'scan');
  return readdirSync(scan, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((shard) => readdirSync(path.join(scan, shard.name)).map((f) => path.join(scan, shard.name, f)));
}

describe('CLI scan cache and jobs', () => {
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'ai-finops-cli-cache-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('keeps results under --cache-dir, prints the same report from them, and says when an entry is corrupt', () => {
    const args = ['scan', 'samples/workspace', '--format', 'json', '--cache-dir', tmp];
    const first = run(args);
    assert.equal(first.status, 0, first.stderr);
    assert.ok(entries(tmp).length > 5, 'one entry per analysed file');
    const second = run(args);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, '');
    writeFileSync(entries(tmp)[0], 'not json');
    const third = run(args);
    assert.equal(third.stdout, first.stdout);
    assert.match(third.stderr, /ignored a cached result that could not be used \(.*scan.*\.json: /);
  });

  it('uses $XDG_CACHE_HOME/ai-finops by default and writes nothing with --no-cache', () => {
    assert.equal(run(['scan', 'samples/workspace', '--no-cache'], { XDG_CACHE_HOME: tmp }).status, 0);
    assert.deepEqual(readdirSync(tmp), []);
    assert.equal(run(['scan', 'samples/workspace'], { XDG_CACHE_HOME: tmp }).status, 0);
    assert.ok(entries(path.join(tmp, 'ai-finops')).length > 5);
  });

  it('refuses a --jobs that is not a whole number of at least 1', () => {
    const r = run(['scan', 'samples/workspace', '--jobs', '0']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs must be a whole number of at least 1/);
  });
});
