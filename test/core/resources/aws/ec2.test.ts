import { strict as assert } from 'node:assert';
import { ec2Instances } from '../../../../src/core/resources/aws/ec2';
import { groupSize } from '../../../../src/core/resources/aws/groupSize';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

const g5 = group({ provider: 'aws', cloud: 'aws', sku: 'g5.xlarge', region: region('us-east-1'), quantity: 2, notes: ['count = 2'] });

describe('EC2 instances model', () => {
  it('prices one instance per count, and a group at its desired capacity', () => {
    const single = estimate(ec2Instances, { group: g5 }, ctx);
    const asg = estimate(ec2Instances, { group: g5, sizing: [{ name: 'desired_capacity', value: 3 }, { name: 'min_size', value: 1 }] }, ctx);
    assert.ok(single.estimate.hourlyUsd !== null && asg.estimate.hourlyUsd !== null);
    assert.equal(asg.quantity, 6);
    assert.equal(Math.round(asg.estimate.hourlyUsd * 1e4), Math.round(single.estimate.hourlyUsd * 3 * 1e4));
    assertGolden('aws/ec2-instance', single);
    assertGolden('aws/ec2-autoscaling-group', asg);
  });

  it('sizes a group by desired, then minimum, then one instance, saying which', () => {
    assert.deepEqual(groupSize([{ name: 'DesiredCapacity', value: undefined }, { name: 'MinSize', value: 2 }], 'instance'), { n: 2, note: 'MinSize = 2' });
    assert.deepEqual(groupSize([{ name: 'desired_capacity', value: { unresolved: 'var.n has no value' } }], 'instance'), {
      n: 1,
      note: 'desired_capacity could not be resolved (var.n has no value); priced as 1 instance',
    });
    assert.deepEqual(groupSize([{ name: 'desired_size', value: undefined }, { name: 'min_size', value: undefined }], 'node'), {
      n: 1,
      note: 'neither desired_size nor min_size set; priced as 1 node',
    });
    assert.deepEqual(groupSize([{ name: 'InitialInstanceCount', value: undefined }], 'instance'), { n: 1, note: 'InitialInstanceCount not set; priced as 1 instance' });
  });

  it('prices a group sized to zero per instance, saying it scales to zero, never as $0', () => {
    assert.deepEqual(groupSize([{ name: 'desired_size', value: 0 }, { name: 'min_size', value: 0 }], 'node'), {
      n: 1,
      note: 'desired_size = 0: scales to zero; priced per node while one runs',
    });
    const idle = estimate(ec2Instances, { group: g5, sizing: [{ name: 'desired_capacity', value: 0 }] }, ctx);
    assert.equal(idle.quantity, 2, 'one instance per count');
    assert.ok((idle.estimate.hourlyUsd ?? 0) > 0);
  });
});
