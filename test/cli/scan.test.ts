import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
}

describe('CLI scan', () => {
  it('prints exactly one JSON document with the documented contract for the sample workspace', () => {
    const r = run('scan', 'samples/workspace', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.currency, 'USD');
    const trainer = report.items.find((i: { resource: string }) => i.resource === 'aws_instance.trainer');
    assert.deepEqual(
      { file: trainer.file, startLine: trainer.range.startLine, startColumn: trainer.range.startColumn, sku: trainer.sku, quantity: trainer.quantity },
      { file: 'infra/aws/main.tf', startLine: 28, startColumn: 1, sku: 'p4d.24xlarge', quantity: 2 },
    );
    assert.deepEqual(trainer.accelerators, { name: 'A100-40GB', count: 16 });
    assert.equal(trainer.hourlyUsd, 43.9153);
    assert.equal(trainer.monthlyUsd, 32058.16);
    for (const key of ['kind', 'provider', 'region', 'pricing', 'perRunUsd', 'perCallUsd', 'assumptions', 'tags', 'missingTags']) {
      assert.ok(key in trainer, `item has ${key}`);
    }
    const sum = report.items.reduce((a: number, i: { monthlyUsd: number | null }) => a + (i.monthlyUsd ?? 0), 0);
    assert.equal(report.totals.monthlyUsd, Math.round(sum * 100) / 100);
    assert.deepEqual(report.errors, []);
  });

  it('reports training runs, LLM calls, endpoints and notebook items with their figures', () => {
    const r = run('scan', 'samples/workspace', '--format', 'json');
    const report = JSON.parse(r.stdout);
    type Item = { kind: string; file: string; cell?: number; resource: string; perRunUsd: number | null; perCallUsd: number | null; monthlyUsd: number | null; hourlyUsd: number | null };
    const find = (resource: string) => report.items.find((i: Item) => i.resource === resource) as Item;
    const answer = find('OpenAI chat.completions.create in answer()');
    assert.equal(answer.kind, 'llm-call');
    // .finops.yml: 50,000 calls/day of 1,200 input + 300 output gpt-4o tokens.
    assert.equal(answer.perCallUsd, (1200 * 2.5 + 300 * 10) / 1e6);
    assert.equal(answer.monthlyUsd, Math.round(0.006 * 50000 * (730 / 24) * 100) / 100);
    const slurm = find('SLURM job pretrain-7b');
    assert.deepEqual([slurm.kind, slurm.perRunUsd], ['training-run', 2 * 8 * 48 * 2.5]);
    const nbTrain = find('sagemaker HuggingFace');
    assert.deepEqual([nbTrain.file, nbTrain.cell, nbTrain.kind], ['ml/finetune.ipynb', 3, 'training-run']);
    assert.ok(nbTrain.perRunUsd !== null && nbTrain.perRunUsd > 0);
    const endpoint = find('sagemaker HuggingFace.deploy');
    assert.deepEqual([endpoint.kind, endpoint.cell], ['endpoint', 4]);
    assert.ok(endpoint.hourlyUsd !== null && endpoint.monthlyUsd !== null);
    assert.ok(find('Axolotl run (meta-llama/Meta-Llama-3-8B)').perRunUsd !== null);
    // The structured training figures (additive in schemaVersion 1); other items have none.
    const axolotl = report.items.find((i: Item) => i.resource === 'Axolotl run (meta-llama/Meta-Llama-3-8B)');
    const { per100MTokensUsd, perEpochUsd, ...shape } = axolotl.training;
    assert.deepEqual(shape, { activeParamsB: 8.03, totalParamsB: 8.03, gpus: 8, gpu: 'A100-80GB', tokens: 2000 * 2 * 4 * 8 * 4096 });
    assert.ok(per100MTokensUsd > 0 && perEpochUsd > 0);
    assert.equal(Math.round((per100MTokensUsd * axolotl.training.tokens) / 1e8), Math.round(axolotl.perRunUsd));
    assert.equal('training' in find('OpenAI chat.completions.create in answer()'), false);
    assert.ok(find('OpenAI responses.create in rerank()').perCallUsd !== null);
  });

  it('lists a file that fails to parse in errors and goes on', () => {
    const r = run('scan', 'test/fixtures/broken-terraform', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.ok(report.errors.some((e: { file: string }) => e.file === 'broken.tf'), JSON.stringify(report.errors));
    assert.ok(report.items.some((i: { file: string }) => i.file === 'good.tf'));
  });

  it('exits 2 on bad arguments', () => {
    assert.equal(run('scan', '--format', 'yaml').status, 2);
    assert.equal(run('frobnicate').status, 2);
    assert.equal(run('scan', 'no/such/folder').status, 2);
  });

  it('renders table and markdown formats', () => {
    const table = run('scan', 'samples/workspace');
    assert.match(table.stdout, /\$32,058\/mo\s+aws_instance\.trainer\s+2× p4d\.24xlarge \(16×/);
    const md = run('scan', 'samples/workspace', '--format', 'markdown');
    assert.match(md.stdout, /^## AI FinOps cost estimate/m);
    assert.match(md.stdout, /\| infra\/aws\/main\.tf:28 \| aws_instance\.trainer \|/);
  });
});

describe('CLI scan of cost-bearing types without a cost model', () => {
  it('lists them in unpriced and counts them per type, in JSON and in the text output', () => {
    const r = run('scan', 'test/fixtures/unsupported', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.unsupported, [
      { type: 'aws_emr_cluster', count: 1 },
      { type: 'google_tpu_v2_vm', count: 1 },
      { type: 'NodeClaim', count: 1 },
    ]);
    const reasons = report.unpriced.map((u: { reason: string }) => u.reason);
    assert.equal(reasons.filter((why: string) => why.includes('not yet supported')).length, 3);
    assert.deepEqual(report.items.filter((i: { monthlyUsd: number | null }) => i.monthlyUsd !== null).map((i: { resource: string }) => i.resource), ['aws_instance.box']);
    const text = run('scan', 'test/fixtures/unsupported').stdout;
    assert.match(text, /^Not yet supported: 3 resource types \(aws_emr_cluster ×1, google_tpu_v2_vm ×1, NodeClaim ×1\)$/m);
    assert.match(run('scan', 'samples/workspace').stdout, /^Not yet supported: 0 resource types$/m);
  });
});

describe('CLI scan table', () => {
  const table = run('scan', 'samples/workspace').stdout;
  const rows = table.split('\n\n')[0].split('\n').slice(2);

  it('fits 100 columns when stdout is not a terminal', () => {
    for (const line of table.split('\n')) assert.ok(line.length <= 100, `${line.length}: ${line}`);
  });

  it('sorts by cost, monthly figures first, then runs, then hourly jobs, each in its own unit', () => {
    const units = rows.map((r) => /\/(mo|run|h|call)\b/.exec(r)?.[1]);
    assert.deepEqual([...new Set(units)], ['mo', 'run', 'h']);
    const monthly = rows.filter((r) => r.includes('/mo')).map((r) => Number(/\$([\d,.]+)\/mo/.exec(r)?.[1].replace(/,/g, '')));
    assert.deepEqual(monthly, [...monthly].sort((a, b) => b - a));
    assert.doesNotMatch(table, /\$0\.00\/mo/);
  });

  it('says what the total leaves out', () => {
    // Paragraphs wrap at the width with a two-space indent.
    assert.match(table.replace(/\n {2}/g, ' '), /^Total: \$[\d,]+\/mo for \d+ always-on items; not included: 4 runs \$[\d,.]+\/run, 5 hourly jobs \$[\d,.]+\/h while running$/m);
  });

  it('lists an unpriced item once, under Not priced, not as a table row', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ai-finops-unpriced-'));
    try {
      writeFileSync(
        path.join(dir, 'main.tf'),
        'resource "aws_instance" "known" {\n  instance_type = "g5.xlarge"\n}\n\nresource "aws_instance" "mystery" {\n  instance_type = "zz9.mega"\n}\n',
      );
      const out = run('scan', dir).stdout;
      assert.equal(out.split('aws_instance.mystery').length - 1, 1, out);
      assert.match(out, /^Not priced: main\.tf:5 aws_instance\.mystery — .*zz9\.mega/m);
      assert.match(out, /^Total: \$[\d,.]+\/mo for 1 always-on item; not included: 1 not priced$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names GPUs as the catalog does and never prints an unknown type as "?"', () => {
    assert.match(table, /SLURM job pretrain-7b\s+16× H100\s/);
    // No node type: the cheapest whole node that fits (the column cuts its GPUs off)
    assert.match(table, /Job\/embed-corpus\s+2× Standard_NC4as_T4_/);
    assert.doesNotMatch(table, /× \?|unspecified/);
  });
});

describe('CLI version and usage', () => {
  it('prints the package version', () => {
    const r = run('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('prints only the failing command\'s usage on a bad argument', () => {
    const r = run('scan', '--format', 'yaml');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ai-finops: --format must be one of table, json, markdown\n\nUsage: ai-finops scan/);
    assert.doesNotMatch(r.stderr, /diff BASE HEAD|spend /);
  });
});

describe('CLI scan of a repository with .gitignore files', () => {
  it('skips what .gitignore excludes at every level, as git does', () => {
    const r = run('scan', 'test/fixtures/gitignored', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const files = JSON.parse(r.stdout).items.map((i: { file: string }) => i.file).sort();
    assert.deepEqual(files, ['main.tf', 'sub/keep.tf']);
  });
});

describe('CLI scan of a configuration that calls a local module', () => {
  it('counts the module once, in its call, not again from its own folder', () => {
    const r = run('scan', 'test/fixtures/terraform', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const items = JSON.parse(r.stdout).items as { file: string; resource: string }[];
    assert.ok(items.some((i) => i.file === 'module-root/main.tf' && i.resource.startsWith('module.')), 'the module total is listed');
    assert.deepEqual(items.filter((i) => i.file.startsWith('modules/gpu-pool/')), []);
  });
});
