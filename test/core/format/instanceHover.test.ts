import { strict as assert } from 'node:assert';
import { INSTANCE_TYPE_PATTERN, instanceHoverMarkdown } from '../../../src/core/format/instanceHover';
import { catalog } from '../helpers';

describe('instance hover', () => {
  it('tabulates on-demand, spot and per-GPU-hour prices per region', () => {
    const md = instanceHoverMarkdown(catalog, 'p4d.24xlarge') ?? '';
    // us-east-1: 21.957642 on-demand, 2.4655 spot, 21.957642 / 8 per GPU-hour
    assert.match(md, /\| us-east-1 \| \$21\.96 \| \$2\.47 \| \$2\.74 \|/);
    assert.match(md, /\| eu-west-1 \| \$23\.72 \| \$9\.76 \| \$2\.96 \|/);
    assert.match(md, /Accelerators: 8× A100-40GB \(40 GiB each, 320 GiB total\)/);
  });

  it('lists the three cheapest instances with at least as much accelerator memory, cheapest first', () => {
    const md = instanceHoverMarkdown(catalog, 'p4d.24xlarge') ?? '';
    const alternatives = md.split('\n').filter((l) => l.startsWith('- `'));
    assert.equal(alternatives.length, 3);
    const prices = alternatives.map((l) => Number(/\$([\d,.]+)\/h/.exec(l)?.[1].replace(/,/g, '')));
    assert.deepEqual([...prices].sort((a, b) => a - b), prices);
    assert.ok(prices.every((p) => p < 21.96), 'each alternative is cheaper than the hovered type here');
  });

  it('shows a GCP GPU machine type at its VM + GPU price, not the VM-only row', () => {
    const md = instanceHoverMarkdown(catalog, 'a2-highgpu-1g') ?? '';
    const rows = md.split('\n').filter((l) => l.startsWith('| us-central1'));
    assert.deepEqual(rows, ['| us-central1 | $3.67 | $1.80 | $3.67 |']);
  });

  it('gives SageMaker types the hardware of their EC2 twin', () => {
    const md = instanceHoverMarkdown(catalog, 'ml.g5.xlarge') ?? '';
    assert.match(md, /Accelerators: 1× A10G/);
    assert.match(md, /SageMaker hosting price/);
  });

  it('ignores words that are not instance types', () => {
    assert.equal(instanceHoverMarkdown(catalog, 'hashicorp'), undefined);
    assert.equal(instanceHoverMarkdown(catalog, 'p4d.24xlargeish'), undefined);
  });

  it('recognises instance-type words of each cloud', () => {
    for (const word of ['p4d.24xlarge', 'ml.g5.xlarge', 'a2-highgpu-1g', 'Standard_NC24ads_A100_v4', 'gpu_1x_a100']) {
      const m = new RegExp(`^(?:${INSTANCE_TYPE_PATTERN.source})$`).exec(word);
      assert.ok(m, word);
    }
  });
});
