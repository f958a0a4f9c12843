import { strict as assert } from 'node:assert';
import { aksPool } from '../../../../src/core/resources/azure/aks';
import { amlComputeCluster, amlComputeInstance, amlOnlineDeployment } from '../../../../src/core/resources/azure/machineLearning';
import { azureVm, WINDOWS_LICENSE_NOTE } from '../../../../src/core/resources/azure/virtualMachines';
import { estimate } from '../../../../src/core/resources/costModel';
import type { InstanceGroup } from '../../../../src/core/resources/instanceGroup';
import { assertGolden, ctx, group, region } from '../golden';

const nodes = (sku: string, fields: Partial<InstanceGroup> = {}) =>
  group({ provider: 'azure', cloud: 'azure', sku, region: region('eastus'), ...fields });

describe('Azure models', () => {
  it('prices a Windows VM at the Linux rate and says the license is extra', () => {
    const linux = estimate(azureVm, { group: nodes('Standard_NC24ads_A100_v4'), windows: false }, ctx);
    const windows = estimate(azureVm, { group: nodes('Standard_NC24ads_A100_v4'), windows: true }, ctx);
    assert.ok(linux.estimate.hourlyUsd !== null && linux.estimate.hourlyUsd > 0);
    assert.equal(windows.estimate.hourlyUsd, linux.estimate.hourlyUsd);
    assert.ok(windows.assumptions.includes(WINDOWS_LICENSE_NOTE));
    assert.ok(!linux.assumptions.includes(WINDOWS_LICENSE_NOTE));
    assertGolden('azure/vm-windows', windows);
  });

  it('sizes an autoscaling AKS pool at min_count and a fixed one at node_count', () => {
    const pool = nodes('Standard_NC6s_v3', { kind: 'cluster', quantity: 2 });
    const auto = estimate(aksPool, { group: pool, autoscaling: true, minCount: { n: 1, note: 'min_count = 1' }, nodeCount: { n: 3, note: 'node_count = 3' }, notes: ['location of azurerm_kubernetes_cluster.main'] }, ctx);
    assert.equal(auto.quantity, 2);
    assert.equal(auto.minQuantity, 2);
    assert.ok(auto.assumptions.includes('autoscaling: min_count = 1'));
    const fixed = estimate(aksPool, { group: pool, autoscaling: false, minCount: { n: 1, note: 'min_count = 1' }, nodeCount: { n: 3, note: 'node_count = 3' }, notes: [] }, ctx);
    assert.equal(fixed.quantity, 6);
    assert.equal(fixed.minQuantity, undefined);
    const unsized = estimate(aksPool, { group: nodes('Standard_NC6s_v3', { kind: 'cluster' }), autoscaling: false, notes: [] }, ctx);
    assert.equal(unsized.quantity, 1);
    assert.ok(unsized.assumptions.includes('node_count not set; priced as 1 node'));
    assertGolden('azure/aks-pool-autoscaling', auto);
  });

  it('prices a Terraform ML cluster at its always-running minimum, else at its maximum with every node busy', () => {
    const cluster = nodes('Standard_NC24ads_A100_v4', { kind: 'cluster' });
    const idle = estimate(amlComputeCluster, { group: cluster, scale: { written: 'scale_settings', min: { n: 0, note: 'min_node_count = 0' }, max: { n: 4, note: 'max_node_count = 4' } } }, ctx);
    assert.equal(idle.quantity, 4);
    assert.equal(idle.minQuantity, 0);
    assert.ok(idle.assumptions.includes('priced at max_node_count = 4 (all nodes busy); the cluster idles at 0 nodes'));
    const warm = estimate(amlComputeCluster, { group: cluster, scale: { written: 'scale_settings', min: { n: 2, note: 'min_node_count = 2' }, max: { n: 4, note: 'max_node_count = 4' } } }, ctx);
    assert.equal(warm.quantity, 2);
    assert.ok(warm.assumptions.includes('min_node_count = 2 (always running)'));
    assertGolden('azure/ml-compute-cluster-scale-settings', idle);
  });

  it('prices an SDK cluster at its maximum and states the idle floor', () => {
    const item = estimate(amlComputeCluster, {
      group: nodes('Standard_NC6s_v3', { kind: 'cluster' }),
      scale: { written: 'sdk', min: { n: 0, arg: 'min_instances' }, max: { n: 1, arg: 'max_instances' } },
      notes: ['size not set: the SDK uses Standard_DS3_v2'],
    }, ctx);
    assert.equal(item.quantity, 1);
    assert.equal(item.minQuantity, undefined);
    assert.deepEqual(item.assumptions.slice(-2), ['priced with all 1 node busy (max_instances); it scales down to 0 (min_instances) when idle', 'size not set: the SDK uses Standard_DS3_v2']);
    assertGolden('azure/ml-compute-cluster-sdk', item);
  });

  it('prices a compute instance as an on-demand notebook billed while running', () => {
    const item = estimate(amlComputeInstance, nodes('Standard_NC8as_T4_v3', { pricing: 'spot' }), ctx);
    assert.equal(item.kind, 'notebook');
    assert.equal(item.pricing, 'on-demand');
    assert.ok(item.assumptions.includes('billed while the compute instance is running'));
    assertGolden('azure/ml-compute-instance', item);
  });

  it('prices an online deployment at instance_count instances, one when unset', () => {
    const two = estimate(amlOnlineDeployment, { group: nodes('Standard_NC24ads_A100_v4'), instanceCount: { n: 2, note: 'instance_count = 2' } }, ctx);
    const one = estimate(amlOnlineDeployment, { group: nodes('Standard_NC24ads_A100_v4') }, ctx);
    assert.equal(two.kind, 'endpoint');
    assert.equal(two.quantity, 2);
    assert.equal(one.quantity, 1);
    assert.equal(two.estimate.hourlyUsd, Math.round((one.estimate.hourlyUsd ?? 0) * 2 * 1e4) / 1e4);
    assertGolden('azure/ml-online-deployment', two);
  });
});
