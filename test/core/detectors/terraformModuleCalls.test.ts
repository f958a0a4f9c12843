import { strict as assert } from 'node:assert';
import { analyzeFiles, analyzeFixture, catalog, fixturePath } from '../helpers';
import type { CostItem } from '../../../src/core/model';

const PROVIDER = `provider "aws" {\n  region = "us-east-1"\n}\n`;

describe('Terraform module calls', () => {
  it('resolves each.value in a module for_each whose condition reads a variable declared with default = null', async () => {
    const { items } = await analyzeFiles(
      {
        'main.tf': `${PROVIDER}module "pool" {\n  source = "./pool"\n  groups = {\n    a = { instance_type = "g5.xlarge" }\n  }\n}\n`,
        'pool/main.tf': [
          'variable "create" {\n  default = true\n}',
          'variable "outpost" {\n  default = null\n}',
          'variable "groups" {\n  default = null\n}',
          'locals {\n  outposts = var.outpost != null\n}',
          'resource "aws_instance" "node" {\n  for_each      = var.create && !local.outposts && var.groups != null ? var.groups : {}\n  instance_type = each.value.instance_type\n}',
        ].join('\n'),
      },
      'main.tf',
    );
    const [total] = items;
    assert.equal(items.length, 1);
    assert.equal(total.unpricedReason, undefined, total.assumptions.join('\n'));
    assert.equal(total.children?.[0].resource, 'module.pool.aws_instance.node["a"]');
    assert.equal(total.children?.[0].sku, 'g5.xlarge');
  });
});

/** The catalog's on-demand price of one instance, for figures the tests check against. */
function unit(instanceType: string, region: string): number {
  const found = catalog.lookup({ instanceType, region });
  assert.ok(found.found, `${instanceType} in ${region}`);
  const price = found.offer.onDemandUsdPerHour;
  assert.ok(price !== null);
  return price;
}

function byResource(items: CostItem[]): Map<string, CostItem> {
  return new Map(items.map((i) => [i.resource, i]));
}

const KNOWN_PATH = /known module inputs/;

