import { strict as assert } from 'node:assert';
import { estimate } from '../../../../src/core/resources/costModel';
import { gceVm } from '../../../../src/core/resources/gcp/computeEngine';
import { vertexTrainingRun } from '../../../../src/core/resources/gcp/vertexTraining';
import { assertGolden, ctx, group, region } from '../golden';

const machines = {
  vm: group({ provider: 'gcp', cloud: 'gcp', sku: 'n1-standard-8', region: region('us-central1'), quantity: 2, kind: 'training-run' }),
  gpus: { type: 'NVIDIA_TESLA_T4', count: 1, via: 'accelerator_type' },
};

describe('Vertex AI custom training model', () => {
  it('prices one run as the worker pool\'s VMs and GPUs × the job\'s timeout, never per month', () => {
    const hourly = estimate(gceVm, machines, ctx).estimate.hourlyUsd;
    assert.ok(hourly !== null && hourly > 0);
    const item = estimate(vertexTrainingRun, { machines, timeout: 5400 }, ctx);
    assert.equal(item.estimate.hourlyUsd, hourly);
    assert.equal(item.estimate.perRunUsd, Math.round(hourly * 1.5 * 100) / 100);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(!item.assumptions.some((a) => a.endsWith(' h/month')));
    assert.equal(item.assumptions.at(-1), "timeout = 5400 s caps one run at 1.5 h, the run's upper bound; a job that finishes sooner costs less");
    assertGolden('gcp/vertex-custom-training-run', item);
  });

  it('bounds a run without a readable timeout by Vertex\'s 7-day limit, saying why', () => {
    const hourly = estimate(gceVm, machines, ctx).estimate.hourlyUsd ?? NaN;
    const unset = estimate(vertexTrainingRun, { machines, timeout: undefined }, ctx);
    assert.equal(unset.estimate.perRunUsd, Math.round(hourly * 168 * 100) / 100);
    const unread = estimate(vertexTrainingRun, { machines, timeout: { unresolved: 'timeout comes from a variable' } }, ctx);
    assert.match(unread.assumptions.at(-1) ?? '', /^timeout comes from a variable; no timeout set: Vertex stops a custom job after 7 days \(168 h\)/);
  });
});
