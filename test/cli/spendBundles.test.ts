// The built CLI (dist/, `npm run build`): each spend source's SDK is a bundle of its own that
// only that source's first query loads, so a sample or FOCUS report compiles none of them.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const dist = path.resolve(__dirname, '..', '..', '..', 'dist');
const SDK_BUNDLES = ['aws-cost-explorer.js', 'aws-athena.js', 'bigquery.js', 'google-auth.js', 'aws-pricing.js', 'tokenizer.js'];

describe('CLI spend bundles', function () {
  this.timeout(60_000);
  let tmp: string;
  let preload: string;

  before(() => {
    assert.ok(existsSync(path.join(dist, 'cli-spend.js')), 'dist/cli-spend.js is missing: run `npm run build` first');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ai-finops-bundles-'));
    preload = path.join(tmp, 'preload.cjs');
    // Writes the modules the process loaded, at its exit, to the file the test names.
    writeFileSync(preload, "process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_OUT, JSON.stringify(Object.keys(require.cache))));\n");
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  /** The bundles of dist/ that `ai-finops spend <args>` loaded, by file name. */
  function bundlesLoaded(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; bundles: string[]; stderr: string } {
    const out = path.join(tmp, `loaded-${args.join('_')}.json`);
    const r = spawnSync(process.execPath, ['-r', preload, path.join(dist, 'cli.js'), 'spend', ...args], { encoding: 'utf8', cwd: tmp, env: { ...process.env, ...env, LOADED_OUT: out } });
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
    return { status: r.status, stderr: r.stderr, bundles: loaded.filter((f) => path.dirname(f) === dist).map((f) => path.basename(f)) };
  }

  it('reads the sample without loading any SDK bundle', () => {
    const r = bundlesLoaded(['--source', 'sample', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.bundles.sort(), ['cli-spend.js', 'cli.js']);
  });

  it('loads the Cost Explorer SDK for the aws-cost-explorer source, and no other SDK', () => {
    // Credentials and an endpoint that refuses at once: the query fails after the SDK loaded, without leaving the machine.
    const env = { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_PROFILE: '', AWS_CONFIG_FILE: path.join(tmp, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'none') };
    const r = bundlesLoaded(['--source', 'aws-cost-explorer', '--format', 'json'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /AWS Cost Explorer .*ECONNREFUSED/);
    assert.deepEqual(r.bundles.filter((b) => SDK_BUNDLES.includes(b)), ['aws-cost-explorer.js']);
  });
});
