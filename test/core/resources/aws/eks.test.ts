import { strict as assert } from 'node:assert';
import { EKS_DEFAULT_INSTANCE_TYPE, eksNodeGroup, type EksNodeGroupInput } from '../../../../src/core/resources/aws/eks';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

const base = group({ provider: 'aws', cloud: 'aws', kind: 'cluster', sku: { unresolved: 'decided by the model' }, region: region('us-east-1') });
const input = (over: Partial<EksNodeGroupInput>): EksNodeGroupInput => ({ group: base, instanceTypes: { attr: 'instance_types', value: undefined }, ...over });

describe('EKS node group model', () => {
  it('prices the first listed type at the desired size, spot when the capacity type says so', () => {
    const item = estimate(eksNodeGroup, input({
      instanceTypes: { attr: 'instance_types', value: ['g5.2xlarge', 'g5.4xlarge'] },
      sizing: [{ name: 'desired_size', value: 2 }, { name: 'min_size', value: 1 }],
      spotFrom: 'capacity_type',
    }), ctx);
    assert.equal(item.sku, 'g5.2xlarge');
    assert.equal(item.quantity, 2);
    assert.equal(item.pricing, 'spot');
    assert.ok(item.assumptions.includes('first of 2 instance_types priced'));
    assertGolden('aws/eks-node-group-spot', item);
  });

  it('falls back to the launch template, then to the EKS default type', () => {
    const lt = estimate(eksNodeGroup, input({ launchTemplate: { sku: 'p4d.24xlarge', notes: ['instance type from aws_launch_template.gpu'] } }), ctx);
    assert.equal(lt.sku, 'p4d.24xlarge');
    const fallback = estimate(eksNodeGroup, input({ instanceTypes: { attr: 'InstanceTypes', value: undefined } }), ctx);
    assert.equal(fallback.sku, EKS_DEFAULT_INSTANCE_TYPE);
    assert.ok(fallback.assumptions.includes('InstanceTypes not set: EKS defaults to t3.medium'));
    assertGolden('aws/eks-node-group-default-type', fallback);
  });
});
