import { strict as assert } from 'node:assert';
import { KUBERNETES_COVERAGE } from '../../../src/core/detectors/kubernetes/kindCoverage';
import { capacityGroups } from '../../../src/core/detectors/kubernetes/nodeCapacity';
import { operatorWorkloadOf } from '../../../src/core/detectors/kubernetes/operatorWorkloads';
import { workloadOf } from '../../../src/core/detectors/kubernetes/workloads';
import type { Plain } from '../../../src/core/detectors/shared/yamlSource';
import { NOT_YET_SUPPORTED } from '../../../src/core/resources/coverage';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { analyzeFiles, catalog } from '../helpers';

/** API groups the node-capacity kinds are read under. */
const CAPACITY_API: Readonly<Record<string, string>> = { ClusterConfig: 'eksctl.io/v1alpha5', NodePool: 'karpenter.sh/v1', Provisioner: 'karpenter.sh/v1alpha5' };

/** What the detector reads from an object: a core kind's pods, else an operator's, else node capacity. */
function podModel(object: { [key: string]: Plain }) {
  const kind = String(object.kind);
  const capacity = CAPACITY_API[kind] ? capacityGroups({ catalog, options: DEFAULT_ENGINE_OPTIONS, file: 'k.yaml' }, { ...object, apiVersion: CAPACITY_API[kind], managedNodeGroups: [{}] }) : [];
  return workloadOf(object) ?? operatorWorkloadOf(object, () => undefined) ?? (capacity.length > 0 ? capacity : undefined);
}

describe('cost-bearing types without a cost model', () => {
  it('reports Terraform types of cost-bearing families as not yet supported, and stays silent on free ones', async () => {
    const tf = [
      'resource "google_tpu_v2_vm" "pod" {\n  zone = "us-central2-b"\n  accelerator_config {\n    type     = "V4"\n    topology = "2x2x1"\n  }\n}',
      'resource "aws_emr_cluster" "spark" {\n  count = 2\n  name  = "etl"\n}',
      'resource "aws_batch_compute_environment" "gpu" {\n  compute_environment_name = "gpu"\n}',
      'resource "aws_sagemaker_model" "m" {\n  name = "m"\n}',
      'resource "aws_s3_bucket" "data" {\n  bucket = "d"\n}',
      'resource "aws_instance" "box" {\n  instance_type = "g5.xlarge"\n}',
    ].join('\n\n');
    const { items } = await analyzeFiles({ 'main.tf': tf }, 'main.tf');
    const unsupported = items.filter((i) => i.unsupportedType);
    assert.deepEqual(unsupported.map((i) => [i.resource, i.unsupportedType, i.provider, i.quantity]), [
      ['google_tpu_v2_vm.pod', 'google_tpu_v2_vm', 'gcp', 1],
      ['aws_emr_cluster.spark', 'aws_emr_cluster', 'aws', 2],
      ['aws_batch_compute_environment.gpu', 'aws_batch_compute_environment', 'aws', 1],
    ]);
    for (const item of unsupported) {
      assert.ok(item.unpricedReason?.includes(NOT_YET_SUPPORTED), item.unpricedReason);
      assert.equal(item.estimate.monthlyUsd, null);
    }
    assert.match(unsupported[0].unpricedReason ?? '', /^Terraform resource type google_tpu_v2_vm bills, but is not yet supported/);
    assert.deepEqual(items.filter((i) => !i.unsupportedType).map((i) => i.resource), ['aws_instance.box']);
  });

  it('reports CloudFormation types of cost-bearing families, but not free configuration types', async () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Spark:',
      '    Type: AWS::EMR::Cluster',
      '    Properties:',
      '      Name: etl',
      '  Model:',
      '    Type: AWS::SageMaker::Model',
      '    Properties:',
      '      ExecutionRoleArn: arn',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '',
    ].join('\n');
    const { items } = await analyzeFiles({ 'stack.yaml': template }, 'stack.yaml');
    assert.deepEqual(items.map((i) => i.resource), ['Spark (AWS::EMR::Cluster)']);
    assert.equal(items[0].unsupportedType, 'AWS::EMR::Cluster');
    assert.equal(items[0].range.start.line, 2);
    assert.ok(items[0].unpricedReason?.includes(NOT_YET_SUPPORTED));
  });

  it('reports Karpenter NodeClaims and kinds with GPU limits the pod model does not read', async () => {
    const manifests = [
      'apiVersion: karpenter.sh/v1\nkind: NodeClaim\nmetadata:\n  name: gpu\nspec:\n  nodeClassRef:\n    name: default',
      'apiVersion: serving.example.com/v1\nkind: ModelServer\nmetadata:\n  name: vllm\nspec:\n  server:\n    podSpec:\n      containers:\n        - name: w\n          resources:\n            limits:\n              nvidia.com/gpu: 8',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: cpu-only\nspec:\n  resources:\n    limits:\n      cpu: 2',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b',
      // A DaemonSet adds no node: even with GPU limits, what it uses is the node groups' cost.
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: dcgm\nspec:\n  template:\n    spec:\n      containers:\n        - name: e\n          resources:\n            limits:\n              nvidia.com/gpu: 1',
    ].join('\n---\n');
    const { items } = await analyzeFiles({ 'k8s.yaml': manifests }, 'k8s.yaml');
    assert.deepEqual(items.map((i) => [i.resource, i.unsupportedType]), [
      ['NodeClaim/gpu', 'NodeClaim'],
      ['ModelServer/vllm', 'ModelServer'],
    ]);
    assert.match(items[1].unpricedReason ?? '', /^Kubernetes kind ModelServer \(GPU limits\) bills, but is not yet supported/);
  });

  it('lists as supported exactly the Kubernetes kinds the pod model reads', () => {
    for (const kind of KUBERNETES_COVERAGE.supported) {
      assert.ok(podModel({ kind, metadata: { name: 'x' }, spec: {} }), `${kind} has a pod model`);
    }
    for (const kind of [...KUBERNETES_COVERAGE.free, ...KUBERNETES_COVERAGE.unsupported]) {
      assert.equal(podModel({ kind, metadata: { name: 'x' }, spec: {} }), undefined, `${kind} is not read as a workload`);
    }
  });
});
