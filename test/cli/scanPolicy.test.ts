import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
}

interface Finding {
  file: string;
  line: number;
  resource: string;
  check: string;
  category: string;
  message: string;
  monthlySavingUsd: number | null;
  missingTags: string[];
}

describe('CLI scan with .finops.yml policy', () => {
  it('reports missingTags per item and the findings, additively in schemaVersion 1', () => {
    const r = run('scan', 'samples/workspace', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { schemaVersion: number; items: { resource: string; missingTags: string[] }[]; findings: Finding[] };
    assert.equal(report.schemaVersion, 1);
    const missing = Object.fromEntries(report.items.map((i) => [i.resource, i.missingTags]));
    assert.deepEqual(missing, { 'aws_instance.trainer': [], 'aws_instance.inference': ['env'], 'aws_instance.dev': ['project', 'env'] });
    const tagFindings = report.findings.filter((f) => f.category === 'missing-tags');
    assert.deepEqual(
      tagFindings.map((f) => [f.file, f.line, f.resource, f.message]),
      [
        ['infra/aws/main.tf', 40, 'aws_instance.inference', 'Missing cost-allocation tags: env (required by .finops.yml)'],
        ['infra/aws/main.tf', 48, 'aws_instance.dev', 'Missing cost-allocation tags: project, env (required by .finops.yml)'],
      ],
    );
    const spot = report.findings.find((f) => f.check === 'spotForTraining');
    assert.equal(spot?.resource, 'aws_instance.trainer');
    assert.ok((spot?.monthlySavingUsd ?? 0) > 0);
  });

  it('exits 1 for --fail-on missing-tags when a resource lacks tags, 0 when the gate has nothing', () => {
    const failing = run('scan', 'samples/workspace', '--fail-on', 'missing-tags');
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /2 finding\(s\) match --fail-on missing-tags/);
    assert.match(failing.stdout, /Warning: infra\/aws\/main\.tf:48 aws_instance\.dev — Missing cost-allocation tags: project, env/);
    assert.equal(run('scan', 'samples/workspace', '--fail-on', 'tag-values').status, 0);
    assert.equal(run('scan', 'samples/workspace', '--fail-on', 'missing-tags,policy', '--format', 'markdown').status, 1);
    assert.equal(run('scan', 'test/fixtures/broken-terraform', '--fail-on', 'missing-tags').status, 0);
  });

  it('rejects an unknown gate as a usage error', () => {
    const r = run('scan', 'samples/workspace', '--fail-on', 'missing-tags,typos');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fail-on takes missing-tags, tag-values, savings, policy \(got typos\)/);
  });
});
