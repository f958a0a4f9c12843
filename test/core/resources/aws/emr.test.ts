import { strict as assert } from 'node:assert';
import { byInstanceType, emrInstances, TRANSIENT_CLUSTER_NOTE, type EmrInstancesInput } from '../../../../src/core/resources/aws/emr';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

function instances(sku: EmrInstancesInput['instances']['sku']): EmrInstancesInput['instances'] {
  const { quantity: _q, kind: _k, pricing: _p, provider: _pr, ...rest } = group({ provider: 'aws', sku, region: region('us-east-1'), resource: 'sagemaker EMRStep cluster' });
  return rest;
}

function ec2Hourly(sku: string): number {
  const row = ctx.catalog.lookup({ instanceType: sku, cloud: 'aws', region: 'us-east-1' });
  assert.ok(row.found);
  assert.ok(row.offer.onDemandUsdPerHour !== null);
  return row.offer.onDemandUsdPerHour;
}

describe('EMR cluster model', () => {
  it('gives the EC2 part of a type\'s groups in the reason, since EMR\'s own fee is not in the catalog', () => {
    const groups = [{ role: 'MASTER', count: 1 }, { role: 'CORE', count: 2 }];
    const item = estimate(emrInstances, { instances: instances('m5.xlarge'), groups, transient: true }, ctx);
    const ec2 = Math.round(ec2Hourly('m5.xlarge') * 3 * 1e4) / 1e4;
    assert.equal(item.kind, 'cluster');
    assert.equal(item.sku, 'm5.xlarge');
    assert.equal(item.quantity, 3);
    assert.equal(item.estimate.hourlyUsd, null);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.unpricedReason, `EMR bills the EC2 price ($${ec2}/h for these 3 instances) plus its own per-instance fee, which the bundled catalog does not carry`);
    assert.ok(item.assumptions.includes('instance groups: MASTER × 1, CORE × 2'), item.assumptions.join('; '));
    assert.equal(item.assumptions.at(-1), TRANSIENT_CLUSTER_NOTE);
    assert.ok(!item.assumptions.some((a) => a.endsWith(' h/month')), item.assumptions.join('; '));
    assertGolden('aws/emr-instance-groups', item);
  });

  it('says why a cluster whose instance types are unknown has no price, as one instance', () => {
    const item = estimate(emrInstances, { instances: instances({ unresolved: 'the cluster uses InstanceFleets' }), groups: [], transient: true }, ctx);
    assert.equal(item.unpricedReason, 'the cluster uses InstanceFleets');
    assert.equal(item.sku, null);
    assert.equal(item.quantity, 1);
    assert.equal(item.assumptions.at(-1), TRANSIENT_CLUSTER_NOTE);
  });

  it('keeps a long-running cluster\'s hours-per-month note and still gives only the EC2 part', () => {
    const item = estimate(emrInstances, { instances: instances('m5.xlarge'), groups: [{ role: undefined, count: 2 }], transient: false }, ctx);
    assert.ok(item.assumptions.includes('instance groups: group × 2'), item.assumptions.join('; '));
    assert.ok(item.assumptions.some((a) => a.endsWith(' h/month')), item.assumptions.join('; '));
    assert.ok(!item.assumptions.includes(TRANSIENT_CLUSTER_NOTE));
    assert.match(item.unpricedReason ?? '', /^EMR bills the EC2 price \(\$[\d.]+\/h for these 2 instances\)/);
  });

  it('groups a cluster\'s instance groups by type, in the order the types first appear', () => {
    const byType = byInstanceType([
      { sku: 'm5.xlarge', role: 'MASTER', count: 1 },
      { sku: 'r5.2xlarge', role: 'TASK', count: 4 },
      { sku: 'm5.xlarge', role: 'CORE', count: 2 },
    ]);
    assert.deepEqual([...byType], [
      ['m5.xlarge', [{ role: 'MASTER', count: 1 }, { role: 'CORE', count: 2 }]],
      ['r5.2xlarge', [{ role: 'TASK', count: 4 }]],
    ]);
  });
});