describe('registry modules priced from their inputs', () => {
  it('itemises terraform-aws-modules/eks node groups on the lines that define them, over the module defaults', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/eks/main.tf');
    const all = byResource(items);
    const general = all.get('module.eks.eks_managed_node_groups["general"]');
    assert.ok(general, [...all.keys()].join(', '));
    assert.equal(general.sku, 'm6i.large', 'eks_managed_node_group_defaults.instance_types');
    assert.equal(general.quantity, 1, 'module default desired_size');
    assert.equal(general.range.start.line, 22, 'the entry `general = {}`');
    assert.ok(general.assumptions.some((a) => KNOWN_PATH.test(a) && /no \.terraform\/modules\/modules\.json/.test(a)), general.assumptions.join('\n'));

    const spot = all.get('module.eks.eks_managed_node_groups["inference"]');
    assert.equal(spot?.sku, 'g5.xlarge', 'the first of instance_types');
    assert.equal(spot?.quantity, 2);
    assert.equal(spot?.pricing, 'spot');
    assert.equal(spot?.minQuantity, 1);

    const zero = all.get('module.eks.eks_managed_node_groups["training"]');
    assert.equal(zero?.quantity, 1, 'desired_size 0 is priced per node');
    assert.equal(zero?.minQuantity, 0);
    assert.ok(zero?.assumptions.some((a) => /scales to zero/.test(a)));
    assert.equal(zero?.estimate.hourlyUsd, Math.round(unit('p4d.24xlarge', 'us-east-1') * 1e4) / 1e4);
    assert.ok(zero?.assumptions.includes('ami_type AL2_x86_64_GPU is an accelerated AMI: the GPUs are those of the instance type'));

    assert.ok(!all.has('module.eks.eks_managed_node_groups["retired"]'), 'a group with create = false creates nothing');

    const batch = all.get('module.eks.self_managed_node_groups["batch"]');
    assert.equal(batch?.sku, 'c5.2xlarge');
    assert.equal(batch?.estimate.hourlyUsd, Math.round(unit('c5.2xlarge', 'us-east-1') * 3 * 1e4) / 1e4);
    assert.equal(all.get('module.eks.self_managed_node_groups["plain"]')?.sku, 'm6i.large', 'the submodule default instance_type');
    assert.equal(all.get('module.eks.self_managed_node_groups["mixed"]')?.sku, 'm5.large', 'the first mixed instances override');
  });

  it('prices eks node groups in eu-west-1 at that region\'s rows, falling back only for a type without one', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/eks-eu/main.tf');
    const all = byResource(items);
    const fallbackNote = (i: CostItem | undefined) => i?.assumptions.find((a) => a.startsWith('no price for'));
    const system = all.get('module.eks.eks_managed_node_groups["system"]');
    assert.equal(system?.region, 'eu-west-1');
    // 2 × m5.large eu-west-1 $0.107 (SkyPilot v8 AWS row), not 2 × the us-east-1 $0.096
    assert.equal(system?.estimate.hourlyUsd, 0.214);
    assert.equal(fallbackNote(system), undefined);
    const defaults = all.get('module.eks.eks_managed_node_groups["defaults"]');
    assert.equal(defaults?.sku, 't3.medium', 'EKS default instance type');
    assert.equal(defaults?.estimate.hourlyUsd, 0.0456);
    assert.equal(fallbackNote(defaults), undefined);
    const apps = all.get('module.eks.eks_managed_node_groups["apps"]');
    assert.equal(apps?.estimate.hourlyUsd, Math.round(unit('r7a.large', 'us-east-1') * 1e4) / 1e4);
    assert.equal(fallbackNote(apps), 'no price for r7a.large in eu-west-1 in the bundled catalog; using us-east-1');
  });

  it('follows a map input to its local, anchors merge() at the expression, and prices the submodules on their call', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/eks/main.tf');
    const all = byResource(items);
    const fromLocal = all.get('module.eks_from_locals.eks_managed_node_groups["system"]');
    assert.equal(fromLocal?.range.start.line, 6, 'the entry inside locals');
    assert.equal(fromLocal?.quantity, 2);
    const merged = ['system', 'extra'].map((k) => all.get(`module.eks_merged.eks_managed_node_groups["${k}"]`));
    assert.deepEqual(merged.map((i) => i?.sku), ['m5.large', 'g5.2xlarge']);
    assert.deepEqual(merged.map((i) => i?.range.start.line), [68, 68], 'one site: the merge() expression');

    const pool = all.get('module.gpu_pool');
    assert.equal(pool?.sku, 'g6.xlarge');
    assert.equal(pool?.quantity, 3);
    assert.equal(pool?.range.start.line, 71, 'the submodule call');
    assert.deepEqual(
      ['module.per_env["dev"]', 'module.per_env["prod"]'].map((r) => all.get(r)?.sku),
      ['g5.xlarge', 'g5.4xlarge'],
      'each.value of the call for_each',
    );
  });

  it('shows a switched-off call (create = false, count = 0) as one $0 item that creates nothing', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/eks/main.tf');
    for (const [resource, why] of [
      ['module.switched_off', 'create = false'],
      ['module.counted_out', 'count = 0'],
    ]) {
      const off = items.filter((i) => i.resource.startsWith(resource));
      assert.equal(off.length, 1, resource);
      assert.equal(off[0].quantity, 0);
      assert.equal(off[0].estimate.hourlyUsd, 0);
      assert.ok(off[0].assumptions.some((a) => a.startsWith(why)), off[0].assumptions.join('\n'));
    }
  });

  it('prices kubernetes-engine node_pools per zone, with attached GPUs, spot, and the module defaults', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/gke/main.tf');
    const all = byResource(items);
    const pool = (m: string, k: string) => {
      const found = all.get(`module.${m}.node_pools["${k}"]`);
      assert.ok(found, `${m}/${k} in ${[...all.keys()].join(', ')}`);
      return found;
    };
    const general = pool('gke', 'default');
    assert.equal(general.sku, 'e2-medium');
    assert.equal(general.quantity, 3, 'min_count default 1 × 3 zones of a regional cluster');
    assert.equal(general.region, 'us-central1');
    assert.equal(general.range.start.line, 11);
    const t4 = pool('gke', 't4');
    assert.equal(t4.quantity, 1, 'node_locations lists one zone');
    assert.deepEqual(t4.accelerators && [t4.accelerators.name, t4.accelerators.count], ['T4', 2]);
    const spot = pool('gke', 'spot-l4');
    assert.equal(spot.pricing, 'spot');
    assert.equal(spot.quantity, 1, 'min_count 0: priced per node');
    assert.equal(spot.minQuantity, 0);
    assert.equal(pool('gke', 'two-zones').quantity, 4, 'two zones in node_locations × node_count 2');
    const zonal = pool('zonal', 'web');
    assert.equal(zonal.quantity, 4, 'min_count 2 × the 2 listed zones');
    assert.equal(zonal.region, 'us-east4', 'the region of the first zone');
    assert.equal(pool('defaults_only', 'default-node-pool').quantity, 3, 'no node_pools: the module default pool');
  });

  it('prices Azure/aks: the default pool from agents_*, and node_pools built by a for expression as one item', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/aks/main.tf');
    const all = byResource(items);
    const system = all.get('module.aks.default_node_pool');
    assert.equal(system?.sku, 'Standard_D2s_v3');
    assert.equal(system?.quantity, 2);
    assert.equal(system?.estimate.hourlyUsd, Math.round(unit('Standard_D2s_v3', 'eastus') * 2 * 1e4) / 1e4);
    const users = all.get('module.aks.node_pools["user0", "user1"]');
    assert.equal(users?.quantity, 4, '2 pools × node_count 2');
    assert.equal(users?.range.start.line, 1, 'the for expression in locals');
    const auto = all.get('module.aks_gpu.default_node_pool');
    assert.equal(auto?.quantity, 1, 'agents_min_count when autoscaling');
    assert.equal(auto?.region, 'westus2');
    const gpu = all.get('module.aks_gpu.node_pools["a100"]');
    assert.equal(gpu?.pricing, 'spot');
    assert.equal(gpu?.accelerators?.name.includes('A100'), true);
  });

  it('reads .terraform/modules/modules.json: a downloaded module is expanded, a known one still priced by its inputs', async () => {
    const { items } = await analyzeFixture('terraform/registry-modules/initialised/main.tf');
    const all = byResource(items);
    const cluster = all.get('module.cluster');
    assert.equal(cluster?.children?.[0].sku, 'g5.12xlarge');
    assert.equal(cluster?.children?.[0].quantity, 2);
    assert.ok(cluster?.assumptions.some((a) => a === 'module code read from .terraform/modules/cluster (.terraform/modules/modules.json)'), cluster?.assumptions.join('\n'));
    const gpu = all.get('module.eks.eks_managed_node_groups["gpu"]');
    assert.equal(gpu?.sku, 'g5.xlarge');
    assert.ok(gpu?.assumptions.some((a) => KNOWN_PATH.test(a) && /modules\.json is not expanded/.test(a)), gpu?.assumptions.join('\n'));
    assert.ok(!items.some((i) => i.resource.startsWith('module.not_downloaded')), 'an unknown module that was not downloaded is not guessed');
  });

  it('shows a local module called with count = 0 as one item creating nothing, not one instance at $0', async () => {
    const { items } = await analyzeFiles(
      {
        'main.tf': `${PROVIDER}variable "private" {\n  default = true\n}\nmodule "public" {\n  source = "./pool"\n  count  = var.private ? 0 : 1\n}\nmodule "private" {\n  source = "./pool"\n  count  = var.private ? 1 : 0\n}\n`,
        'pool/main.tf': `resource "aws_instance" "node" {\n  instance_type = "g5.2xlarge"\n}\n`,
      },
      'main.tf',
    );
    const off = items.filter((i) => i.resource.startsWith('module.public'));
    assert.equal(off.length, 1);
    assert.equal(off[0].quantity, 0);
    assert.equal(off[0].estimate.hourlyUsd, 0);
    assert.ok(off[0].assumptions.some((a) => a.startsWith('count = 0')), off[0].assumptions.join('\n'));
    const on = items.filter((i) => i.resource.startsWith('module.private'));
    assert.equal(on.length, 1);
    assert.equal(on[0].estimate.hourlyUsd, 1.212);
  });

  it('recognises a local copy of a known module by its interface', async () => {
    const { items, readFolders } = await analyzeFixture('terraform/registry-modules/local-copy/main.tf');
    assert.deepEqual(readFolders, [fixturePath('terraform', 'registry-modules', 'local-copy', 'eks-copy')], 'its folder is read by the call, not scanned as a root');
    assert.deepEqual(
      items.map((i) => [i.resource, i.sku, i.quantity]),
      [['module.eks.eks_managed_node_groups["gpu"]', 'g5.2xlarge', 2]],
    );
    assert.ok(items[0].assumptions.some((a) => /its local code is not expanded/.test(a)));
  });
});

