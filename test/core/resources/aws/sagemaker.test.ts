import { strict as assert } from 'node:assert';
import { BATCH_TRANSFORM_WHILE_RUNNING, batchTransform, endpointVariant, notebookInstance, SERVERLESS_VARIANT_REASON } from '../../../../src/core/resources/aws/sagemaker';
import { estimate } from '../../../../src/core/resources/costModel';
import { assertGolden, ctx, group, region } from '../golden';

const variant = group({ provider: 'aws', cloud: 'aws', sku: 'ml.g5.12xlarge', region: region('us-east-1'), resource: 'endpoint variant primary' });

describe('SageMaker models', () => {
  it('prices an endpoint variant at SageMaker hosting rates × its instance count', () => {
    const item = estimate(endpointVariant, { group: variant, serverless: false, count: { name: 'InitialInstanceCount', value: 2 } }, ctx);
    assert.equal(item.kind, 'endpoint');
    assert.equal(item.quantity, 2);
    assert.ok(item.estimate.hourlyUsd !== null && item.estimate.hourlyUsd > 0);
    assertGolden('aws/sagemaker-endpoint-variant', item);
  });

  it('says why a serverless variant has no hourly price', () => {
    const item = estimate(endpointVariant, { group: variant, serverless: true, count: { name: 'initial_instance_count', value: undefined } }, ctx);
    assert.equal(item.unpricedReason, SERVERLESS_VARIANT_REASON);
    assert.equal(item.sku, null);
    assert.equal(item.estimate.hourlyUsd, null);
    assertGolden('aws/sagemaker-endpoint-serverless', item);
  });

  it('prices a notebook instance at notebook rates while InService', () => {
    const item = estimate(notebookInstance, group({ provider: 'aws', cloud: 'aws', sku: 'ml.g4dn.xlarge', region: region('us-east-1') }), ctx);
    assert.equal(item.kind, 'notebook');
    assert.ok(item.assumptions.includes('billed while the notebook is InService'));
    assertGolden('aws/sagemaker-notebook-instance', item);
  });

  it('prices a batch transform job hourly while it runs at hosting rates, never monthly', () => {
    const job = group({ provider: 'aws', sku: 'ml.g5.xlarge', region: region('us-east-1'), quantity: 2, resource: 'sagemaker Transformer' });
    const item = estimate(batchTransform, job, ctx);
    const endpoint = estimate(endpointVariant, { group: { ...variant, sku: 'ml.g5.xlarge' }, serverless: false, count: { name: 'InitialInstanceCount', value: 2 } }, ctx);
    assert.equal(item.kind, 'compute');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.hourlyUsd, endpoint.estimate.hourlyUsd);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.estimate.perRunUsd, null);
    assert.ok(!item.assumptions.some((a) => a.endsWith(' h/month')), item.assumptions.join('; '));
    assert.equal(item.assumptions.at(-1), BATCH_TRANSFORM_WHILE_RUNNING);
    assertGolden('aws/sagemaker-batch-transform', item);
  });

  it('says why a batch transform job whose instance type is unknown has no price, and how it would be billed', () => {
    const job = group({ provider: 'aws', sku: { unresolved: 'TransformResources.InstanceType is not set' }, region: region('us-east-1') });
    const item = estimate(batchTransform, job, ctx);
    assert.equal(item.unpricedReason, 'TransformResources.InstanceType is not set');
    assert.equal(item.estimate.hourlyUsd, null);
    assert.equal(item.assumptions.at(-1), BATCH_TRANSFORM_WHILE_RUNNING);
  });
});
