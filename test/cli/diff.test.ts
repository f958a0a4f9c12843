import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');
const sample = path.join(repo, 'samples', 'workspace');

const EVAL_RESOURCE = `
resource "aws_instance" "eval" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "g6.xlarge"
}
`;

/** A real git repository: the sample workspace, then a commit that changes, adds and removes instances. */
function makeRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-diff-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: dir });
  git('init', '-q');
  fs.cpSync(sample, dir, { recursive: true });
  git('add', '.');
  git('commit', '-qm', 'base');
  const main = path.join(dir, 'infra', 'aws', 'main.tf');
  let tf = fs.readFileSync(main, 'utf8').replace('"p4d.24xlarge"', '"p5.48xlarge"');
  // Drop the spot dev box.
  tf = tf.replace(/# A spot dev box[\s\S]*?\n}\n/, '');
  fs.writeFileSync(main, tf + EVAL_RESOURCE);
  git('commit', '-qam', 'head');
  return dir;
}

describe('CLI diff', () => {
  let dir: string;
  before(() => (dir = makeRepo()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'diff', ...args], { cwd: dir, encoding: 'utf8' });

  it('reports added, removed and changed resources between two revisions with deltas', () => {
    const r = run('HEAD~1', 'HEAD', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const rows = report.changes.map((c: { kind: string; resource: string }) => `${c.kind} ${c.resource}`);
    assert.deepEqual(rows, ['removed aws_instance.dev', 'added aws_instance.eval', 'changed aws_instance.trainer']);
    const trainer = report.changes.find((c: { resource: string }) => c.resource === 'aws_instance.trainer');
    assert.equal(trainer.file, 'infra/aws/main.tf');
    assert.equal(trainer.before.sku, 'p4d.24xlarge');
    assert.equal(trainer.after.sku, 'p5.48xlarge');
    assert.equal(trainer.monthlyDeltaUsd, Math.round((trainer.after.monthlyUsd - trainer.before.monthlyUsd) * 100) / 100);
    assert.ok(trainer.monthlyDeltaUsd > 0);
    const sum = report.changes.reduce((a: number, c: { monthlyDeltaUsd: number }) => a + c.monthlyDeltaUsd, 0);
    assert.ok(Math.abs(sum - report.monthlyDeltaUsd) < 0.05, `${sum} vs ${report.monthlyDeltaUsd}`);
    // Everything else in the sample is left alone by the commit: the base's items less the removed and changed ones.
    const base = JSON.parse(spawnSync(process.execPath, [cli, 'scan', sample, '--format', 'json'], { encoding: 'utf8' }).stdout);
    assert.equal(report.unchanged, base.items.length - 2);
    assert.match(report.baseLabel, /^HEAD~1 \([0-9a-f]{7}\)$/);
  });

  it('compares a revision with the working folder, and matches paths from a subdirectory', () => {
    const sub = spawnSync(process.execPath, [cli, 'diff', 'HEAD~1', '.', '--format', 'json'], { cwd: path.join(dir, 'infra'), encoding: 'utf8' });
    assert.equal(sub.status, 0, sub.stderr);
    const report = JSON.parse(sub.stdout);
    assert.deepEqual(report.changes.map((c: { kind: string; file: string }) => `${c.kind} ${c.file}`), ['removed aws/main.tf', 'added aws/main.tf', 'changed aws/main.tf']);
  });

  it('renders a pull-request comment with a summary, a table per file and details', () => {
    const r = run('HEAD~1', 'HEAD', '--format', 'markdown');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<!-- ai-finops-diff -->/);
    assert.match(r.stdout, /\*\*Monthly cost will increase by \$[\d,]+ \(\+[\d.]+%\)\.\*\*/);
    assert.match(r.stdout, /### <code>infra\/aws\/main\.tf<\/code>\n\n\| Resource \| Change \| Previous \| New \| Diff \|/);
    assert.match(r.stdout, /\| <code>aws_instance\.eval<\/code> 1× g6\.xlarge \| added \| - \| \$[\d.,]+ \| \+\$[\d.,]+ \|/);
    assert.match(r.stdout, /\| <code>aws_instance\.dev<\/code> 1× g5\.xlarge \| removed \| \$[\d.,]+ \| - \| -\$[\d.,]+ \|/);
    assert.match(r.stdout, /<details><summary>What changed \(1\)<\/summary>[\s\S]*instance type p4d\.24xlarge → p5\.48xlarge/);
  });

  it('prints a table with the new total', () => {
    const r = run('HEAD~1', 'HEAD');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /changed\s+infra\/aws\/main\.tf\s+aws_instance\.trainer\s+2× p5\.48xlarge/);
    assert.match(r.stdout, /Total: \$[\d,]+\/mo → \$[\d,]+\/mo \(\+\$[\d,]+\)/);
  });

  it('exits 1 when the increase is over --fail-over, 0 when under, 0 when cost falls', () => {
    const over = run('HEAD~1', 'HEAD', '--fail-over', '100');
    assert.equal(over.status, 1);
    assert.match(over.stderr, /monthly cost increase of \$[\d,]+ is over --fail-over \$100\.00/);
    assert.equal(run('HEAD~1', 'HEAD', '--fail-over', '1000000').status, 0);
    assert.equal(run('HEAD', 'HEAD~1', '--fail-over', '0').status, 0);
  });

  it('accepts --fail-on and rejects bad gates and unknown revisions with exit 2', () => {
    // The sample's .finops.yml requires tags that HEAD's inference instance lacks.
    const gated = run('HEAD~1', 'HEAD', '--fail-on', 'missing-tags');
    assert.equal(gated.status, 1);
    assert.match(gated.stderr, /missing-tags: infra\/aws\/main\.tf:\d+ aws_instance\.inference/);
    assert.equal(run('HEAD~1', 'HEAD', '--fail-on', 'tag-values').status, 0);
    assert.equal(run('HEAD~1', 'HEAD', '--fail-on', 'vibes').status, 2);
    assert.equal(run('HEAD~1', 'HEAD', '--fail-over', 'lots').status, 2);
    const bad = run('no-such-branch', 'HEAD');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no-such-branch is neither a folder nor a revision/);
    assert.equal(run('HEAD').status, 2);
  });

  it('leaves the working tree untouched', () => {
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' });
    assert.equal(status, '');
  });
});