describe('Kubernetes workloads written in Terraform', () => {
  const yaml = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: vllm',
    'spec:',
    '  replicas: 2',
    '  template:',
    '    spec:',
    '      nodeSelector:',
    '        node.kubernetes.io/instance-type: g5.2xlarge',
    '      containers:',
    '        - name: server',
    '          resources:',
    '            limits:',
    '              nvidia.com/gpu: 1',
    '---',
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: finetune',
    'spec:',
    '  parallelism: 2',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: train',
    '          resources:',
    '            limits:',
    '              nvidia.com/gpu: 4',
    '              cpu: "16"',
    '              memory: 64Gi',
    '',
  ].join('\n');

  it('prices kubernetes_deployment_v1 and kubernetes_job as the Kubernetes detector prices the same manifests', async () => {
    const { items } = await analyzeFixture('terraform/kubernetes/main.tf');
    const fromYaml = (await analyzeFiles({ 'k8s.yaml': yaml }, 'k8s.yaml')).items;
    assert.deepEqual(
      items.map((i) => i.resource),
      ['kubernetes_deployment_v1.vllm', 'kubernetes_job.finetune'],
      'the CPU-only kubernetes_pod asks for nothing the pod model prices',
    );
    for (const [tf, k8s] of items.map((i, n) => [i, fromYaml[n]] as const)) {
      assert.deepEqual([tf.sku, tf.quantity, tf.estimate.hourlyUsd, tf.accelerators?.count], [k8s.sku, k8s.quantity, k8s.estimate.hourlyUsd, k8s.accelerators?.count]);
      assert.ok((tf.estimate.hourlyUsd ?? 0) > 0);
    }
    assert.equal(items[0].sku, 'g5.2xlarge');
    assert.equal(items[0].range.start.line, 0, 'the resource block');
  });
});
