import { strict as assert } from 'node:assert';
import { aksPool } from '../../../../src/core/resources/azure/aks';
import { amlComputeInstance } from '../../../../src/core/resources/azure/azureMl';
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

  it('prices an AKS pool that scales to zero per node while one runs, never a silent $0', () => {
    const pool = nodes('Standard_NC24ads_A100_v4', { kind: 'cluster', pricing: 'spot' });
    const zero = estimate(aksPool, { group: pool, autoscaling: true, minCount: { n: 0, note: 'min_count = 0' }, nodeCount: { n: 1, note: 'node_count = 1' }, notes: [] }, ctx);
    assert.equal(zero.quantity, 1);
    assert.equal(zero.minQuantity, 0);
    assert.ok((zero.estimate.hourlyUsd ?? 0) > 0);
    assert.ok(zero.assumptions.includes('autoscaling: min_count = 0: scales to zero; priced per node while one runs'), zero.assumptions.join('; '));
    const fixedZero = estimate(aksPool, { group: pool, autoscaling: false, nodeCount: { n: 0, note: 'node_count = 0' }, notes: [] }, ctx);
    assert.equal(fixedZero.quantity, 1);
    assert.ok(fixedZero.assumptions.includes('node_count = 0: scales to zero; priced per node while one runs'));
    assertGolden('azure/aks-pool-scale-to-zero', zero);
  });

  it('prices a compute instance as an on-demand notebook billed while running', () => {
    const item = estimate(amlComputeInstance, nodes('Standard_NC8as_T4_v3', { pricing: 'spot' }), ctx);
    assert.equal(item.kind, 'notebook');
    assert.equal(item.pricing, 'on-demand');
    assert.ok(item.assumptions.some((a) => /billed while running/.test(a)), item.assumptions.join('; '));
    assertGolden('azure/ml-compute-instance', item);
  });
});
