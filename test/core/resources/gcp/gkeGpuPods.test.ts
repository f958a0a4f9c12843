import { strict as assert } from 'node:assert';
import { estimate } from '../../../../src/core/resources/costModel';
import { gkeAttachedGpuPods } from '../../../../src/core/resources/gcp/gkeGpuPods';
import { assertGolden, ctx, group, region } from '../golden';

const pods = (replicas: number, pricing: 'on-demand' | 'spot' = 'on-demand') => ({
  ...group({ provider: 'gcp', cloud: 'gcp', sku: 'nvidia-tesla-t4', region: region('us-central1'), quantity: replicas, pricing, kind: 'k8s-workload', notes: [`replicas: ${replicas}`] }),
  sku: 'nvidia-tesla-t4',
});

describe('GKE attached-GPU pod model', () => {
  it('prices each pod\'s GPUs plus the smallest n1-standard VM holding its requests', () => {
    const item = estimate(gkeAttachedGpuPods, { pods: pods(2), gpusPerPod: 1, cpus: 3, memoryGib: 10 }, ctx);
    const vm = ctx.catalog.offersFor('n1-standard-4').find((o) => o.region === item.region && o.kind === 'instance');
    assert.ok(vm && vm.onDemandUsdPerHour !== null);
    assert.equal(item.sku, 'n1-standard-4 + nvidia-tesla-t4');
    assert.deepEqual(item.accelerators?.count, 2);
    const gpuNote = item.assumptions.find((a) => a.startsWith('2 pod(s) × 1 nvidia-tesla-t4'));
    assert.ok(gpuNote, item.assumptions.join('; '));
    const gpuUnit = Number(/\$([\d.]+)\/h per pod's GPUs/.exec(gpuNote)?.[1]);
    assert.equal(item.estimate.hourlyUsd, Math.round((gpuUnit + vm.onDemandUsdPerHour) * 2 * 1e4) / 1e4);
    assert.ok(item.assumptions.some((a) => a.startsWith('node VM n1-standard-4')));
    assertGolden('gcp/gke-attached-gpu-pods', item);
  });

  it('prices no pods at zero, saying the VM is not included, and an unknown accelerator with a reason', () => {
    const none = estimate(gkeAttachedGpuPods, { pods: pods(0), gpusPerPod: 1, cpus: 0, memoryGib: 0 }, ctx);
    assert.equal(none.estimate.hourlyUsd, 0);
    assert.ok(none.assumptions.includes('GPUs only: the node machine type is not named, so its VM price is not included'));
    const unknown = estimate(gkeAttachedGpuPods, { pods: { ...pods(1), sku: 'nvidia-made-up' }, gpusPerPod: 1, cpus: 0, memoryGib: 0 }, ctx);
    assert.equal(unknown.estimate.hourlyUsd, null);
    assert.ok(unknown.unpricedReason);
  });
});
