import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../helpers';

const PROVIDER = `provider "aws" {\n  region = "us-east-1"\n}\n`;

/** A Karpenter NodePool as EKS blueprints write it: names and roles are known only after apply. */
const NODE_POOL = [
  'apiVersion: karpenter.sh/v1',
  'kind: NodePool',
  'metadata:',
  '  name: gpu',
  'spec:',
  '  template:',
  '    metadata:',
  '      labels:',
  '        cluster: ${module.eks.cluster_name}',
  '    spec:',
  '      nodeClassRef:',
  '        group: karpenter.k8s.aws',
  '        kind: EC2NodeClass',
  '        name: ${local.node_class}',
  '      requirements:',
  '        - key: karpenter.k8s.aws/instance-family',
  '          operator: In',
  '          values: ["g5"]',
  '        - key: karpenter.k8s.aws/instance-size',
  '          operator: In',
  '          values: ["2xlarge", "4xlarge"]',
  '        - key: karpenter.sh/capacity-type',
  '          operator: In',
  '          values: ["on-demand"]',
];

describe('Kubernetes manifests written in Terraform', () => {
  it('prices a Karpenter NodePool in a kubectl_manifest heredoc as the same YAML, keeping unknown interpolations as text', async () => {
    const heredoc = NODE_POOL.map((l) => `    ${l}`).join('\n');
    const tf = `${PROVIDER}resource "kubectl_manifest" "gpu_pool" {\n  yaml_body = <<-YAML\n${heredoc}\n  YAML\n\n  depends_on = [module.eks]\n}\n`;
    const { items } = await analyzeFiles({ 'karpenter.tf': tf }, 'karpenter.tf');
    assert.equal(items.length, 1, items.map((i) => i.resource).join(', '));
    const [pool] = items;
    assert.equal(pool.resource, 'kubectl_manifest.gpu_pool');
    assert.equal(pool.range.start.line, 3, 'the resource block');
    const yaml = (await analyzeFiles({ 'pool.yaml': NODE_POOL.join('\n') }, 'pool.yaml')).items;
    assert.equal(yaml.length, 1);
    assert.deepEqual([pool.sku, pool.quantity, pool.estimate.hourlyUsd], [yaml[0].sku, yaml[0].quantity, yaml[0].estimate.hourlyUsd]);
    assert.equal(pool.sku, 'g5.2xlarge');
  });

  it('prices a kubernetes_manifest workload from its manifest object, times count', async () => {
    const tf = [
      PROVIDER,
      'resource "kubernetes_manifest" "serve" {',
      '  count = 2',
      '  manifest = {',
      '    apiVersion = "apps/v1"',
      '    kind       = "Deployment"',
      '    metadata   = { name = "serve", namespace = "default" }',
      '    spec = {',
      '      replicas = 3',
      '      template = {',
      '        spec = {',
      '          nodeSelector = { "node.kubernetes.io/instance-type" = "g5.xlarge" }',
      '          containers = [{ name = "vllm", image = "vllm/vllm-openai", resources = { limits = { "nvidia.com/gpu" = "1" } } }]',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const { items } = await analyzeFiles({ 'main.tf': tf }, 'main.tf');
    const serve = items.filter((i) => i.resource.startsWith('kubernetes_manifest.serve'));
    assert.ok(serve.length >= 1, items.map((i) => i.resource).join(', '));
    assert.ok(serve.every((i) => i.sku === 'g5.xlarge'));
    assert.equal(
      serve.reduce((n, i) => n + i.quantity, 0),
      6,
      '3 replicas in each of the 2 instances',
    );
  });

  it('makes no item of a manifest that runs nothing, or of a body it cannot read', async () => {
    const tf = [
      PROVIDER,
      'resource "kubectl_manifest" "ns" {',
      '  yaml_body = <<-YAML',
      '    apiVersion: v1',
      '    kind: Namespace',
      '    metadata:',
      '      name: ${var.namespace}',
      '  YAML',
      '}',
      'resource "kubectl_manifest" "templated" {',
      '  yaml_body = templatefile("${path.module}/pool.yaml", {})',
      '}',
      'resource "kubectl_manifest" "directive" {',
      '  yaml_body = <<-YAML',
      '    %{ if var.gpu }kind: NodePool%{ endif }',
      '  YAML',
      '}',
      '',
    ].join('\n');
    const { items } = await analyzeFiles({ 'main.tf': tf }, 'main.tf');
    assert.deepEqual(items, []);
  });

  it('prices each eks-data-addons karpenter_resources_helm_config entry as its NodePool, in the provider\'s region, on the entry', async () => {
    const values = (name: string, family: string) =>
      [
        `    ${name} = {`,
        '      values = [',
        '        <<-EOT',
        `          name: ${name}`,
        '          clusterName: ${module.eks.cluster_name}',
        '          ec2NodeClass:',
        '            karpenterRole: ${split("/", module.addons.karpenter.node_iam_role_arn)[1]}',
        '          nodePool:',
        '            labels:',
        '              - type: karpenter',
        `              - NodeGroupType: ${name}`,
        '            requirements:',
        '              - key: "karpenter.k8s.aws/instance-family"',
        '                operator: In',
        `                values: ["${family}"]`,
        '              - key: "karpenter.sh/capacity-type"',
        '                operator: In',
        '                values: ["on-demand"]',
        '        EOT',
        '      ]',
        '    }',
      ].join('\n');
    const call = (enabled: string) =>
      [
        'module "data_addons" {',
        '  source  = "aws-ia/eks-data-addons/aws"',
        '  version = "~> 1.3"',
        `  enable_karpenter_resources = ${enabled}`,
        '  karpenter_resources_helm_config = {',
        values('gpu-pool', 'g5'),
        values('inf-pool', 'inf2'),
        '  }',
        '}',
        '',
      ].join('\n');
    const oregon = `provider "aws" {\n  region = "us-west-2"\n}\n`;
    const { items } = await analyzeFiles({ 'addons.tf': oregon + call('true') }, 'addons.tf');
    assert.deepEqual(
      items.map((i) => [i.resource, i.sku, i.region, i.estimate.hourlyUsd]),
      [
        // g5.xlarge us-west-2 $1.006; inf2.xlarge us-west-2 $0.7582
        ['module.data_addons.karpenter_resources_helm_config["gpu-pool"]', 'g5.xlarge', 'us-west-2', 1.006],
        ['module.data_addons.karpenter_resources_helm_config["inf-pool"]', 'inf2.xlarge', 'us-west-2', 0.7582],
      ],
    );
    assert.equal(items[0].range.start.line, 8, 'the entry, not the call');
    assert.deepEqual((await analyzeFiles({ 'addons.tf': oregon + call('false') }, 'addons.tf')).items, [], 'the chart is not installed');
  });
});
