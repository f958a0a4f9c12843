import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { sampleDataPath } from '../../src/core/spend/sampleData';
import { ATHENA_CREDENTIALS, startAthenaServer, type AthenaServer } from '../core/spend/athenaServer';
import { BIGQUERY_TOKEN, startBigQueryServer, type BigQueryServer } from '../core/spend/bigQueryServer';
import { writeLayoutFixtures, type LayoutFixtures } from '../core/spend/layoutFixtures';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');
const file = sampleDataPath(__dirname);

/** No credentials, endpoints or metadata servers but the ones a test gives. */
const CLEAN_ENV = {
  PATH: process.env.PATH ?? '',
  HOME: path.join(repo, 'out', 'no-home'),
  AWS_CONFIG_FILE: path.join(repo, 'out', 'no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(repo, 'out', 'no-aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  METADATA_SERVER_DETECTION: 'none',
};

async function spend(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'spend', '--from', '2026-07-01', '--to', '2026-08-31', '--group-by', 'tag:project', '--format', 'json', ...args], {
    cwd: repo, env: { ...CLEAN_ENV, ...env },
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** The figures of the JSON report, without the parts that name the source. */
function figures(stdout: string): unknown {
  const j = JSON.parse(stdout) as Record<string, unknown>;
  const { source: _source, files: _files, warnings: _warnings, ...rest } = j;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)));
}

describe('CLI spend from the warehouses', function () {
  this.timeout(120_000);
  let athena: AthenaServer;
  let bigquery: BigQueryServer;
  let expected: unknown;

  before(async () => {
    athena = await startAthenaServer(file);
    bigquery = await startBigQueryServer(file, 'billing-proj', 'billing', 'focus_v1');
    const focus = await spend(['--source', 'focus', '--path', file], {});
    assert.equal(focus.code, 0, focus.stderr);
    expected = figures(focus.stdout);
  });
  after(async () => {
    await athena.close();
    await bigquery.close();
  });

  it('--source athena prints the focus source\'s figures, with credentials from the AWS chain and the endpoint from AWS_ENDPOINT_URL_ATHENA', async () => {
    const r = await spend(['--source', 'athena', '--table', 'cur.focus', '--workgroup', 'finops', '--region', 'eu-west-1'], {
      AWS_ACCESS_KEY_ID: ATHENA_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: ATHENA_CREDENTIALS.secretAccessKey, AWS_ENDPOINT_URL_ATHENA: athena.url,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(figures(r.stdout), expected);
    const j = JSON.parse(r.stdout) as { source: { kind: string }; files: { summary: string } };
    assert.equal(j.source.kind, 'athena');
    assert.match(j.files.summary, /queries on Athena cur\.focus scanned/);
    assert.equal(athena.badSignatures, 0);
    assert.ok(athena.requests.every((q) => /\/eu-west-1\/athena\/aws4_request/.test(String(q.headers.authorization))));
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(ATHENA_CREDENTIALS.secretAccessKey));
  });

  it('--source bigquery prints the focus source\'s figures, with the token from GOOGLE_OAUTH_ACCESS_TOKEN', async () => {
    const r = await spend(['--source', 'bigquery', '--table', 'billing-proj.billing.focus_v1', '--max-scan-gb', '5'], {
      GOOGLE_OAUTH_ACCESS_TOKEN: BIGQUERY_TOKEN, BIGQUERY_EMULATOR_HOST: bigquery.url,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(figures(r.stdout), expected);
    assert.ok(bigquery.jobs.filter((j) => !j.dryRun).every((j) => j.maximumBytesBilled === '5000000000'));
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(BIGQUERY_TOKEN));
  });

  it('says what is wrong, without a stack, when the warehouse refuses the credentials', async () => {
    const r = await spend(['--source', 'bigquery', '--table', 'billing-proj.billing.focus_v1'], { GOOGLE_OAUTH_ACCESS_TOKEN: 'wrong', BIGQUERY_EMULATOR_HOST: bigquery.url });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ai-finops spend: BigQuery billing-proj\.billing\.focus_v1: 401 Request had invalid authentication credentials\./);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('CLI spend from warehouse tables in their provider\'s layout', function () {
  this.timeout(180_000);
  let files: LayoutFixtures;
  let athena: AthenaServer;
  let bigquery: BigQueryServer;

  before(async () => {
    files = writeLayoutFixtures();
    athena = await startAthenaServer(files.cur2, 'cur', 'cur2', 'cur2');
    bigquery = await startBigQueryServer(files.billingExport, 'billing-proj', 'billing', 'gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9', 'billing-export');
  });
  after(async () => {
    await athena?.close();
    await bigquery?.close();
    if (files) rmSync(files.dir, { recursive: true, force: true });
  });

  it('--layout cur2 prints the figures of the same charges read as FOCUS', async () => {
    const focus = await spend(['--source', 'focus', '--path', files.awsFocus], {});
    assert.equal(focus.code, 0, focus.stderr);
    const r = await spend(['--source', 'athena', '--table', 'cur.cur2', '--layout', 'cur2', '--workgroup', 'finops'], {
      AWS_ACCESS_KEY_ID: ATHENA_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: ATHENA_CREDENTIALS.secretAccessKey, AWS_ENDPOINT_URL_ATHENA: athena.url, AWS_REGION: 'us-east-1',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(figures(r.stdout), figures(focus.stdout));
    assert.match((JSON.parse(r.stdout) as { files: { summary: string } }).files.summary, /queries on Athena cur\.cur2 \(CUR 2\.0\) scanned/);
  });

  it('--layout billing-export prints the figures of the same charges read as FOCUS', async () => {
    const focus = await spend(['--source', 'focus', '--path', files.gcpFocus], {});
    assert.equal(focus.code, 0, focus.stderr);
    const r = await spend(['--source', 'bigquery', '--table', 'billing-proj.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9', '--layout', 'billing-export'], {
      GOOGLE_OAUTH_ACCESS_TOKEN: BIGQUERY_TOKEN, BIGQUERY_EMULATOR_HOST: bigquery.url,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(figures(r.stdout), figures(focus.stdout));
  });

  it('refuses a layout the source cannot read, and says which it can', async () => {
    const r = await spend(['--source', 'athena', '--table', 'cur.cur2', '--layout', 'billing-export'], {});
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ai-finops spend: the athena source reads a table in the focus or cur2 layout, not billing-export/);
  });
});
