import { strict as assert } from 'node:assert';
import { DEFAULT_ENGINE_OPTIONS } from '../../../../src/core/config/engineOptions';
import { estimate } from '../../../../src/core/resources/costModel';
import { gpuHourShare } from '../../../../src/core/resources/kubernetes/gpuPods';
import { assertGolden, ctx, group } from '../golden';

describe('Kubernetes GPU pod models', () => {
  it('prices pods without a node type per GPU-hour at the configured rate', () => {
    const pods = group({ provider: 'aws', sku: 'nvidia.com/gpu', region: { value: null, assumption: 'no node type or region: priced per GPU-hour, not per instance' }, quantity: 2 });
    const item = estimate(gpuHourShare, { pods, gpusPerPod: 4, gpuResource: 'nvidia.com/gpu', vendor: 'nvidia', modelNotes: [] }, { ...ctx, options: { ...DEFAULT_ENGINE_OPTIONS, gpuHourRate: { usdPerHour: 2.5, source: 'settings' } } });
    assert.equal(item.provider, 'other');
    assert.equal(item.estimate.hourlyUsd, 20);
    assert.deepEqual(item.accelerators, { name: 'NVIDIA GPU', count: 8 });
    assertGolden('kubernetes/gpu-hour-share-configured-rate', item);
  });
});
