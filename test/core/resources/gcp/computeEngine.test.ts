import { strict as assert } from 'node:assert';
import { estimate } from '../../../../src/core/resources/costModel';
import { gceVm } from '../../../../src/core/resources/gcp/computeEngine';
import { assertGolden, ctx, group, region } from '../golden';

const vm = (sku: string, pricing: 'spot' | 'on-demand', quantity = 1) =>
  group({ provider: 'gcp', cloud: 'gcp', sku, region: region('us-central1'), pricing, quantity });
const t4s = { type: 'nvidia-tesla-t4', count: 2, via: 'guest_accelerator' };

describe('GCE VM + attached GPUs model', () => {
  it('adds the attached GPUs to the VM, both at the VM pricing model', () => {
    const t4 = ctx.catalog.gcpAcceleratorPrice('nvidia-tesla-t4', 2, 'us-central1');
    const n1 = ctx.catalog.lookup({ instanceType: 'n1-standard-8', cloud: 'gcp', region: 'us-central1' });
    assert.ok(t4.found && t4.offer.spotUsdPerHour !== null && t4.offer.onDemandUsdPerHour !== null);
    assert.ok(n1.found && n1.offer.spotUsdPerHour !== null && n1.offer.onDemandUsdPerHour !== null);
    const spot = estimate(gceVm, { vm: vm('n1-standard-8', 'spot', 3), gpus: t4s }, ctx);
    const onDemand = estimate(gceVm, { vm: vm('n1-standard-8', 'on-demand', 3), gpus: t4s }, ctx);
    assert.equal(spot.estimate.hourlyUsd, Math.round((n1.offer.spotUsdPerHour + t4.offer.spotUsdPerHour) * 3 * 1e4) / 1e4);
    assert.equal(onDemand.estimate.hourlyUsd, Math.round((n1.offer.onDemandUsdPerHour + t4.offer.onDemandUsdPerHour) * 3 * 1e4) / 1e4);
    assert.deepEqual(spot.accelerators, { name: 'T4', count: 6 });
    assertGolden('gcp/compute-engine-n1-t4-spot', spot);
    assertGolden('gcp/compute-engine-n1-t4-on-demand', onDemand);
  });

  it('prices the GPUs of a VM whose machine type the catalog lacks, and says the VM part is missing', () => {
    const t4 = ctx.catalog.gcpAcceleratorPrice('nvidia-tesla-t4', 2, 'us-central1');
    assert.ok(t4.found && t4.offer.onDemandUsdPerHour !== null);
    const item = estimate(gceVm, { vm: vm('n1-custom-8-30720', 'on-demand'), gpus: t4s }, ctx);
    assert.equal(item.estimate.hourlyUsd, t4.offer.onDemandUsdPerHour);
    assert.equal(item.unpricedReason, undefined);
    assert.ok(item.assumptions.some((a) => a.startsWith('the n1-custom-8-30720 VM itself is not included: ')), item.assumptions.join('; '));
    assertGolden('gcp/compute-engine-custom-vm-t4', item);
  });

  it('does not add GPUs a machine type already includes', () => {
    const a2 = group({ provider: 'gcp', cloud: 'gcp', sku: 'a2-highgpu-1g', region: region('us-central1') });
    const alone = estimate(gceVm, { vm: a2 }, ctx);
    const withGpus = estimate(gceVm, { vm: a2, gpus: { type: 'NVIDIA_TESLA_A100', count: 1, via: 'accelerator_type' } }, ctx);
    assert.equal(withGpus.estimate.hourlyUsd, alone.estimate.hourlyUsd);
    assertGolden('gcp/compute-engine-a2-included-gpu', withGpus);
  });

  it('leaves the item unpriced, saying why, for a GPU the catalog does not know', () => {
    const item = estimate(gceVm, { vm: vm('n1-standard-8', 'on-demand'), gpus: { type: 'nvidia-tesla-k9000', count: 1, via: 'guest_accelerator' } }, ctx);
    assert.equal(item.estimate.hourlyUsd, null);
    assert.match(item.unpricedReason ?? '', /^guest_accelerator: no GCP price for accelerator nvidia-tesla-k9000/);
    assertGolden('gcp/compute-engine-unknown-gpu', item);
  });
});
