import { strict as assert } from 'node:assert';
import { HYPERPOD_RATE_NOTE, hyperPodInstanceGroup, hyperPodPodShare } from '../../../../src/core/resources/aws/hyperpod';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

const p5 = (quantity = 1) => group({ provider: 'aws', cloud: 'aws', sku: 'ml.p5.48xlarge', region: region('us-east-1'), quantity });

describe('SageMaker HyperPod models', () => {
  it('prices an instance group at the SageMaker rate of its ml.* type × instance count', () => {
    const row = ctx.catalog.lookup({ instanceType: 'ml.p5.48xlarge', cloud: 'aws', region: 'us-east-1' });
    assert.ok(row.found && row.offer.onDemandUsdPerHour !== null);
    const item = estimate(hyperPodInstanceGroup, { group: p5(), count: { name: 'InstanceCount', value: 4 } }, ctx);
    assert.equal(item.kind, 'cluster');
    assert.equal(item.quantity, 4);
    assert.equal(item.estimate.hourlyUsd, Math.round(row.offer.onDemandUsdPerHour * 4 * 1e4) / 1e4);
    assert.ok(item.assumptions.includes(HYPERPOD_RATE_NOTE));
    assert.ok(item.assumptions.includes('InstanceCount = 4'));
    assertGolden('aws/hyperpod-instance-group', item);
  });

  it('prices one instance when the count is not written', () => {
    const item = estimate(hyperPodInstanceGroup, { group: p5(), count: { name: 'instance_count', value: undefined } }, ctx);
    assert.equal(item.quantity, 1);
    assert.ok(item.assumptions.includes('instance_count not set; priced as 1 instance'));
  });

  it('prices pods on a HyperPod node at their GPUs\' share of the node', () => {
    const node = estimate(hyperPodInstanceGroup, { group: p5(), count: { name: 'InstanceCount', value: 1 } }, ctx);
    const pods = estimate(hyperPodPodShare, { pods: p5(3), gpusPerPod: 2 }, ctx);
    assert.equal(pods.quantity, 3);
    // 3 pods × 2 of the node's 8 GPUs = 0.75 of a node.
    assert.equal(pods.estimate.hourlyUsd, Math.round((node.estimate.hourlyUsd ?? 0) * 0.75 * 1e4) / 1e4);
    assert.deepEqual(pods.accelerators && pods.accelerators.count, 6);
    assert.ok(pods.assumptions.some((a) => a.startsWith("each pod's 2 of the node's 8 GPUs")), pods.assumptions.join('; '));
    assertGolden('aws/hyperpod-pod-share', pods);
  });

  it('takes a whole node per pod without GPUs, and says a pod asking for more GPUs than the node has cannot run', () => {
    const node = estimate(hyperPodInstanceGroup, { group: p5(), count: { name: 'InstanceCount', value: 1 } }, ctx);
    const cpu = estimate(hyperPodPodShare, { pods: p5(2), gpusPerPod: 0 }, ctx);
    assert.equal(cpu.estimate.hourlyUsd, Math.round((node.estimate.hourlyUsd ?? 0) * 2 * 1e4) / 1e4);
    const greedy = estimate(hyperPodPodShare, { pods: p5(), gpusPerPod: 16 }, ctx);
    assert.equal(greedy.estimate.hourlyUsd, null);
    assert.equal(greedy.unpricedReason, 'each pod asks for 16 GPUs but ml.p5.48xlarge has 8');
  });
});
