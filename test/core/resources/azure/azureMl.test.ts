import { strict as assert } from 'node:assert';
import { amlCluster, amlJob, amlOnlineDeployment, KUBERNETES_DEPLOYMENT_REASON } from '../../../../src/core/resources/azure/azureMl';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

const vms = group({ provider: 'azure', sku: 'standard_ds3_v2', region: region('eastus'), resource: 'azureml cluster' });

describe('Azure ML models', () => {
  it('prices a cluster that scales to zero per node-hour, with the ceiling stated', () => {
    const item = estimate(amlCluster, { group: vms, min: { name: 'min_instances', value: 0 }, max: { name: 'max_instances', value: 3 }, defaultMax: 1, lowPriority: false }, ctx);
    assert.equal(item.quantity, 1);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.estimate.hourlyUsd !== null && item.estimate.hourlyUsd > 0, 'the lower-case size matches the catalog row');
    assertGolden('azure/ml-cluster-scale-to-zero', item);
  });

  it('does not claim a floor it cannot read is 0, but still prices per node-hour', () => {
    const item = estimate(amlCluster, { group: vms, min: { name: 'min_node_count', value: { unresolved: 'var.min_nodes has no value' } }, max: { name: 'max_node_count', value: 2 }, defaultMax: 1, lowPriority: false }, ctx);
    assert.equal(item.minQuantity, undefined);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.assumptions.includes('min_node_count could not be resolved (var.min_nodes has no value): priced per node-hour while jobs run, as a cluster that scales to zero'), item.assumptions.join('; '));
  });

  it('prices an online deployment at its instance count, monthly', () => {
    const item = estimate(amlOnlineDeployment, { group: vms, target: 'managed', count: { name: 'instance_count', value: 2 } }, ctx);
    assert.equal(item.kind, 'endpoint');
    assert.equal(item.quantity, 2);
    assertGolden('azure/ml-online-deployment', item);
  });

  it('says why a Kubernetes deployment has no VM price', () => {
    const item = estimate(amlOnlineDeployment, { group: vms, target: 'kubernetes', count: { name: 'instance_count', value: undefined } }, ctx);
    assert.match(item.unpricedReason ?? '', new RegExp(`^${KUBERNETES_DEPLOYMENT_REASON.replace(/[()]/g, '\\$&')}`));
    assert.equal(item.estimate.hourlyUsd, null);
  });

  it('prices a job per run under its timeout and per hour without one', () => {
    const input = { group: vms, count: { name: 'resources.instance_count', value: 2 } };
    const bounded = estimate(amlJob, { ...input, timeoutSeconds: 5400 }, ctx);
    assert.equal(bounded.estimate.perRunUsd, Math.round((bounded.estimate.hourlyUsd ?? NaN) * 1.5 * 100) / 100);
    assertGolden('azure/ml-job-timeout', bounded);
    const open = estimate(amlJob, input, ctx);
    assert.equal(open.estimate.perRunUsd, null);
    assert.equal(open.estimate.monthlyUsd, null);
    assert.ok(open.estimate.hourlyUsd !== null);
  });

  it('prices a sweep as its trial limit × one bounded run, and one trial when the limit cannot be read', () => {
    const input = { group: vms, count: { name: 'instance_count', value: 1 }, timeoutSeconds: 900 };
    const sweep = estimate(amlJob, { ...input, trials: { name: 'max_total_trials', value: 20 } }, ctx);
    const hourly = sweep.estimate.hourlyUsd ?? NaN;
    assert.equal(sweep.estimate.perRunUsd, Math.round(hourly * 0.25 * 20 * 100) / 100);
    assert.equal(sweep.assumptions.at(-1), 'up to max_total_trials = 20 trials');
    assertGolden('azure/ml-sweep-trials', sweep);
    const unread = estimate(amlJob, { ...input, trials: { name: 'limits.max_total_trials', value: { unresolved: 'limits.max_total_trials is "${{inputs.n}}", not a whole number' } } }, ctx);
    assert.equal(unread.estimate.perRunUsd, Math.round(hourly * 0.25 * 100) / 100);
    assert.match(unread.assumptions.at(-1) ?? '', /^limits\.max_total_trials could not be resolved \(.*\): priced for one trial$/);
    const unset = estimate(amlJob, { ...input, timeoutSeconds: undefined, trials: { name: 'max_total_trials', value: undefined } }, ctx);
    assert.deepEqual(unset.assumptions.slice(-2), ['no time limit (limits.timeout): priced per hour while it runs', 'max_total_trials not set: priced for one trial']);
  });
});
