import { strict as assert } from 'node:assert';
import { analyzeFixture, fixturePath, itemNamed } from '../helpers';

// Expected figures are the CSV rows of ../shared/data/gpu-instances.csv and
// sagemaker-instances.csv, multiplied by hand; 730 h/month.

describe('Terraform detector: AWS fleets, EKS and SageMaker', () => {
  it('prices an ASG through the launch template it references by id, with desired capacity and propagated tags', async () => {
    const { items, skipped } = await analyzeFixture('terraform/aws/main.tf');
    assert.deepEqual(skipped, []);
    const asg = itemNamed(items, 'aws_autoscaling_group.by_id');
    assert.equal(asg.sku, 'g5.xlarge');
    assert.equal(asg.quantity, 3);
    // 3 × $1.006 (g5.xlarge, us-east-1)
    assert.equal(asg.estimate.hourlyUsd, 3.018);
    assert.equal(asg.estimate.monthlyUsd, 2203.14);
    assert.ok(asg.assumptions.includes('desired_capacity = 3'));
    assert.equal(asg.minQuantity, 1, 'min_size, for the scale-to-zero check');
    assert.ok(asg.assumptions.includes('instance type from aws_launch_template.workers'));
    assert.deepEqual(asg.tags, { 'cost-center': 'ml-platform', team: 'research' });
    assert.equal(asg.tagging?.style, 'terraform-map');
  });

  it('finds a launch template by its name and falls back to min_size', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const asg = itemNamed(items, 'aws_autoscaling_group.by_name');
    assert.equal(asg.quantity, 2);
    assert.equal(asg.estimate.hourlyUsd, 2.012);
    assert.ok(asg.assumptions.includes('min_size = 2'));
  });

  it('follows an ASG\'s launch_configuration, spot when it sets spot_price', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const asg = itemNamed(items, 'aws_autoscaling_group.legacy');
    assert.equal(asg.sku, 'g4dn.xlarge');
    assert.equal(asg.pricing, 'spot');
    // 2 × $0.2 (g4dn.xlarge spot, us-east-1)
    assert.equal(asg.estimate.hourlyUsd, 0.4);
  });

  it('says so when the referenced launch template is not in the module', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const asg = itemNamed(items, 'aws_autoscaling_group.dangling');
    assert.equal(asg.estimate.hourlyUsd, null);
    assert.match(asg.unpricedReason ?? '', /aws_launch_template\.missing is not declared in this module/);
  });

  it('prices an EKS node group at spot for desired_size nodes of its first instance type', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const ng = itemNamed(items, 'aws_eks_node_group.gpu');
    assert.equal(ng.kind, 'cluster');
    assert.equal(ng.pricing, 'spot');
    assert.equal(ng.sku, 'g5.2xlarge');
    // 2 × $0.4738 spot
    assert.equal(ng.estimate.hourlyUsd, 0.9476);
    assert.equal(ng.estimate.monthlyUsd, 691.75);
    assert.ok(ng.assumptions.includes('first of 2 instance_types priced'));
    assert.deepEqual(ng.tags, { 'cost-center': 'ml-platform', team: 'inference' });
  });

  it('takes an EKS node group\'s instance type from its launch template when instance_types is not set', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const ng = itemNamed(items, 'aws_eks_node_group.from_template');
    assert.equal(ng.sku, 'g5.xlarge');
    // 4 × $1.006
    assert.equal(ng.estimate.hourlyUsd, 4.024);
    assert.ok(ng.assumptions.includes('instance type from aws_launch_template.workers'));
  });

  it('makes one item per endpoint variant and says a serverless one is usage-priced', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const primary = itemNamed(items, 'aws_sagemaker_endpoint_configuration.llm variant primary');
    assert.equal(primary.kind, 'endpoint');
    // 2 × $1.515 (ml.g5.2xlarge hosting)
    assert.equal(primary.estimate.hourlyUsd, 3.03);
    assert.equal(primary.estimate.monthlyUsd, 2211.9);
    const burst = itemNamed(items, 'aws_sagemaker_endpoint_configuration.llm variant burst');
    assert.equal(burst.estimate.monthlyUsd, null);
    assert.match(burst.unpricedReason ?? '', /serverless variant: billed per request/);
  });

  it('prices a notebook instance as a notebook', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const nb = itemNamed(items, 'aws_sagemaker_notebook_instance.lab');
    assert.equal(nb.kind, 'notebook');
    assert.equal(nb.estimate.hourlyUsd, 0.7364);
    assert.ok(nb.assumptions.some((a) => a.includes('SageMaker notebook price not in bundled catalog')), nb.assumptions.join('; '));
  });

  it('does not guess an instance type known only after apply', async () => {
    const { items } = await analyzeFixture('terraform/aws/main.tf');
    const x = itemNamed(items, 'aws_instance.after_apply');
    assert.equal(x.sku, null);
    assert.match(x.unpricedReason ?? '', /known only after apply/);
  });
});

