import { strict as assert } from 'node:assert';
import { formatUsd, lensTitle } from '../../../src/core/format/costFormat';
import type { CostItem } from '../../../src/core/model';

const item: CostItem = {
  file: '/ws/main.tf',
  range: { start: { line: 0, column: 0 }, end: { line: 3, column: 1 } },
  kind: 'compute',
  resource: 'aws_instance.trainer',
  provider: 'aws',
  region: 'us-east-1',
  sku: 'p4d.24xlarge',
  quantity: 2,
  pricing: 'on-demand',
  accelerators: { name: 'A100-40GB', count: 16 },
  tags: {},
  estimate: { hourlyUsd: 43.9153, monthlyUsd: 32058.16, perRunUsd: null, perCallUsd: null },
  assumptions: [],
};

describe('cost formatting', () => {
  it('formats the lens title as documented', () => {
    assert.equal(lensTitle(item), '$43.92/h · $32,058/mo · 2× p4d.24xlarge (16× A100 40GB) · on-demand us-east-1');
  });

  it('says why an item is not priced instead of showing $0', () => {
    const title = lensTitle({ ...item, estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null }, unpricedReason: 'instance_type: variable "t" has no default' });
    assert.match(title, /not priced/);
    assert.match(title, /variable "t" has no default/);
    assert.doesNotMatch(title, /\$0/);
  });

  it('keeps cents below $1,000 and sub-cent precision for tiny figures', () => {
    assert.equal(formatUsd(0.4246), '$0.42');
    assert.equal(formatUsd(1234.5), '$1,235');
    assert.equal(formatUsd(0.0021), '$0.0021');
  });
});
