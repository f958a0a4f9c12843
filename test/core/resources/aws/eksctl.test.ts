import { strict as assert } from 'node:assert';
import { EKSCTL_DEFAULT_INSTANCE_TYPE, EKSCTL_DEFAULT_NODE_COUNT, eksctlNodeGroup, type EksctlNodeGroupInput } from '../../../../src/core/resources/aws/eksctl';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, region } from '../golden';

const RANGE = { start: { line: 0, column: 0 }, end: { line: 0, column: 10 } };

const base: EksctlNodeGroupInput['group'] = {
  file: '/ws/cluster.yaml', range: RANGE, kind: 'compute', resource: 'ClusterConfig/test [managedNodeGroups/ng]', provider: 'aws', cloud: 'aws',
  region: region('us-west-2'), tags: {}, notes: [],
};
const unsized = [{ name: 'desiredCapacity', value: undefined }, { name: 'minSize', value: undefined }];
const input = (over: Partial<EksctlNodeGroupInput>): EksctlNodeGroupInput => ({ group: base, sizing: unsized, spot: false, ...over });

describe('eksctl node group model', () => {
  it('prices eksctl\'s default type and node count when the group names neither', () => {
    const item = estimate(eksctlNodeGroup, input({}), ctx);
    assert.equal(item.sku, EKSCTL_DEFAULT_INSTANCE_TYPE);
    assert.equal(item.quantity, EKSCTL_DEFAULT_NODE_COUNT);
    assert.ok(item.assumptions.includes('no desiredCapacity or minSize; eksctl creates 2 nodes'), item.assumptions.join('; '));
    assert.ok(item.assumptions.includes('instanceType not set: eksctl defaults to m5.large'));
    assertGolden('aws/eksctl-node-group-defaults', item);
  });

  it('prices the first listed type on spot at minSize when desiredCapacity is not written', () => {
    const item = estimate(eksctlNodeGroup, input({
      instanceTypes: [7, 'g5.xlarge', 'g5.2xlarge'],
      sizing: [{ name: 'desiredCapacity', value: undefined }, { name: 'minSize', value: 3 }],
      spot: true,
    }), ctx);
    assert.equal(item.sku, 'g5.xlarge');
    assert.equal(item.quantity, 3);
    assert.equal(item.pricing, 'spot');
    assert.ok(item.assumptions.includes('minSize = 3'));
    assertGolden('aws/eksctl-node-group-spot', item);
  });

  it('sizes like every Auto Scaling group: desiredCapacity 0 scales to zero and is priced per node, never a silent $0', () => {
    const item = estimate(eksctlNodeGroup, input({ instanceType: 'm5.xlarge', sizing: [{ name: 'desiredCapacity', value: 0 }, { name: 'minSize', value: 0 }] }), ctx);
    assert.equal(item.quantity, 1);
    assert.ok((item.estimate.hourlyUsd ?? 0) > 0);
    assert.ok(item.assumptions.includes('desiredCapacity = 0: scales to zero; priced per node while one runs'), item.assumptions.join('; '));
    const odd = estimate(eksctlNodeGroup, input({ instanceType: 'm5.xlarge', sizing: [{ name: 'desiredCapacity', value: { unresolved: 'desiredCapacity is 1.5, not a whole number' } }, { name: 'minSize', value: 1 }] }), ctx);
    assert.equal(odd.quantity, 1);
    assert.ok(odd.assumptions.some((a) => a.startsWith('desiredCapacity could not be resolved (desiredCapacity is 1.5')), odd.assumptions.join('; '));
  });
});