describe('Terraform detector: GCP', () => {
  it('prices a GPU machine type in the zone\'s region with the provider\'s default labels', async () => {
    const { items } = await analyzeFixture('terraform/gcp/main.tf');
    const vm = itemNamed(items, 'google_compute_instance.trainer');
    assert.equal(vm.region, 'us-central1');
    assert.ok(vm.assumptions.includes('region us-central1 from zone us-central1-a'));
    assert.equal(vm.estimate.hourlyUsd, 3.6734);
    assert.equal(vm.estimate.monthlyUsd, 2681.57);
    assert.deepEqual(vm.tags, { team: 'vision' });
  });

  it('prices an N1 VM and its attached GPUs at spot, each from its own row', async () => {
    const { items } = await analyzeFixture('terraform/gcp/main.tf');
    const vm = itemNamed(items, 'google_compute_instance.t4_spot');
    assert.equal(vm.pricing, 'spot');
    // n1-standard-8 spot $0.13402 + the 2× T4 attachment row, spot $0.35
    assert.equal(vm.estimate.hourlyUsd, 0.484);
    assert.equal(vm.estimate.monthlyUsd, 353.32);
    assert.deepEqual(vm.accelerators && { name: vm.accelerators.name, count: vm.accelerators.count }, { name: 'T4', count: 2 });
    assert.ok(vm.assumptions.includes('VM $0.134/h + GPUs $0.35/h'), vm.assumptions.join('; '));
    assert.deepEqual(vm.tags, { team: 'vision', owner: 'ana' });
  });

  it('expands a dynamic guest_accelerator block, and does not add GPUs a G2 price already includes', async () => {
    const { items } = await analyzeFixture('terraform/gcp/main.tf');
    const dyn = itemNamed(items, 'google_compute_instance.dynamic_gpus');
    // n1-standard-16 on-demand $0.759996 + the 4× T4 attachment row, $1.40
    assert.equal(dyn.estimate.hourlyUsd, 2.16);
    assert.equal(dyn.accelerators?.count, 4);
    const g2 = itemNamed(items, 'google_compute_instance.g2_with_gpus');
    // g2-standard-24 VM + 2× L4 row: $2.00083
    assert.equal(g2.estimate.hourlyUsd, 2.0008);
    assert.ok(g2.assumptions.includes('guest_accelerator 2× nvidia-l4 is included in the g2-standard-24 price'));
  });

  it('multiplies a regional node pool by its three default zones and a zonal one by node_locations', async () => {
    const { items } = await analyzeFixture('terraform/gcp/main.tf');
    const regional = itemNamed(items, 'google_container_node_pool.l4');
    assert.equal(regional.quantity, 3);
    // 3 × $0.34057 (g2-standard-8 with its L4, spot)
    assert.equal(regional.estimate.hourlyUsd, 1.0217);
    const zonal = itemNamed(items, 'google_container_node_pool.zonal');
    assert.equal(zonal.quantity, 4);
    // 4 × $0.85362
    assert.equal(zonal.estimate.hourlyUsd, 3.4145);
    assert.equal(zonal.estimate.monthlyUsd, 2492.57);
  });
});

