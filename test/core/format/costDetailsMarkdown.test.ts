import { strict as assert } from 'node:assert';
import { costDetailsMarkdown } from '../../../src/core/format/costDetailsMarkdown';
import type { CostItem } from '../../../src/core/model';
import { catalog } from '../helpers';

describe('cost details markdown', () => {
  const long = `instance_type from variable "trainer_type" in variables.tf, overridden by terraform.tfvars; ${'a long explanation that a quick pick would cut off '.repeat(4).trim()}`;
  const item: CostItem = {
    file: 'main.tf', kind: 'compute', region: 'us-east-1', resource: 'aws_instance.trainer', provider: 'aws', sku: 'p4d.24xlarge', quantity: 2,
    pricing: 'on-demand', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, accelerators: { name: 'A100-40GB', count: 16 },
    tags: {}, assumptions: ['730 h/month', long, 'a | pipe and *stars*'],
    estimate: { hourlyUsd: 43.9153, monthlyUsd: 32058.16, perRunUsd: null, perCallUsd: null },
  };

  it('lists every assumption in full, escaped for markdown', () => {
    const md = costDetailsMarkdown(catalog, item);
    assert.match(md, /^# aws\\_instance\.trainer$/m);
    assert.match(md, /^\*\*\$32,058\/mo\*\*$/m);
    assert.ok(md.includes(`- ${long.replace(/_/g, '\\_')}\n`), md);
    assert.ok(md.includes('- a \\| pipe and \\*stars\\*\n'), md);
  });

  it('tabulates the SKU in every region under padded headers', () => {
    const md = costDetailsMarkdown(catalog, item);
    assert.match(md, /^\| &nbsp;&nbsp;Region&nbsp;&nbsp; \| &nbsp;&nbsp;On-demand \/h&nbsp;&nbsp; \|/m);
    assert.match(md, /^\| us-east-1 \| \$21\.96 \| \$2\.47 \| bundled/m);
    assert.match(md, /^\| eu-west-1 \| \$23\.72 \|/m);
  });
});
