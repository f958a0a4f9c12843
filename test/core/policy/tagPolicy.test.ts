import { strict as assert } from 'node:assert';
import { parseFinopsConfig } from '../../../src/core/config/finopsConfig';
import { evaluatePolicy } from '../../../src/core/policy/evaluatePolicy';
import { missingTagKeys } from '../../../src/core/policy/tagPolicy';
import { analyzeFiles, catalog } from '../helpers';

const POLICY = 'version: 1\ntags:\n  required: [team, project, env]\n  allowed: { env: [dev, staging, prod] }\n  pattern: { project: "^[a-z0-9-]+$" }\n';

async function findingsFor(tf: string, policy = POLICY) {
  const { config, problems } = parseFinopsConfig(policy);
  assert.deepEqual(problems, []);
  const { items } = await analyzeFiles({ 'main.tf': tf }, 'main.tf');
  return { items, config, findings: evaluatePolicy({ items, config, catalog, hoursPerMonth: 730 }).filter((f) => f.check === 'tagPolicy') };
}

describe('tag policy', () => {
  it('warns on the first line of a resource that lacks required tags, with the fix keys', async () => {
    const tf = 'resource "aws_instance" "web" {\n  instance_type = "m5.large"\n  tags = { team = "web" }\n}\n';
    const { findings } = await findingsFor(tf);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].message, 'Missing cost-allocation tags: project, env (required by .finops.yml)');
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].category, 'missing-tags');
    assert.deepEqual(findings[0].range.start, { line: 0, column: 0 });
    assert.deepEqual(findings[0].missingTags, [{ key: 'project', choices: undefined }, { key: 'env', choices: ['dev', 'staging', 'prod'] }]);
  });

  it('counts the provider default_tags as present', async () => {
    const tf = 'provider "aws" {\n  default_tags {\n    tags = { team = "ml", project = "p" }\n  }\n}\nresource "aws_instance" "web" {\n  instance_type = "m5.large"\n  tags = { env = "prod" }\n}\n';
    const { findings } = await findingsFor(tf);
    assert.deepEqual(findings, []);
  });

  it('flags values outside allowed and pattern, and treats an empty value as missing', async () => {
    const tf = 'resource "aws_instance" "web" {\n  instance_type = "m5.large"\n  tags = { team = "", project = "LLM_Tune", env = "qa" }\n}\n';
    const { findings } = await findingsFor(tf);
    assert.deepEqual(findings.map((f) => f.message), [
      'Missing cost-allocation tags: team (required by .finops.yml)',
      'Tag project = "LLM_Tune" does not match ^[a-z0-9-]+$ (pattern in .finops.yml)',
      'Tag env = "qa" is not allowed (allowed by .finops.yml: dev, staging, prod)',
    ]);
    assert.deepEqual(findings.map((f) => f.category), ['missing-tags', 'tag-values', 'tag-values']);
  });

  it('does not guess when the tags come from something it cannot read', async () => {
    const tf = 'variable "tags" {\n  type = map(string)\n}\nresource "aws_instance" "web" {\n  instance_type = "m5.large"\n  tags = var.tags\n}\n';
    const { items, findings } = await findingsFor(tf);
    assert.equal(items[0].tagging?.partial, true);
    assert.deepEqual(findings, []);
  });

  it('skips values only known after apply, and reports a for_each block once', async () => {
    const tf = 'resource "aws_instance" "w" {\n  for_each = toset(["a", "b"])\n  instance_type = "m5.large"\n  tags = { team = "t", project = "p", env = "x-${each.key}" }\n}\n';
    const { items, config, findings } = await findingsFor(tf);
    assert.equal(items.length, 2);
    assert.deepEqual(findings.map((f) => f.message), ['Tag env = "x-a" is not allowed (allowed by .finops.yml: dev, staging, prod)', 'Tag env = "x-b" is not allowed (allowed by .finops.yml: dev, staging, prod)']);
    assert.deepEqual(missingTagKeys(items[0], config.tags), []);
  });

  it('is off when checks.tagPolicy is false', async () => {
    const { findings } = await findingsFor('resource "aws_instance" "w" {\n  instance_type = "m5.large"\n}\n', `${POLICY}checks: { tagPolicy: false }\n`);
    assert.deepEqual(findings, []);
  });
});
