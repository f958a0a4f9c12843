import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repo, 'out', 'src', 'cli', 'main.js');

interface Item {
  file: string;
  resource: string;
  sku: string | null;
  quantity: number;
  hourlyUsd: number | null;
  monthlyUsd: number | null;
  range: { startLine: number };
}

describe('CLI scan of every infrastructure format in the sample workspace', () => {
  const r = spawnSync(process.execPath, [cli, 'scan', 'samples/workspace', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
  const report = JSON.parse(r.stdout) as { items: Item[]; unpriced: unknown[]; errors: unknown[] };
  const find = (file: string, resource: string) => {
    const item = report.items.find((i) => i.file === file && i.resource === resource);
    assert.ok(item, `${file}: ${resource} in ${report.items.map((i) => i.resource).join(', ')}`);
    return item;
  };

  it('prices GCP and Azure Terraform', () => {
    assert.equal(r.status, 0, r.stderr);
    // a2-highgpu-1g VM + GPU row, us-central1
    assert.equal(find('infra/gcp/main.tf', 'google_compute_instance.trainer').hourlyUsd, 3.6734);
    // 2 nodes × Standard_NC6s_v3 spot $0.3978, eastus
    assert.equal(find('infra/azure/main.tf', 'azurerm_kubernetes_cluster_node_pool.gpu').hourlyUsd, 0.7956);
  });

  it('prices a CloudFormation template with intrinsics at the logical ID line', () => {
    const asg = find('cloudformation/inference-stack.yaml', 'Workers (AWS::AutoScaling::AutoScalingGroup)');
    // 3 × g5.2xlarge $1.212
    assert.deepEqual([asg.sku, asg.quantity, asg.hourlyUsd, asg.range.startLine], ['g5.2xlarge', 3, 3.636, 38]);
  });

  it('prices Kubernetes workloads, a SkyPilot task and the CPU system pool, leaving nothing unpriced', () => {
    assert.equal(find('k8s/training.yaml', 'Deployment/vllm').hourlyUsd, 11.344);
    assert.equal(find('k8s/training.yaml', 'PyTorchJob/finetune [Worker]').monthlyUsd, null);
    const sky = find('skypilot/finetune.yaml', 'SkyPilot task llama-finetune');
    // 2 nodes × Lambda gpu_8x_a100 $15.92, the cheapest of the A100:8 / A100-80GB:8 set
    assert.deepEqual([sky.sku, sky.hourlyUsd], ['gpu_8x_a100', 31.84]);
    // The AKS system pool: 2 × Standard_D4s_v5 in eastus at $0.192/h, from the CPU price table.
    const system = find('infra/azure/main.tf', 'azurerm_kubernetes_cluster.main default_node_pool "system"');
    assert.deepEqual([system.sku, system.quantity, system.hourlyUsd], ['Standard_D4s_v5', 2, 0.384]);
    assert.deepEqual(report.unpriced, []);
    assert.deepEqual(report.errors, []);
  });
});
