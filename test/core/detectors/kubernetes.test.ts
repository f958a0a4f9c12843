import { strict as assert } from 'node:assert';
import { lensTitle } from '../../../src/core/format/costFormat';
import { analyzeFiles, analyzeFixture, itemNamed, readersOf } from '../helpers';

// Expected figures: ../shared/data/gpu-instances.csv rows × nodes by hand; 730 h/month.

describe('Kubernetes detector', () => {
  describe('workloads in a multi-document file', () => {
    it('packs GPU pods onto nodes of the selected type: 3 pods × 2 GPUs on 4-GPU g5.12xlarge → 2 nodes', async () => {
      const { items, skipped } = await analyzeFixture('kubernetes/workloads.yaml');
      assert.deepEqual(skipped, []);
      const d = itemNamed(items, 'Deployment/llm-server');
      assert.equal(d.kind, 'k8s-workload');
      assert.equal(d.sku, 'g5.12xlarge');
      assert.equal(d.quantity, 2);
      // 2 × $5.672
      assert.equal(d.estimate.hourlyUsd, 11.344);
      assert.equal(d.estimate.monthlyUsd, 8281.12);
      assert.equal(d.range.start.line, 8, 'the kind: line of the second document');
      assert.deepEqual(d.tags, { team: 'serving', app: 'llm' });
      assert.equal(d.tagging?.style, 'k8s-labels');
      assert.equal(d.tagging?.range?.start.line, 7, 'the object mapping of the second document');
      assert.ok(d.assumptions.includes('3 pod(s) × 2 GPU packed 2 per g5.12xlarge node → 2 node(s)'));
    });

    it('reads the instance type from required node affinity (beta label) and GPUs from requests/limits', async () => {
      const { items } = await analyzeFixture('kubernetes/workloads.yaml');
      const s = itemNamed(items, 'StatefulSet/trainer');
      assert.equal(s.sku, 'p4d.24xlarge');
      assert.equal(s.quantity, 2);
      assert.equal(s.estimate.hourlyUsd, 43.9153);
    });

    it('prices a Job with no node type on the cheapest whole-GPU node that fits, stated, hourly only', async () => {
      const { items } = await analyzeFixture('kubernetes/workloads.yaml');
      const j = itemNamed(items, 'Job/batch-embed');
      // 4 pods × 1 GPU: the cheapest 1-GPU node of a Kubernetes cloud, not on an Arm host, is a T4 at $0.526/h
      // (Standard_NC4as_T4_v3 in eastus, the same price as g4dn.xlarge); g5g.xlarge ($0.42, Graviton) is left out
      assert.equal(j.sku, 'Standard_NC4as_T4_v3');
      assert.equal(j.quantity, 4);
      assert.equal(j.estimate.hourlyUsd, 2.104);
      assert.equal(j.estimate.monthlyUsd, null);
      assert.ok(j.assumptions.some((a) => a.startsWith('no node type: priced as the cheapest whole-GPU node that fits 4 pod(s) of 1 NVIDIA GPU: 4 × Standard_NC4as_T4_v3')), j.assumptions.join('; '));
      assert.ok(j.assumptions.some((a) => a.includes('not considered: ') && a.includes('Arm hosts')), j.assumptions.join('; '));
      assert.ok(j.assumptions.includes('Job runs until it completes: cost per hour while running'));
    });

    it('narrows the node to the GPU model named by nvidia.com/gpu.product', async () => {
      const { items } = await analyzeFixture('kubernetes/workloads.yaml');
      const j = itemNamed(items, 'Job/a100-eval');
      // 1 pod × 2 A100 40GB: GCP a2-highgpu-2g, $7.34677/h (Lambda's gpu_2x_a100 is no Kubernetes node pool)
      assert.equal(j.sku, 'a2-highgpu-2g');
      assert.equal(j.estimate.hourlyUsd, 7.3468);
      assert.ok(j.assumptions.includes('GPU model A100 from nvidia.com/gpu.product NVIDIA-A100-SXM4-40GB'), j.assumptions.join('; '));
    });

    it('uses a configured GPU-hour rate instead of the derived one', async () => {
      const { items } = await analyzeFixture('kubernetes/workloads.yaml', { gpuHourRate: { usdPerHour: 2.5, source: '.finops.yml rates.gpuHour' } });
      const j = itemNamed(items, 'Job/batch-embed');
      assert.equal(j.estimate.hourlyUsd, 10);
      assert.ok(j.assumptions.includes('$2.5/GPU-hour from .finops.yml rates.gpuHour'));
    });

    it('prices a CronJob on a Karpenter family at the cheapest size holding its GPUs, spot from capacity-type', async () => {
      const { items } = await analyzeFixture('kubernetes/workloads.yaml');
      const c = itemNamed(items, 'CronJob/nightly-eval');
      assert.equal(c.sku, 'g5.xlarge');
      assert.equal(c.pricing, 'spot');
      assert.equal(c.estimate.hourlyUsd, 0.4246);
      assert.ok(c.assumptions.some((a) => a.includes('runs on schedule "0 2 * * *"')));
    });

    it('says a pod cannot fit its node type, and ignores CPU-only pods and other kinds', async () => {
      const { items } = await analyzeFixture('kubernetes/workloads.yaml');
      assert.match(itemNamed(items, 'Deployment/too-big').unpricedReason ?? '', /each pod asks for 4 GPUs but g5.xlarge has 1/);
      assert.ok(!items.some((i) => i.resource === 'Deployment/web' || i.resource.startsWith('ConfigMap')));
    });
  });

  describe('training and serving operators', () => {
    it('prices every PyTorchJob replica spec: GKE accelerator (spot) and GPU-hours', async () => {
      const { items } = await analyzeFixture('kubernetes/training-jobs.yaml');
      const worker = itemNamed(items, 'PyTorchJob/llama-finetune [Worker]');
      assert.equal(worker.provider, 'gcp');
      assert.equal(worker.pricing, 'spot');
      // 3 pods × a2-highgpu-8g (the GKE machine type with 8 A100), spot $14.4308 (us-central1), VM included
      assert.equal(worker.sku, 'a2-highgpu-8g');
      assert.equal(worker.estimate.hourlyUsd, 43.2924);
      assert.deepEqual(worker.accelerators && { name: worker.accelerators.name, count: worker.accelerators.count }, { name: 'A100-40GB', count: 24 });
      assert.ok(worker.assumptions.some((a) => a.startsWith('GPU model A100 from cloud.google.com/gke-accelerator nvidia-tesla-a100')), worker.assumptions.join('; '));
      assert.deepEqual(worker.tags, { team: 'research' });
      const master = itemNamed(items, 'PyTorchJob/llama-finetune [Master]');
      // 8 GPUs in one pod: the cheapest 8-GPU node, g4dn.metal (8 × T4) at $7.824/h, not 8 × the cheapest GPU-hour
      assert.equal(master.sku, 'g4dn.metal');
      assert.equal(master.estimate.hourlyUsd, 7.824);
    });

    it('prices TFJob roles and MPIJob workers (AMD GPUs on AMD nodes), skipping a GPU-less launcher', async () => {
      const { items } = await analyzeFixture('kubernetes/training-jobs.yaml');
      assert.equal(itemNamed(items, 'TFJob/tf-dist [Chief]').estimate.hourlyUsd, 1.212);
      assert.equal(itemNamed(items, 'TFJob/tf-dist [Worker]').estimate.hourlyUsd, 2.424);
      const mpi = itemNamed(items, 'MPIJob/mpi [Worker]');
      // 2 pods × 4 AMD GPUs: 2 × g4ad.16xlarge (4 × Radeon Pro V520, $3.468/h)
      assert.equal(mpi.sku, 'g4ad.16xlarge');
      assert.equal(mpi.estimate.hourlyUsd, 6.936);
      assert.ok(!items.some((i) => i.resource === 'MPIJob/mpi [Launcher]'));
    });

    it('prices Ray worker groups by replicas, else minReplicas, and the CPU head on its node type', async () => {
      const { items } = await analyzeFixture('kubernetes/ray.yaml');
      const workers = itemNamed(items, 'RayCluster/ray-serve [worker gpu]');
      assert.equal(workers.estimate.hourlyUsd, 3.722);
      // m5.2xlarge in us-east-1, $0.384/h
      assert.equal(itemNamed(items, 'RayCluster/ray-serve [head]').estimate.hourlyUsd, 0.384);
      const job = itemNamed(items, 'RayJob/ray-train [worker a100]');
      assert.equal(job.quantity, 2);
      assert.equal(job.estimate.hourlyUsd, 43.9153);
      assert.equal(job.estimate.monthlyUsd, null);
    });

    it('prices a KServe predictor at minReplicas on its node type', async () => {
      const { items } = await analyzeFixture('kubernetes/inference-service.yaml');
      const p = itemNamed(items, 'InferenceService/sklearn-gpu [predictor]');
      assert.equal(p.quantity, 2);
      assert.equal(p.estimate.hourlyUsd, 2.012);
      assert.equal(p.estimate.monthlyUsd, 1468.76);
      assert.equal(p.minQuantity, 2);
      assert.equal(p.range.start.line, 7, "the predictor: key");
    });
  });

  describe('input it cannot read', () => {
    it('skips a Helm template with a clear message', async () => {
      const { items, skipped } = await analyzeFixture('kubernetes/helm-deployment.yaml');
      assert.deepEqual(items, []);
      assert.match(skipped[0]?.message ?? '', /Helm\/Go template .* is not YAML until rendered/);
    });

    it('keeps the good documents of a file whose later document is malformed', async () => {
      const { items, skipped } = await analyzeFixture('kubernetes/partly-broken.yaml');
      assert.equal(itemNamed(items, 'Deployment/ok').estimate.hourlyUsd, 1.006);
      assert.equal(skipped.length, 1);
      assert.match(skipped[0].message, /^document 2: YAML error near line \d+/);
    });

    it('follows YAML anchors and merge keys', async () => {
      const { items } = await analyzeFixture('kubernetes/anchors.yaml');
      // 2 pods × 4 GPUs on 4-GPU g5.12xlarge nodes = 2 nodes × $5.672
      assert.equal(itemNamed(items, 'PyTorchJob/anchored [Worker]').estimate.hourlyUsd, 11.344);
      assert.equal(itemNamed(items, 'PyTorchJob/anchored [Master]').estimate.hourlyUsd, 5.672);
    });

    it('stops an alias expansion bomb with a skipped entry', async () => {
      const { items, skipped } = await analyzeFixture('kubernetes/alias-bomb.yaml');
      assert.deepEqual(items, []);
      assert.match(skipped[0]?.message ?? '', /too many nodes/);
    });

    it('recognises manifests by content, one reader per document', () => {
      assert.deepEqual(readersOf('/k/app.yaml', 'apiVersion: v1\nkind: Pod\n'), ['kubernetes']);
      assert.deepEqual(readersOf('/k/app.yaml', 'name: task\nresources:\n  accelerators: A100\nrun: x\n'), ['skypilot']);
      // kubectl decodes YAML or JSON whatever the file is called.
      assert.deepEqual(readersOf('/k/app.json', 'apiVersion: v1\nkind: Pod\n'), ['kubernetes']);
      assert.deepEqual(readersOf('/k/app.json', '{"apiVersion": "v1", "kind": "Pod"}'), ['kubernetes']);
      assert.deepEqual(readersOf('/k/list.json', '[{"apiVersion": "v1", "kind": "Pod"}]'), ['kubernetes']);
      assert.deepEqual(readersOf('/k/schema.json', '{"properties": {"apiVersion": {"type": "string"}, "kind": {}}}'), []);
      assert.deepEqual(readersOf('/k/package.json', '{"apiVersion": "v1", "kind": "Pod"}'), []);
      // A job whose arguments name training options is a manifest, not a training config as well.
      assert.deepEqual(readersOf('/k/job.yaml', 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - args: ["--per_device_train_batch_size", "8"]\n'), ['kubernetes']);
      // A Helm template is YAML with tags, not JSON.
      assert.deepEqual(readersOf('/k/templates/job.yaml', '{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\n{{- end }}\n'), ['kubernetes']);
    });
  });
});

describe('Kubernetes lists and JSON, as kubectl reads them', () => {
  it('flattens a YAML `kind: List` into its items, each at its own lines', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/list.yaml');
    assert.deepEqual(skipped, []);
    const d = itemNamed(items, 'Deployment/llm-server');
    // 3 pods × 2 GPUs on 4-GPU g5.12xlarge → 2 nodes × $5.672
    assert.equal(d.estimate.hourlyUsd, 11.344);
    assert.equal(d.range.start.line, 7, 'the item\'s kind: line');
    assert.equal(d.tagging?.range?.start.line, 6, 'the item mapping, after its dash');
    assert.deepEqual(d.tags, { team: 'serving' });
    const j = itemNamed(items, 'Job/embed');
    // 2 pods × 1 GPU on g5.xlarge ($1.006)
    assert.equal(j.estimate.hourlyUsd, 2.012);
    assert.equal(j.range.start.line, 28);
    assert.equal(items.length, 2, 'the Service runs no pods');
  });

  it('reads a tab-indented JSON List with positions of each item', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/list.json');
    assert.deepEqual(skipped, []);
    assert.equal(items.length, 1);
    const d = itemNamed(items, 'Deployment/llm-server');
    assert.equal(d.estimate.hourlyUsd, 11.344);
    assert.equal(d.range.start.line, 11, 'the "kind" key of the second item');
    assert.equal(d.tagging?.range?.start.line, 9, 'the item\'s opening brace');
  });

  it('reads a stream of JSON objects, as kubectl decodes it, each at its own lines', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/job.json');
    assert.deepEqual(skipped, []);
    assert.equal(itemNamed(items, 'Job/embed').estimate.hourlyUsd, 2.012);
    assert.equal(itemNamed(items, 'Job/embed').range.start.line, 2);
    const web = itemNamed(items, 'Deployment/web-gpu');
    assert.equal(web.estimate.hourlyUsd, 1.006);
    assert.equal(web.range.start.line, 18);
    assert.equal(web.tagging?.range?.start.line, 16, 'the second object\'s opening brace');
    assert.deepEqual(web.tags, { team: 'web' });
  });

  it('prices `helm template` output: `---`, `# Source:` comments and `{{ }}` left inside strings', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/helm-rendered.yaml');
    assert.deepEqual(skipped, []);
    const d = itemNamed(items, 'Deployment/release-llm');
    // 2 pods × g5.2xlarge $1.212
    assert.equal(d.estimate.hourlyUsd, 2.424);
    assert.equal(d.range.start.line, 25);
  });

  it('still skips an unrendered chart whose actions sit only in quoted strings', async () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "{{ .Release.Name }}"\nspec:\n  replicas: 1\n';
    const { items, skipped } = await analyzeFiles({ 'd.yaml': text }, 'd.yaml');
    assert.deepEqual(items, []);
    assert.match(skipped[0]?.message ?? '', /Helm\/Go template/);
  });
});

describe('Kubernetes lens titles', () => {
  it('names the fitted node when GPUs are asked for without a node type, and pods on a GKE accelerator', async () => {
    const { items } = await analyzeFixture('kubernetes/training-jobs.yaml');
    assert.equal(lensTitle(itemNamed(items, 'PyTorchJob/llama-finetune [Master]')), '$7.82/h · 1× g4dn.metal (8× T4) · on-demand us-east-1');
    assert.equal(
      lensTitle(itemNamed(items, 'PyTorchJob/llama-finetune [Worker]')),
      '$43.29/h · 3× a2-highgpu-8g (24× A100 40GB) · spot us-central1',
    );
  });
});