describe('Terraform detector: GKE clusters and node pools', () => {
  it('labels pool VMs as GCP bills them: default_labels, the cluster\'s resource_labels, node_config.resource_labels (not Kubernetes labels)', async () => {
    const { items, skipped } = await analyzeFixture('terraform/gke/main.tf');
    assert.deepEqual(skipped, []);
    const pool = itemNamed(items, 'google_container_node_pool.a100');
    // 2 × $3.67339 (a2-highgpu-1g with its A100, us-central1)
    assert.equal(pool.estimate.hourlyUsd, 7.3468);
    assert.deepEqual(pool.tags, { team: 'vision', env: 'prod', pool: 'a100' });
    assert.deepEqual({ ...pool.tagging, range: undefined }, { style: 'gcp-labels', range: undefined, attribute: 'resource_labels', blockPath: ['node_config'] });
    assert.deepEqual(itemNamed(items, 'google_container_node_pool.bare').tags, { team: 'vision', env: 'prod' });
  });

  it('prices a kept default pool per zone, inline node_pool blocks, and nothing for a removed default pool or Autopilot', async () => {
    const { items } = await analyzeFixture('terraform/gke/main.tf');
    const dev = itemNamed(items, 'google_container_cluster.dev default node pool');
    // initial_node_count 1 × 2 node_locations × $0.28184 spot (g2-standard-4 with its L4)
    assert.equal(dev.quantity, 2);
    assert.equal(dev.pricing, 'spot');
    assert.equal(dev.estimate.hourlyUsd, 0.5637);
    assert.deepEqual(dev.tags, { team: 'vision' });
    assert.equal(dev.tagging?.attribute, 'resource_labels');
    assert.equal(dev.tagging?.blockPath, undefined, 'the fix goes into the cluster\'s own resource_labels');
    const inline = itemNamed(items, 'google_container_cluster.inline node_pool "l4"');
    // 3 × $0.85362 in the zonal cluster's zone
    assert.equal(inline.estimate.hourlyUsd, 2.5609);
    assert.deepEqual(inline.tags, { team: 'vision', pool: 'l4' });
    assert.ok(!items.some((i) => i.resource.startsWith('google_container_cluster.main') || i.resource.startsWith('google_container_cluster.autopilot')));
  });

  it('does not call labels missing when the pool\'s cluster is in another module', async () => {
    const { items } = await analyzeFixture('terraform/gcp/main.tf');
    const pool = itemNamed(items, 'google_container_node_pool.zonal');
    assert.equal(pool.tagging?.partial, true);
    assert.ok(pool.assumptions.includes('cluster resource_labels not read: no google_container_cluster named "main" in this module'), pool.assumptions.join('; '));
  });
});

