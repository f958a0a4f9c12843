import { strict as assert } from 'node:assert';
import { ec2Instances } from '../../../src/core/resources/aws/ec2';
import { estimate } from '../../../src/core/resources/costModel';
import { untilItCompletes } from '../../../src/core/resources/runLength';
import { ctx, group, region } from './golden';

describe('run length: a batch workload until it completes', () => {
  it('keeps the hourly figure, drops the monthly one and says why', () => {
    const nodes = estimate(ec2Instances, { group: group({ provider: 'aws', cloud: 'aws', sku: 'g5.xlarge', region: region('us-east-1'), quantity: 2 }) }, ctx);
    assert.ok(nodes.estimate.monthlyUsd !== null);
    const job = untilItCompletes(nodes, 'Job');
    assert.equal(job.estimate.hourlyUsd, nodes.estimate.hourlyUsd);
    assert.equal(job.estimate.monthlyUsd, null);
    assert.equal(job.assumptions.at(-1), 'Job runs until it completes: cost per hour while running');
    assert.ok(!job.assumptions.some((a) => a.endsWith(' h/month')), job.assumptions.join('; '));
  });

  it('leaves an item with no hourly price as it is', () => {
    const unknown = estimate(ec2Instances, { group: group({ provider: 'aws', cloud: 'aws', sku: 'zz9.huge', region: region('us-east-1') }) }, ctx);
    assert.equal(unknown.estimate.hourlyUsd, null);
    assert.deepEqual(untilItCompletes(unknown, 'TrainJob'), unknown);
  });
});
