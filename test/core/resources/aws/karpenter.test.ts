import { strict as assert } from 'node:assert';
import { cheapestFamilySize, karpenterNodePool, type NodeRequirement } from '../../../../src/core/resources/aws/karpenter';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, region } from '../golden';

const pool = { file: '/ws/test', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 10 } }, kind: 'compute' as const, resource: 'NodePool/gpu', region: region('us-east-1'), tags: {} };

function cheapestEc2(region: string, allowed: (type: string) => boolean, key: 'onDemandUsdPerHour' | 'spotUsdPerHour'): string {
  const rows = ctx.catalog.allInstanceTypes().flatMap((t) => ctx.catalog.offersFor(t))
    .filter((o) => o.cloud === 'aws' && o.service === 'ec2' && o.kind === 'instance' && o.region === region && o[key] !== null && allowed(o.instanceType));
  rows.sort((a, b) => (a[key] ?? 0) - (b[key] ?? 0));
  return rows[0].instanceType;
}

describe('Karpenter models', () => {
  it('prices one node of the cheapest EC2 type a NodePool\'s requirements allow', () => {
    const requirements: NodeRequirement[] = [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g5', 'g6'] }];
    const item = estimate(karpenterNodePool, { pool, requirements }, ctx);
    assert.equal(item.quantity, 1);
    assert.equal(item.pricing, 'on-demand');
    assert.equal(item.sku, cheapestEc2('us-east-1', (t) => /^(g5|g6)\./.test(t), 'onDemandUsdPerHour'));
    assert.ok(item.assumptions.some((a) => a.startsWith('priced per node: a NodePool is a ceiling')));
    assertGolden('aws/karpenter-node-pool', item);
  });

  it('prices spot only when the pool allows nothing but spot, and states no price when nothing narrows the type', () => {
    const spotOnly = estimate(karpenterNodePool, { pool, requirements: [
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g5'] },
    ] }, ctx);
    assert.equal(spotOnly.pricing, 'spot');
    assert.equal(spotOnly.sku, cheapestEc2('us-east-1', (t) => t.startsWith('g5.'), 'spotUsdPerHour'));
    const both = estimate(karpenterNodePool, { pool, requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] }, { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g5'] }] }, ctx);
    assert.equal(both.pricing, 'on-demand');
    const open = estimate(karpenterNodePool, { pool, requirements: [{ key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['4'] }] }, ctx);
    assert.match(open.unpricedReason ?? '', /^no node\.kubernetes\.io\/instance-type, .*requirement: Karpenter may launch any EC2 type/);
  });

  it('leaves Graviton types out unless the pool allows arm64', () => {
    const amd = estimate(karpenterNodePool, { pool, requirements: [{ key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['m'] }] }, ctx);
    assert.doesNotMatch(amd.sku ?? '', /^m\d+g/);
    assert.equal(amd.sku, cheapestEc2('us-east-1', (t) => /^m\d/.test(t) && !/^m\d+g/.test(t), 'onDemandUsdPerHour'));
  });

  it('chooses the cheapest size of a pod\'s Karpenter family that holds its GPUs', () => {
    const choice = cheapestFamilySize(ctx.catalog, { label: 'karpenter.k8s.aws/instance-family', families: ['p4d', 'g5'] }, 4, region('us-east-1'));
    assert.ok('type' in choice);
    assert.equal(choice.type, cheapestEc2('us-east-1', (t) => /^(p4d|g5)\./.test(t) && (ctx.catalog.offersFor(t)[0].accelerator?.count ?? 0) >= 4, 'onDemandUsdPerHour'));
    const none = cheapestFamilySize(ctx.catalog, { label: 'karpenter.k8s.aws/instance-family', families: ['g5'] }, 64, region('us-east-1'));
    assert.deepEqual(none, { unresolved: 'no g5 instance in the catalog holds 64 GPU(s) in us-east-1' });
  });
});