describe('Terraform detector: Azure', () => {
  it('prices Linux and Windows VMs in their location, spot when priority says so', async () => {
    const { items } = await analyzeFixture('terraform/azure/main.tf');
    const linux = itemNamed(items, 'azurerm_linux_virtual_machine.a100');
    assert.equal(linux.region, 'eastus');
    assert.equal(linux.estimate.hourlyUsd, 3.673);
    assert.equal(linux.estimate.monthlyUsd, 2681.29);
    assert.deepEqual(linux.tags, { team: 'nlp' });
    const win = itemNamed(items, 'azurerm_windows_virtual_machine.viz');
    assert.equal(win.pricing, 'spot');
    assert.equal(win.region, 'eastus');
    assert.equal(win.estimate.hourlyUsd, 0.0627);
    assert.ok(win.assumptions.some((a) => a.includes('Windows license')));
  });

  it('takes an AKS pool\'s region from its cluster and its size from min_count when autoscaling', async () => {
    const { items } = await analyzeFixture('terraform/azure/main.tf');
    const pool = itemNamed(items, 'azurerm_kubernetes_cluster_node_pool.gpu');
    assert.equal(pool.region, 'westus2');
    assert.equal(pool.quantity, 2);
    // 2 × $3.06 (Standard_NC6s_v3, westus2)
    assert.equal(pool.estimate.hourlyUsd, 6.12);
    assert.ok(pool.assumptions.includes('location of azurerm_kubernetes_cluster.main'));
  });

  it('prices an ML compute cluster that scales to zero per node-hour (low priority) and a compute instance as a notebook', async () => {
    const { items } = await analyzeFixture('terraform/azure/main.tf');
    const cluster = itemNamed(items, 'azurerm_machine_learning_compute_cluster.train');
    assert.equal(cluster.quantity, 1);
    assert.equal(cluster.pricing, 'spot');
    // one node at $0.888866 spot while jobs run; no monthly figure for a cluster idle at 0 nodes
    assert.equal(cluster.estimate.hourlyUsd, 0.8889);
    assert.equal(cluster.estimate.monthlyUsd, null);
    assert.equal(cluster.minQuantity, 0, 'scales to zero when idle');
    assert.ok(cluster.assumptions.some((a) => a.startsWith('up to 4 nodes (max_node_count = 4)')), cluster.assumptions.join('; '));
    const dev = itemNamed(items, 'azurerm_machine_learning_compute_instance.dev');
    assert.equal(dev.kind, 'notebook');
    assert.equal(dev.estimate.hourlyUsd, 0.752);
    assert.ok(dev.assumptions.includes('region eastus (default for azure; no region set)'), dev.assumptions.join('; '));
  });

  it('prices an AKS default_node_pool as a pool: min_count when autoscaling (both spellings), else node_count', async () => {
    const { items, skipped } = await analyzeFixture('terraform/aks/main.tf');
    assert.deepEqual(skipped, []);
    const gpu = itemNamed(items, 'azurerm_kubernetes_cluster.gpu default_node_pool "a100"');
    assert.equal(gpu.kind, 'cluster');
    assert.equal(gpu.region, 'eastus');
    assert.equal(gpu.quantity, 2);
    assert.equal(gpu.minQuantity, 2);
    // 2 × $3.673 (Standard_NC24ads_A100_v4, eastus)
    assert.equal(gpu.estimate.hourlyUsd, 7.346);
    assert.ok(gpu.assumptions.includes('autoscaling: min_count = 2'));
    assert.deepEqual(gpu.tags, { pool: 'a100' }, 'the node VMs carry the pool\'s tags, not the cluster\'s');
    assert.deepEqual(gpu.tagging?.blockPath, ['default_node_pool']);
    const legacy = itemNamed(items, 'azurerm_kubernetes_cluster.legacy default_node_pool "system"');
    assert.equal(legacy.quantity, 1);
    assert.equal(legacy.region, 'westus2');
    assert.equal(legacy.estimate.hourlyUsd, 3.673);
    const fixed = itemNamed(items, 'azurerm_kubernetes_cluster.fixed default_node_pool "v100"');
    // 3 × $3.06 (Standard_NC6s_v3)
    assert.equal(fixed.estimate.hourlyUsd, 9.18);
    assert.equal(fixed.minQuantity, undefined);
  });

  it('sizes a separate AKS pool the same way: spot, scaling from zero, region and tags of its own', async () => {
    const { items } = await analyzeFixture('terraform/aks/main.tf');
    const spot = itemNamed(items, 'azurerm_kubernetes_cluster_node_pool.spot');
    assert.equal(spot.pricing, 'spot');
    // min_count = 0: one node's price while one runs, never a silent $0
    assert.equal(spot.quantity, 1);
    assert.equal(spot.minQuantity, 0);
    assert.ok(spot.assumptions.includes('autoscaling: min_count = 0: scales to zero; priced per node while one runs'), spot.assumptions.join('; '));
    assert.ok((spot.estimate.hourlyUsd ?? 0) > 0);
    assert.equal(spot.region, 'eastus');
    assert.deepEqual(spot.tags, { pool: 'spot' });
    assert.equal(spot.tagging?.blockPath, undefined);
  });

  it('uses a configured Azure default region but not an AWS-shaped one', async () => {
    const azureDefault = await analyzeFixture('terraform/azure/main.tf', { defaultRegion: 'westus2', defaultRegionSource: '.finops.yml' });
    assert.equal(itemNamed(azureDefault.items, 'azurerm_machine_learning_compute_instance.dev').region, 'westus2');
    const awsDefault = await analyzeFixture('terraform/azure/main.tf', { defaultRegion: 'us-west-2' });
    assert.equal(itemNamed(awsDefault.items, 'azurerm_machine_learning_compute_instance.dev').region, 'eastus');
  });
});

describe('Terraform detector: local modules', () => {
  it('prices what a module creates with inputs bound from the call, times the call\'s count, on the module block', async () => {
    const { items } = await analyzeFixture('terraform/module-root/main.tf');
    const total = itemNamed(items, 'module.training');
    assert.equal(total.range.start.line, 4);
    // 2 calls × 3 nodes × $1.212 (g5.2xlarge, us-west-2 from the root provider)
    assert.equal(total.estimate.hourlyUsd, 7.272);
    assert.equal(total.estimate.monthlyUsd, 5308.56);
    assert.equal(total.summary, 'module ../modules/gpu-pool: 1 resource(s)');
    assert.equal(total.children?.[0].resource, 'module.training.aws_instance.node');
    assert.equal(total.children?.[0].region, 'us-west-2');
    assert.deepEqual(total.tags, { team: 'ml' });
  });

  it('names the module folders it read, so an editor can refresh the caller when they change', async () => {
    const result = await analyzeFixture('terraform/module-root/main.tf');
    assert.deepEqual(result.readFolders, [fixturePath('terraform', 'modules', 'gpu-pool')]);
  });

  it('says which variable the call leaves unset, and skips registry modules', async () => {
    const { items } = await analyzeFixture('terraform/module-root/main.tf');
    const unbound = itemNamed(items, 'module.unbound');
    assert.match(unbound.unpricedReason ?? '', /variable "instance_type" has no default and the module call does not set it/);
    assert.ok(!items.some((i) => i.resource.startsWith('module.vpc')));
  });
});
