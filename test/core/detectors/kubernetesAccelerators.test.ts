import { strict as assert } from 'node:assert';
import { lensTitle } from '../../../src/core/format/costFormat';
import { analyzeFixture, itemNamed } from '../helpers';

// Expected figures: data/price-catalog.json rows by hand; 730 h/month.

describe('Kubernetes GKE TPU pods', () => {
  it('prices a multi-host TPU group per chip: 4 hosts × 4 chips of a v6e 4x4 slice', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/gke-tpu.yaml');
    assert.deepEqual(skipped, []);
    const t = itemNamed(items, 'RayCluster/tpu-serve [worker tpu-group]');
    assert.equal(t.provider, 'gcp');
    assert.equal(t.quantity, 4);
    assert.deepEqual(t.accelerators, { name: 'TPU v6e (tpu-v6e-16)', count: 16 });
    // 16 chips × $2.70 (tpu-v6e-1, us-central1)
    assert.equal(t.estimate.hourlyUsd, 43.2);
    assert.equal(t.estimate.monthlyUsd, 31536);
    assert.ok(t.assumptions.includes('topology 4x4 = 16 chips per slice (tpu-v6e-16): 1 slice(s)'), t.assumptions.join('; '));
    assert.ok(t.assumptions.includes('$2.7/chip-hour × 16 chips (tpu-v6e-16)'), t.assumptions.join('; '));
    assert.equal(t.minQuantity, 0, 'the group can scale to zero');
    assert.equal(t.unpricedReason, undefined);
  });

  it('reads the TPU labels from required node affinity and falls back to the region that sells the generation', async () => {
    const { items } = await analyzeFixture('kubernetes/gke-tpu.yaml');
    const j = itemNamed(items, 'Job/jax-v4');
    // 4 v4 chips = the tpu-v4-8 row, $12.88/h in us-central2
    assert.equal(j.estimate.hourlyUsd, 12.88);
    assert.equal(j.estimate.monthlyUsd, null, 'a Job is priced per hour while it runs');
    assert.equal(j.region, 'us-central2');
    assert.ok(j.assumptions.some((a) => a.includes('using us-central2')), j.assumptions.join('; '));
  });

  it('says why TPU chips without the accelerator label are not priced', async () => {
    const { items } = await analyzeFixture('kubernetes/gke-tpu.yaml');
    assert.match(itemNamed(items, 'Pod/tpu-unlabelled').unpricedReason ?? '', /names no cloud.google.com\/gke-tpu-accelerator/);
  });
});

describe('Kubernetes GPUs without a node type', () => {
  it('puts 2 pods × 8 GPUs on two of the cheapest 8-GPU nodes, not on 16 of the cheapest GPU-hours', async () => {
    const { items } = await analyzeFixture('kubernetes/gpus-no-node-type.yaml');
    const d = itemNamed(items, 'Deployment/big-serve');
    assert.equal(d.sku, 'g4dn.metal');
    assert.equal(d.quantity, 2);
    // 2 × g4dn.metal (8 × T4) $7.824/h
    assert.equal(d.estimate.hourlyUsd, 15.648);
    assert.equal(d.accelerators?.count, 16);
    assert.ok(d.assumptions.some((a) => a.startsWith('no node type: priced as the cheapest whole-GPU node that fits 2 pod(s) of 8 NVIDIA GPU: 2 × g4dn.metal')));
    assert.equal(lensTitle(d), '$15.65/h · $11,423/mo · 2× g4dn.metal (16× T4) · on-demand us-east-1');
  });

  it('needs the node to hold the CPU and memory the pod requests too', async () => {
    const { items } = await analyzeFixture('kubernetes/gpus-no-node-type.yaml');
    const r = itemNamed(items, 'Deployment/roomy');
    // 1 GPU, 6 vCPU, 24 GiB: the 4-vCPU T4 nodes are too small; Standard_NC8as_T4_v3 (8 vCPU, 56 GiB) $0.752/h holds it
    assert.equal(r.sku, 'Standard_NC8as_T4_v3');
    assert.equal(r.estimate.hourlyUsd, 0.752);
    assert.ok(r.assumptions.some((a) => a.includes('1 NVIDIA GPU, 6 vCPU, 24 GiB')));
  });
});

describe('Kubernetes scale to zero', () => {
  it('prices one replica of a minReplicas: 0 predictor and keeps the floor of 0', async () => {
    const { items } = await analyzeFixture('kubernetes/gpus-no-node-type.yaml');
    const p = itemNamed(items, 'InferenceService/idle-llm [predictor]');
    assert.equal(p.quantity, 1);
    assert.equal(p.minQuantity, 0);
    // g5.8xlarge $2.448/h
    assert.equal(p.estimate.hourlyUsd, 2.448);
    assert.ok(p.assumptions.includes('minReplicas = 0: scales to zero when idle; priced per replica while one runs'));
  });
});