describe('CLI diff on a repository that tries to hide cost', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: dir });
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const gpu = (name: string, type: string) => `resource "aws_instance" "${name}" {\n  instance_type = "${type}"\n}\n`;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-evade-'));
    git('init', '-q');
    write('main.tf', gpu('base', 'g5.xlarge'));
    write('gpu/main.tf', gpu('inner', 'p4d.24xlarge'));
    write('calls.tf', 'module "gpus" {\n  source = "./gpu"\n  count  = 1\n}\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    // Head: new GPUs in files that .gitattributes and a committed .gitignore try to hide,
    // and the module call switched off with count = 0.
    write('.gitattributes', 'hidden.tf export-ignore\n');
    write('hidden.tf', gpu('archived_away', 'p5.48xlarge'));
    write('ignored.tf', gpu('ignored_away', 'p5.48xlarge'));
    write('build/main.tf', gpu('in_build', 'p5.48xlarge'));
    write('node_modules/pkg/main.tf', gpu('vendored', 'p5.48xlarge'));
    git('add', '-f', '.');
    write('.gitignore', 'ignored.tf\n');
    write('calls.tf', 'module "gpus" {\n  source = "./gpu"\n  count  = 0\n}\nmodule "more" {\n  source   = "./gpu"\n  for_each = {}\n}\n');
    git('add', '.');
    git('commit', '-qm', 'head');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads both revisions from git objects: export-ignore, .gitignore and folder names hide no tracked file, count = 0 shows as a change', () => {
    const r = spawnSync(process.execPath, [cli, 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    type Change = { kind: string; resource: string; after: { monthlyUsd: number | null } | null };
    const rows = report.changes.map((c: Change) => `${c.kind} ${c.resource} ${(c.after?.monthlyUsd ?? 0) > 0 ? 'costs' : '$0'}`);
    assert.deepEqual(rows.sort(), ['added aws_instance.archived_away costs', 'added aws_instance.ignored_away costs', 'added aws_instance.in_build costs', 'added module.more $0', 'changed module.gpus $0'], r.stdout);
    // A tracked vendored folder is not priced, but the diff says it was left out.
    assert.ok(report.errors.some((e: { side: string; file: string; message: string }) => e.side === 'head' && e.file.endsWith('node_modules') && /not scanned/.test(e.message)), r.stdout);
    const md = spawnSync(process.execPath, [cli, 'diff', 'HEAD~1', 'HEAD', '--format', 'markdown'], { cwd: dir, encoding: 'utf8' }).stdout;
    for (const name of ['aws_instance.archived_away', 'aws_instance.ignored_away', 'module.more', 'module.gpus']) assert.match(md, new RegExp(`<code>${name}</code>`));
  });

  it('reads a revision that is not checked out, leaving the working tree alone', () => {
    fs.writeFileSync(path.join(dir, 'main.tf'), gpu('base', 'p5.48xlarge'));
    try {
      const r = spawnSync(process.execPath, [cli, 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
      const report = JSON.parse(r.stdout);
      assert.ok(!report.changes.some((c: { resource: string }) => c.resource === 'aws_instance.base'));
      assert.equal(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8'), gpu('base', 'p5.48xlarge'));
    } finally {
      git('checkout', '--', 'main.tf');
    }
  });
});
