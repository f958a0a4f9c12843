import { strict as assert } from 'node:assert';
import { diffCosts } from '../../../src/core/diff/costDiff';
import type { CostItem } from '../../../src/core/model';

function item(root: string, resource: string, sku: string, monthly: number | null, extra: Partial<CostItem> = {}): CostItem {
  return {
    file: `${root}/infra/main.tf`,
    range: { start: { line: 0, column: 0 }, end: { line: 1, column: 0 } },
    kind: 'compute',
    resource,
    provider: 'aws',
    region: 'us-east-1',
    sku,
    quantity: 1,
    pricing: 'on-demand',
    accelerators: null,
    tags: {},
    estimate: { hourlyUsd: monthly === null ? null : monthly / 730, monthlyUsd: monthly, perRunUsd: null, perCallUsd: null },
    assumptions: [],
    ...extra,
  };
}

describe('diffCosts', () => {
  it('matches items by file and resource across different roots and reports added, removed and changed', () => {
    const base = [item('/a', 'aws_instance.keep', 'g5.xlarge', 100), item('/a', 'aws_instance.gone', 'g5.xlarge', 50), item('/a', 'aws_instance.grow', 'g5.xlarge', 100)];
    const head = [item('/b', 'aws_instance.keep', 'g5.xlarge', 100), item('/b', 'aws_instance.grow', 'p5.48xlarge', 400), item('/b', 'aws_instance.new', 'g6.xlarge', 25)];
    const d = diffCosts({ root: '/a', items: base }, { root: '/b', items: head });
    assert.deepEqual(
      d.changes.map((c) => [c.kind, c.file, c.resource, c.monthlyDeltaUsd]),
      [
        ['removed', 'infra/main.tf', 'aws_instance.gone', -50],
        ['changed', 'infra/main.tf', 'aws_instance.grow', 300],
        ['added', 'infra/main.tf', 'aws_instance.new', 25],
      ],
    );
    assert.equal(d.unchanged, 1);
    assert.deepEqual([d.base.monthlyUsd, d.head.monthlyUsd, d.monthlyDeltaUsd, d.monthlyDeltaPercent], [250, 525, 275, 110]);
    assert.deepEqual(d.changes[1].details, ['instance type g5.xlarge → p5.48xlarge', 'monthly cost $100.00 → $400.00']);
  });

  it('counts per-run deltas, and an item becoming unpriced is a change with a zero contribution, not a guess', () => {
    const base = [item('/a', 'job', 'ml.p4d.24xlarge', null, { estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: 120, perCallUsd: null } }), item('/a', 'x', 'g5.xlarge', 10)];
    const head = [item('/b', 'job', 'ml.p4d.24xlarge', null, { estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: 200, perCallUsd: null } }), item('/b', 'x', 'weird.type', null, { unpricedReason: 'not in catalog' })];
    const d = diffCosts({ root: '/a', items: base }, { root: '/b', items: head });
    const job = d.changes.find((c) => c.resource === 'job');
    assert.equal(job?.perRunDeltaUsd, 80);
    assert.equal(d.perRunDeltaUsd, 80);
    const x = d.changes.find((c) => c.resource === 'x');
    assert.equal(x?.after?.unpricedReason, 'not in catalog');
    assert.equal(x?.monthlyDeltaUsd, -10);
    assert.ok(x?.details.includes('not priced — → not in catalog'), x?.details.join(' | '));
  });

  it('keeps two items with the same address apart and has no percentage from a zero base', () => {
    const head = [item('/b', 'dup', 'g5.xlarge', 10), item('/b', 'dup', 'g5.xlarge', 20)];
    const d = diffCosts({ root: '/a', items: [] }, { root: '/b', items: head });
    assert.equal(d.changes.length, 2);
    assert.equal(d.monthlyDeltaUsd, 30);
    assert.equal(d.monthlyDeltaPercent, null);
  });
});
