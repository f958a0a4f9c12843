import { strict as assert } from 'node:assert';
import { analyzeFiles, catalog } from '../../helpers';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFiles({ 'job.py': code }, 'job.py');
  assert.deepEqual(skipped, []);
  return items;
}

const VERTEX = 'from google.cloud import aiplatform\naiplatform.init(project="p", location="us-central1")\n';

describe('Vertex AI SDK', () => {
  it('prices each CustomJob worker pool: machine + attached GPUs × replicas', async () => {
    const code = `${VERTEX}MACHINE = "a2-highgpu-1g"\njob = aiplatform.CustomJob(\n    display_name="train",\n    worker_pool_specs=[\n`
      + `        {"machine_spec": {"machine_type": MACHINE, "accelerator_type": "NVIDIA_TESLA_A100", "accelerator_count": 1}, "replica_count": 2},\n`
      + `        {"machine_spec": {"machine_type": "n1-standard-8", "accelerator_type": "NVIDIA_TESLA_T4", "accelerator_count": 2}, "replica_count": 1},\n    ],\n)\njob.run(timeout=7200)\n`;
    const [a2, n1] = await items(code);
    assert.equal(a2.resource, 'aiplatform CustomJob worker pool 0');
    assert.equal(a2.kind, 'training-run');
    assert.equal(a2.quantity, 2);
    assert.equal(a2.region, 'us-central1');
    // a2-highgpu-1g's catalog row already includes its A100.
    assert.equal(a2.estimate.hourlyUsd, Math.round(3.67339 * 2 * 1e4) / 1e4);
    assert.ok(a2.assumptions.some((a) => a.includes('timeout = 7200 s caps one run at 2 h')));
    assert.ok(a2.assumptions.includes('region us-central1 from aiplatform.init(location=...)'));
    // n1-standard-8 plus its 2× T4, billed separately by GCP.
    const vm = catalog.lookup({ instanceType: 'n1-standard-8', region: 'us-central1' });
    const t4 = catalog.gcpAcceleratorPrice('NVIDIA_TESLA_T4', 2, 'us-central1');
    assert.ok(vm.found && t4.found);
    assert.equal(n1.estimate.hourlyUsd, Math.round(((vm.offer.onDemandUsdPerHour ?? 0) + (t4.offer.onDemandUsdPerHour ?? 0)) * 1e4) / 1e4);
    assert.equal(n1.unpricedReason, undefined);
    assert.ok(n1.assumptions.includes('1 × 2 NVIDIA_TESLA_T4 attached (accelerator_type)'), n1.assumptions.join('; '));
  });

  it('prices CustomTrainingJob.run arguments and says when the machine is dynamic', async () => {
    const code = `${VERTEX}job = aiplatform.CustomTrainingJob(display_name="t", script_path="train.py", container_uri="img")\n`
      + `job.run(machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, replica_count=1)\n`
      + `def go(mt):\n    job.run(machine_type=mt)\n`;
    const [g2, dynamic] = await items(code);
    assert.equal(g2.resource, 'aiplatform CustomTrainingJob.run');
    assert.equal(g2.estimate.hourlyUsd, 0.8536);
    assert.equal(dynamic.estimate.hourlyUsd, null);
    assert.match(dynamic.unpricedReason ?? '', /machine_type comes from `mt`/);
  });

  it('prices Model.deploy and Endpoint.deploy monthly at min_replica_count', async () => {
    const code = `${VERTEX}model = aiplatform.Model("projects/p/locations/l/models/1")\n`
      + `endpoint = model.deploy(machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, min_replica_count=2, max_replica_count=4)\n`;
    const [ep] = await items(code);
    assert.equal(ep.kind, 'endpoint');
    assert.equal(ep.resource, 'aiplatform Model.deploy');
    assert.equal(ep.quantity, 2);
    assert.equal(ep.estimate.monthlyUsd, Math.round(0.85362 * 2 * 730 * 100) / 100);
  });

  it('takes the region from location=, else aiplatform.init, else the configured default region, as every adapter does', async () => {
    const code = 'from google.cloud import aiplatform\nmodel = aiplatform.Model("m")\n'
      + 'model.deploy(machine_type="n1-standard-4", location="europe-west4")\nmodel.deploy(machine_type="n1-standard-4")\n';
    const { items: [own, fallback] } = await analyzeFiles({ 'job.py': code }, 'job.py');
    assert.equal(own.region, 'europe-west4');
    assert.ok(own.assumptions.includes('region europe-west4 from location='), own.assumptions.join('; '));
    assert.ok(fallback.assumptions.includes(`region ${catalog.meta.defaultRegions.gcp} (default for gcp; no region set)`), fallback.assumptions.join('; '));
    const configured = await analyzeFiles({ 'job.py': code }, 'job.py', { defaultRegion: 'europe-west1', defaultRegionSource: '.finops.yml' });
    assert.equal(configured.items[1].region, 'europe-west1');
    assert.ok(configured.items[1].assumptions.includes('region europe-west1 from .finops.yml'), configured.items[1].assumptions.join('; '));
  });

  it('maps GCP API accelerator names to catalog prices', () => {
    for (const name of ['NVIDIA_TESLA_A100', 'NVIDIA_TESLA_T4', 'NVIDIA_L4', 'NVIDIA_H100_80GB', 'NVIDIA_TESLA_V100']) {
      assert.ok(catalog.gcpAcceleratorPrice(name, 1).found, name);
    }
  });

  it('prices the testing-harness pattern: the else branch\'s machine, the env-var branch named', async () => {
    const code = `${VERTEX}import os\nif os.getenv("IS_TESTING_TRAIN_GPU"):\n    TRAIN_GPU, TRAIN_NGPU = (aiplatform.gapic.AcceleratorType.NVIDIA_TESLA_A100, int(os.getenv("IS_TESTING_TRAIN_GPU")))\nelse:\n    TRAIN_GPU, TRAIN_NGPU = (aiplatform.gapic.AcceleratorType.NVIDIA_L4, 1)\n`
      + 'if os.getenv("IS_TESTING_TRAIN_MACHINE"):\n    MACHINE_TYPE = os.getenv("IS_TESTING_TRAIN_MACHINE")\nelse:\n    MACHINE_TYPE = "g2-standard"\nTRAIN_COMPUTE = MACHINE_TYPE + "-" + "4"\n'
      + 'job = aiplatform.CustomTrainingJob(display_name="t", script_path="task.py", container_uri="c")\n'
      + 'job.run(machine_type=TRAIN_COMPUTE, accelerator_type=TRAIN_GPU.name, accelerator_count=TRAIN_NGPU)\n';
    const [item] = await items(code);
    assert.equal(item.sku, 'g2-standard-4');
    assert.ok(item.assumptions.includes('chosen at run time: accelerator_type = "NVIDIA_L4" (else of `if os.getenv("IS_TESTING_TRAIN_GPU")`)'), item.assumptions.join('\n'));
    assert.ok(item.assumptions.some((a) => a.startsWith('not priced when') && a.includes('accelerator_count comes from environment variable IS_TESTING_TRAIN_GPU')), item.assumptions.join('\n'));
  });

  it('says why the literal branch cannot be priced rather than naming a run-time branch', async () => {
    const code = `${VERTEX}import os\nif os.getenv("IS_TESTING_GPU"):\n    GPU = os.getenv("IS_TESTING_GPU")\nelse:\n    GPU = "NVIDIA_TESLA_K80"\n`
      + 'job = aiplatform.CustomTrainingJob(display_name="t", script_path="task.py", container_uri="c")\n'
      + 'job.run(machine_type="n1-standard-4", accelerator_type=GPU, accelerator_count=1)\n';
    const [item] = await items(code);
    assert.match(item.unpricedReason ?? '', /^accelerator_type: no GCP price for accelerator NVIDIA_TESLA_K80/);
  });
});
