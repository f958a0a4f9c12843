import { strict as assert } from 'node:assert';
import { MANAGED_SPOT_NOTE, sagemakerProcessingJob, sagemakerTrainingJob, type JobInstances } from '../../../../src/core/resources/aws/sagemakerTraining';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

function instances(sku: JobInstances['sku'], quantity = 1): JobInstances {
  return group({ provider: 'aws', cloud: 'aws', sku, region: region('us-east-1'), quantity, resource: 'sagemaker Estimator' });
}

function hourlyOf(sku: string, pricing: 'onDemandUsdPerHour' | 'spotUsdPerHour' = 'onDemandUsdPerHour'): number {
  const row = ctx.catalog.lookup({ instanceType: sku, cloud: 'aws', region: 'us-east-1', component: 'training' });
  assert.ok(row.found);
  const rate = row.offer[pricing] ?? row.offer.onDemandUsdPerHour;
  assert.ok(rate !== null);
  return rate;
}

describe('SageMaker training and processing job models', () => {
  it('prices one training run as instance count × hourly × the written runtime limit, with no monthly figure', () => {
    const item = estimate(sagemakerTrainingJob, { instances: instances('ml.g5.2xlarge', 2), spot: false, runtime: { name: 'max_run', seconds: 7200, default: 'sdk' } }, ctx);
    const hourly = Math.round(hourlyOf('ml.g5.2xlarge') * 2 * 1e4) / 1e4;
    assert.equal(item.kind, 'training-run');
    assert.equal(item.estimate.hourlyUsd, hourly);
    assert.equal(item.estimate.perRunUsd, Math.round(hourly * 2 * 100) / 100);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(!item.assumptions.some((a) => a.endsWith(' h/month')), item.assumptions.join('; '));
    assert.equal(item.assumptions.at(-1), "max_run = 7200 s is the run's upper bound; a job that finishes sooner costs less");
    assertGolden('aws/sagemaker-training-job', item);
  });

  it('bounds a run by the client\'s default when no limit is written: one day for the SDK and API, one hour for ModelTrainer', () => {
    const sdk = estimate(sagemakerTrainingJob, { instances: instances('ml.g5.2xlarge'), spot: false, runtime: { name: 'max_run', seconds: undefined, default: 'sdk' } }, ctx);
    const trainer = estimate(sagemakerTrainingJob, { instances: instances('ml.g5.2xlarge'), spot: false, runtime: { name: 'max_runtime_in_seconds', seconds: undefined, default: 'model-trainer' } }, ctx);
    const hourly = sdk.estimate.hourlyUsd ?? NaN;
    assert.equal(sdk.estimate.perRunUsd, Math.round(hourly * 24 * 100) / 100);
    assert.equal(trainer.estimate.perRunUsd, Math.round(hourly * 100) / 100);
    assert.match(sdk.assumptions.at(-1) ?? '', /^run length is the SDK's default max_run of 86400 s \(24 h\)/);
    const unread = estimate(sagemakerTrainingJob, { instances: instances('ml.g5.2xlarge'), spot: false, runtime: { name: 'MaxRuntimeInSeconds', seconds: { unresolved: 'MaxRuntimeInSeconds comes from a variable' }, default: 'api' } }, ctx);
    assert.match(unread.assumptions.at(-1) ?? '', /^MaxRuntimeInSeconds comes from a variable; run length is the API's default MaxRuntimeInSeconds of 86400 s/);
  });

  it('adds a warm pool\'s keep-alive to each run, multiplies by a tuning job\'s runs, and marks managed spot training', () => {
    const runtime = { name: 'max_runtime_in_seconds', seconds: 3600, default: 'model-trainer' as const, keepAliveSeconds: 1800 };
    const item = estimate(sagemakerTrainingJob, { instances: instances('ml.g5.2xlarge'), spot: true, runtime, runs: { count: 10, note: 'up to 10 training jobs' } }, ctx);
    const hourly = Math.round(hourlyOf('ml.g5.2xlarge', 'spotUsdPerHour') * 1e4) / 1e4;
    assert.equal(item.pricing, 'spot');
    assert.equal(item.estimate.hourlyUsd, hourly);
    assert.equal(item.estimate.perRunUsd, Math.round(hourly * 1.5 * 10 * 100) / 100);
    assert.ok(item.assumptions.includes(MANAGED_SPOT_NOTE));
    assert.deepEqual(item.assumptions.slice(-2), [
      "max_runtime_in_seconds = 3600 s is the run's upper bound; the warm pool (keep_alive_period_in_seconds = 1800) keeps the instances billed up to 1800 s more; a job that finishes sooner costs less",
      'up to 10 training jobs',
    ]);
    assertGolden('aws/sagemaker-tuning-spot', item);
  });

  it('says why a job whose instance type is unknown has no price', () => {
    const item = estimate(sagemakerTrainingJob, { instances: instances({ unresolved: 'instance_type is not set' }), spot: false, runtime: { name: 'max_run', seconds: 3600, default: 'sdk' } }, ctx);
    assert.equal(item.unpricedReason, 'instance_type is not set');
    assert.equal(item.estimate.perRunUsd, null);
  });

  it('prices a processing job per run when its limit is written, else hourly while it runs', () => {
    const bounded = estimate(sagemakerProcessingJob, { instances: instances('ml.m5.xlarge'), runtime: { name: 'max_runtime_in_seconds', seconds: 1800 } }, ctx);
    const hourly = bounded.estimate.hourlyUsd ?? NaN;
    assert.equal(bounded.kind, 'compute');
    assert.equal(bounded.estimate.perRunUsd, Math.round(hourly * 0.5 * 100) / 100);
    const open = estimate(sagemakerProcessingJob, { instances: instances('ml.m5.xlarge'), runtime: { name: 'max_runtime_in_seconds', seconds: undefined } }, ctx);
    assert.equal(open.estimate.hourlyUsd, hourly);
    assert.equal(open.estimate.monthlyUsd, null);
    assert.equal(open.estimate.perRunUsd, null);
    assert.equal(open.assumptions.at(-1), 'no max_runtime_in_seconds: billed per instance-hour until the job ends; its length is not in the code');
    assertGolden('aws/sagemaker-processing-job', open);
  });
});
