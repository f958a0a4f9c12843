import { strict as assert } from 'node:assert';
import { estimate } from '../../../../src/core/resources/costModel';
import { gceVm } from '../../../../src/core/resources/gcp/computeEngine';
import { VERTEX_MARGIN_NOTE } from '../../../../src/core/resources/gcp/vertexNodes';
import { vertexBatchPrediction, vertexEndpoint } from '../../../../src/core/resources/gcp/vertexPrediction';
import { assertGolden, ctx, group, region } from '../golden';

const machines = {
  vm: group({ provider: 'gcp', cloud: 'gcp', sku: 'n1-standard-8', region: region('us-central1'), quantity: 2, kind: 'endpoint', notes: ['min_replica_count = 2 (test input)'] }),
  gpus: { type: 'NVIDIA_TESLA_T4', count: 1, via: 'accelerator_type' },
};

describe('Vertex AI prediction models', () => {
  it('prices an endpoint\'s nodes every hour they are up: VMs and attached GPUs monthly, saying so first', () => {
    const vm = estimate(gceVm, machines, ctx);
    const item = estimate(vertexEndpoint, { machines }, ctx);
    assert.ok(item.estimate.hourlyUsd !== null && item.estimate.hourlyUsd > 0);
    assert.equal(item.estimate.hourlyUsd, vm.estimate.hourlyUsd);
    assert.equal(item.estimate.monthlyUsd, vm.estimate.monthlyUsd);
    assert.deepEqual(item.accelerators, { name: 'T4', count: 2 });
    assert.equal(item.assumptions[2], 'an endpoint is billed every hour its min_replica_count nodes are up', item.assumptions.join('\n'));
    assert.ok(item.assumptions.includes(VERTEX_MARGIN_NOTE));
    assertGolden('gcp/vertex-endpoint-n1-t4', item);
  });

  it('prices a batch prediction job per node-hour while it runs, never per month', () => {
    const item = estimate(vertexBatchPrediction, { machines: { ...machines, vm: { ...machines.vm, kind: 'compute' } } }, ctx);
    assert.ok(item.estimate.hourlyUsd !== null && item.estimate.hourlyUsd > 0);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(!item.assumptions.some((a) => a.endsWith(' h/month')), item.assumptions.join('\n'));
    assert.equal(item.assumptions.at(-1), 'batch prediction is billed per node-hour while the job runs; its length is not in the code');
    assertGolden('gcp/vertex-batch-prediction-n1-t4', item);
  });

  it('leaves nodes whose machine type or accelerator could not be read unpriced, with the reason and no figure', () => {
    const noType = estimate(vertexEndpoint, { machines: { vm: { ...machines.vm, sku: { unresolved: 'machine_type comes from `mt`' } } } }, ctx);
    assert.equal(noType.unpricedReason, 'machine_type comes from `mt`');
    assert.equal(noType.sku, null);
    assert.equal(noType.estimate.monthlyUsd, null);
    const noGpu = estimate(vertexBatchPrediction, { machines, gpusUnread: 'accelerator_type comes from `gpu`' }, ctx);
    assert.equal(noGpu.unpricedReason, 'accelerator_type comes from `gpu`');
    assert.equal(noGpu.sku, 'n1-standard-8');
    assert.equal(noGpu.estimate.hourlyUsd, null);
    assert.ok(!noGpu.assumptions.some((a) => a.startsWith('batch prediction is billed')), 'no while-running note on an unpriced item');
  });
});
