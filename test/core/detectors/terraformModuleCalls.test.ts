import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../helpers';

const PROVIDER = `provider "aws" {\n  region = "us-east-1"\n}\n`;

describe('Terraform module calls', () => {
  it('resolves each.value in a module for_each whose condition reads a variable declared with default = null', async () => {
    const { items } = await analyzeFiles(
      {
        'main.tf': `${PROVIDER}module "pool" {\n  source = "./pool"\n  groups = {\n    a = { instance_type = "g5.xlarge" }\n  }\n}\n`,
        'pool/main.tf': [
          'variable "create" {\n  default = true\n}',
          'variable "outpost" {\n  default = null\n}',
          'variable "groups" {\n  default = null\n}',
          'locals {\n  outposts = var.outpost != null\n}',
          'resource "aws_instance" "node" {\n  for_each      = var.create && !local.outposts && var.groups != null ? var.groups : {}\n  instance_type = each.value.instance_type\n}',
        ].join('\n'),
      },
      'main.tf',
    );
    const [total] = items;
    assert.equal(items.length, 1);
    assert.equal(total.unpricedReason, undefined, total.assumptions.join('\n'));
    assert.equal(total.children?.[0].resource, 'module.pool.aws_instance.node["a"]');
    assert.equal(total.children?.[0].sku, 'g5.xlarge');
  });
});
