import { strict as assert } from 'node:assert';
import { analyzeFixture, itemNamed } from '../helpers';

// Expected figures: the catalog's SageMaker row for ml.p5.48xlarge in us-east-1 ($113.068/h) × counts; 730 h/month.

describe('SageMaker HyperPod', () => {
  it('prices each CloudFormation AWS::SageMaker::Cluster instance group at its ml.* rate × InstanceCount', async () => {
    const { items, skipped } = await analyzeFixture('hyperpod/cluster.yaml');
    assert.deepEqual(skipped, []);
    const workers = itemNamed(items, 'Cluster (AWS::SageMaker::Cluster) instance group gpu-workers');
    assert.equal(workers.sku, 'ml.p5.48xlarge');
    assert.equal(workers.quantity, 4);
    assert.equal(workers.estimate.hourlyUsd, 452.272);
    assert.deepEqual(workers.tags, { team: 'pretrain' });
    const controller = itemNamed(items, 'Cluster (AWS::SageMaker::Cluster) instance group controller');
    assert.equal(controller.sku, 'ml.m5.xlarge');
    assert.equal(controller.quantity, 1);
    assert.equal(controller.unsupportedType, undefined);
  });

  it('prices each Terraform aws_sagemaker_cluster instance_group, one instance when instance_count is not set', async () => {
    const { items } = await analyzeFixture('hyperpod/cluster.tf');
    const workers = itemNamed(items, 'aws_sagemaker_cluster.pretrain instance_group gpu-workers');
    assert.equal(workers.quantity, 2);
    assert.equal(workers.estimate.hourlyUsd, 226.136);
    assert.equal(workers.estimate.monthlyUsd, 165079.28);
    const inference = itemNamed(items, 'aws_sagemaker_cluster.pretrain instance_group inference');
    assert.equal(inference.quantity, 1);
    assert.ok(inference.assumptions.includes('instance_count not set; priced as 1 instance'));
  });

  it('prices pods pinned to an ml.* node as their GPUs\' share of that HyperPod node', async () => {
    const { items } = await analyzeFixture('hyperpod/pods.yaml');
    const job = itemNamed(items, 'Job/finetune');
    // 2 pods × 4 of 8 GPUs = one node-hour while running.
    assert.equal(job.estimate.hourlyUsd, 113.068);
    assert.equal(job.estimate.monthlyUsd, null);
    assert.equal(job.accelerators?.count, 8);
    const greedy = itemNamed(items, 'Deployment/greedy');
    assert.equal(greedy.unpricedReason, 'each pod asks for 16 GPUs but ml.p5.48xlarge has 8');
  });
});
