import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../helpers';
import type { CostItem } from '../../../src/core/model';

const PROVIDER = `provider "aws" {\n  region = "us-east-1"\n}\n`;

function only(items: CostItem[], resource: string): CostItem {
  const found = items.filter((i) => i.resource === resource);
  assert.equal(found.length, 1, `expected one ${resource}, got ${items.map((i) => i.resource).join(', ')}`);
  return found[0];
}

describe('Terraform detector', () => {
  describe('aws_instance', () => {
    it('prices a literal instance type times count, with accelerators and assumptions', async () => {
      const { items, skipped } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}resource "aws_instance" "trainer" {\n  count         = 2\n  instance_type = "p4d.24xlarge"\n}\n`,
        },
        'main.tf',
      );
      assert.deepEqual(skipped, []);
      const item = only(items, 'aws_instance.trainer');
      assert.equal(item.sku, 'p4d.24xlarge');
      assert.equal(item.quantity, 2);
      assert.equal(item.region, 'us-east-1');
      assert.equal(item.pricing, 'on-demand');
      assert.equal(item.kind, 'compute');
      assert.equal(item.provider, 'aws');
      // 2 × $21.957642 (catalog, us-east-1 on-demand)
      assert.equal(item.estimate.hourlyUsd, 43.9153);
      assert.equal(item.estimate.monthlyUsd, 32058.16);
      assert.deepEqual(item.accelerators && { name: item.accelerators.name, count: item.accelerators.count }, { name: 'A100-40GB', count: 16 });
      assert.ok(item.assumptions.includes('730 h/month'));
      assert.ok(item.assumptions.includes('count = 2'));
      assert.ok(item.assumptions.includes('region us-east-1 from provider "aws"'));
      assert.equal(item.range.start.line, 3, 'range starts at the resource block');
      assert.equal(item.range.end.line, 6);
      assert.deepEqual(item.skuRange?.start, { line: 5, column: 18 });
    });

    it('resolves a variable default from another file of the module', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}resource "aws_instance" "api" {\n  instance_type = var.itype\n}\n`,
          'variables.tf': `variable "itype" {\n  default = "g5.2xlarge"\n}\n`,
        },
        'main.tf',
      );
      const item = only(items, 'aws_instance.api');
      assert.equal(item.sku, 'g5.2xlarge');
      assert.equal(item.estimate.hourlyUsd, 1.212);
    });

    it('applies terraform.tfvars, then *.auto.tfvars in name order, but not other var files', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}variable "itype" {\n  default = "g5.xlarge"\n}\nresource "aws_instance" "api" {\n  instance_type = var.itype\n}\n`,
          'terraform.tfvars': `itype = "g5.2xlarge"\n`,
          'a.auto.tfvars': `itype = "g6e.xlarge"\n`,
          'prod.tfvars': `itype = "p5.48xlarge"\n`,
        },
        'main.tf',
      );
      const item = only(items, 'aws_instance.api');
      assert.equal(item.sku, 'g6e.xlarge');
      assert.equal(item.estimate.hourlyUsd, 1.861);
      assert.ok(item.assumptions.some((a) => a.includes('prod.tfvars not applied')), item.assumptions.join('; '));
    });

    it('applies the folder\'s only other var file when a variable has no value without it', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}variable "itype" {}\nvariable "replicas" {\n  default = 1\n}\nresource "aws_instance" "api" {\n  count         = var.replicas\n  instance_type = var.itype\n}\n`,
          'platform.tfvars': `itype    = "g5.2xlarge"\nreplicas = 2\n`,
        },
        'main.tf',
      );
      const item = only(items, 'aws_instance.api');
      assert.equal(item.sku, 'g5.2xlarge');
      assert.equal(item.quantity, 2, 'the file also overrides a default, as -var-file does');
      assert.ok(item.assumptions.some((a) => a.includes('values from platform.tfvars')), item.assumptions.join('; '));
    });

    it('leaves var files alone when there are several, or when every variable has a value', async () => {
      const several = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}variable "itype" {}\nresource "aws_instance" "api" {\n  instance_type = var.itype\n}\n`,
          'dev.tfvars': `itype = "g5.xlarge"\n`,
          'prod.tfvars': `itype = "p5.48xlarge"\n`,
        },
        'main.tf',
      );
      assert.match(only(several.items, 'aws_instance.api').unpricedReason ?? '', /variable "itype" has no default/);
      const complete = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}variable "itype" {\n  default = "g5.xlarge"\n}\nresource "aws_instance" "api" {\n  instance_type = var.itype\n}\n`,
          'prod.tfvars': `itype = "p5.48xlarge"\n`,
        },
        'main.tf',
      );
      assert.equal(only(complete.items, 'aws_instance.api').sku, 'g5.xlarge');
    });

    it('reads locals that refer to other locals and variables, and count from a local', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': [
            PROVIDER,
            'variable "size" {\n  default = "2xlarge"\n}',
            'locals {\n  family = "g5"\n  itype  = "${local.family}.${var.size}"\n  n      = max(1, 3)\n}',
            'resource "aws_instance" "x" {\n  count         = local.n\n  instance_type = local.itype\n}',
          ].join('\n'),
        },
        'main.tf',
      );
      const item = only(items, 'aws_instance.x');
      assert.equal(item.sku, 'g5.2xlarge');
      assert.equal(item.quantity, 3);
      assert.equal(item.estimate.hourlyUsd, 3.636);
    });

    it('takes the region from the provider through a variable and falls back, with a note, where the catalog has no row', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `provider "aws" {\n  region = var.region\n}\nvariable "region" {\n  default = "eu-west-1"\n}\nresource "aws_instance" "a" {\n  instance_type = "p4d.24xlarge"\n}\nresource "aws_instance" "b" {\n  instance_type = "p5.48xlarge"\n}\n`,
        },
        'main.tf',
      );
      const a = only(items, 'aws_instance.a');
      assert.equal(a.region, 'eu-west-1');
      assert.equal(a.estimate.hourlyUsd, 23.7157);
      const b = only(items, 'aws_instance.b');
      assert.equal(b.region, 'us-east-1');
      assert.equal(b.estimate.hourlyUsd, 55.04);
      assert.ok(b.assumptions.some((x) => /eu-west-1/.test(x) && /us-east-1/.test(x)), b.assumptions.join('; '));
    });

    it('uses an aliased provider when the resource selects it', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}provider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_instance" "w" {\n  provider      = aws.west\n  instance_type = "g5.2xlarge"\n}\n`,
        },
        'main.tf',
      );
      assert.equal(only(items, 'aws_instance.w').region, 'us-west-2');
    });

    it('falls back to the configured default region and says where it came from', async () => {
      const { items } = await analyzeFiles(
        { 'main.tf': `resource "aws_instance" "x" {\n  instance_type = "g5.2xlarge"\n}\n` },
        'main.tf',
        { defaultRegion: 'us-west-2', defaultRegionSource: '.finops.yml' },
      );
      const item = only(items, 'aws_instance.x');
      assert.equal(item.region, 'us-west-2');
      assert.ok(item.assumptions.includes('region us-west-2 from .finops.yml'));
    });

    it('prices spot instances from instance_market_options', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}resource "aws_instance" "s" {\n  instance_type = "g5.2xlarge"\n  instance_market_options {\n    market_type = "spot"\n  }\n}\n`,
        },
        'main.tf',
      );
      const item = only(items, 'aws_instance.s');
      assert.equal(item.pricing, 'spot');
      assert.equal(item.estimate.hourlyUsd, 0.4738);
    });

    it('merges default_tags under the resource tags', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = { team = "nlp", env = "dev" }\n  }\n}\nlocals {\n  tags = { project = "x" }\n}\nresource "aws_instance" "t" {\n  instance_type = "g5.2xlarge"\n  tags = merge(local.tags, { env = "prod" })\n}\n`,
        },
        'main.tf',
      );
      assert.deepEqual(only(items, 'aws_instance.t').tags, { team: 'nlp', env: 'prod', project: 'x' });
    });

    it('makes one item per for_each key', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}resource "aws_instance" "n" {\n  for_each      = { small = "g5.xlarge", big = "g5.2xlarge" }\n  instance_type = each.value\n}\n`,
        },
        'main.tf',
      );
      assert.deepEqual(
        items.map((i) => [i.resource, i.sku]),
        [
          ['aws_instance.n["small"]', 'g5.xlarge'],
          ['aws_instance.n["big"]', 'g5.2xlarge'],
        ],
      );
    });
  });

  describe('what it cannot resolve', () => {
    it('says so for a value known only after apply instead of guessing', async () => {
      const { items } = await analyzeFiles(
        { 'main.tf': `${PROVIDER}resource "aws_instance" "x" {\n  instance_type = data.aws_ssm_parameter.itype.value\n}\n` },
        'main.tf',
      );
      const item = only(items, 'aws_instance.x');
      assert.equal(item.sku, null);
      assert.equal(item.estimate.hourlyUsd, null);
      assert.match(item.unpricedReason ?? '', /instance_type: `data\.aws_ssm_parameter\.itype\.value` is known only after apply/);
    });

    it('says so for a variable with no default and no tfvars', async () => {
      const { items } = await analyzeFiles(
        { 'main.tf': `${PROVIDER}variable "t" {}\nresource "aws_instance" "x" {\n  instance_type = var.t\n}\n` },
        'main.tf',
      );
      assert.match(only(items, 'aws_instance.x').unpricedReason ?? '', /variable "t" has no default/);
    });

    it('says so for an instance type the catalog does not have', async () => {
      const { items } = await analyzeFiles(
        { 'main.tf': `${PROVIDER}resource "aws_instance" "x" {\n  instance_type = "zz9.mega"\n}\n` },
        'main.tf',
      );
      const item = only(items, 'aws_instance.x');
      assert.equal(item.sku, 'zz9.mega');
      assert.equal(item.estimate.monthlyUsd, null);
      assert.match(item.unpricedReason ?? '', /zz9\.mega/);
    });

    it('prices one instance and says so when count cannot be resolved', async () => {
      const { items } = await analyzeFiles(
        { 'main.tf': `${PROVIDER}resource "aws_instance" "x" {\n  count         = length(data.x.y.ids)\n  instance_type = "g5.2xlarge"\n}\n` },
        'main.tf',
      );
      const item = only(items, 'aws_instance.x');
      assert.equal(item.quantity, 1);
      assert.ok(item.assumptions.some((a) => a.startsWith('count could not be resolved')), item.assumptions.join('; '));
    });

    it('reports a syntax error and still finds the resources before it', async () => {
      const { items, skipped } = await analyzeFiles(
        { 'main.tf': `${PROVIDER}resource "aws_instance" "ok" {\n  instance_type = "g5.2xlarge"\n}\nresource "aws_instance" "broken" {\n  instance_type = \n` },
        'main.tf',
      );
      assert.ok(items.some((i) => i.resource === 'aws_instance.ok'));
      assert.equal(skipped.length, 1);
      assert.match(skipped[0].message, /HCL syntax error: lines? \d+(-\d+)? skipped/);
    });

    it('still prices a well-formed resource after one whose opening line was deleted, and names the skipped lines', async () => {
      const text = [
        PROVIDER.trimEnd(),
        'resource "aws_instance" "before" {',
        '  instance_type = "g5.xlarge"',
        '}',
        '',
        '  instance_type = "g5.2xlarge"',
        '  tags = {',
        '    team = "nlp"',
        '  }',
        '}',
        '',
        'resource "aws_instance" "after" {',
        '  instance_type = "p4d.24xlarge"',
        '}',
        '',
      ].join('\n');
      const { items, skipped } = await analyzeFiles({ 'main.tf': text }, 'main.tf');
      assert.deepEqual(items.map((i) => [i.resource, i.range.start.line]), [['aws_instance.before', 3], ['aws_instance.after', 13]]);
      assert.equal(only(items, 'aws_instance.after').estimate.monthlyUsd, 16029.08);
      assert.equal(skipped.length, 1);
      assert.ok(skipped[0].range && skipped[0].range.start.line >= 7 && skipped[0].range.end.line <= 13, JSON.stringify(skipped[0]));
      assert.match(skipped[0].message, /^HCL syntax error: lines \d+-\d+ skipped, resources there are not priced/);
    });

    it('recovers the blocks after each of several broken regions', async () => {
      const good = (name: string) => `resource "aws_instance" "${name}" {\n  instance_type = "g5.xlarge"\n}\n`;
      const text = `${PROVIDER}${good('a')}resource "aws_instance" "x" {\n  instance_type = \n${good('b')}resource "aws_instance" "y" {\n  tags = {\n${good('c')}`;
      const { items, skipped } = await analyzeFiles({ 'main.tf': text }, 'main.tf');
      assert.deepEqual(items.map((i) => i.resource), ['aws_instance.a', 'aws_instance.b', 'aws_instance.c']);
      assert.equal(skipped.length, 2);
    });

    it('reports a broken tfvars.json and keeps the defaults', async () => {
      const { items } = await analyzeFiles(
        {
          'main.tf': `${PROVIDER}variable "t" {\n  default = "g5.2xlarge"\n}\nresource "aws_instance" "x" {\n  instance_type = var.t\n}\n`,
          'terraform.tfvars.json': '{ "t": ',
        },
        'main.tf',
      );
      const item = only(items, 'aws_instance.x');
      assert.equal(item.sku, 'g5.2xlarge');
      assert.ok(item.assumptions.some((a) => a.includes('terraform.tfvars.json is not valid JSON')));
    });
  });
});
