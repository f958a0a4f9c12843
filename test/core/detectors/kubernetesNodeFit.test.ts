import { strict as assert } from 'node:assert';
import { analyzeFixture, itemNamed } from '../helpers';

describe('Kubernetes pods fitted on the cheapest node that holds them', () => {
  it('prices CPU-only pods with requests on the cheapest x86 CPU node that holds each, stated, hourly for a Job', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    const j = itemNamed(items, 'Job/preprocess');
    // 3 pods × (2 vCPU, 4 GiB): t3a.medium (2 vCPU, 4 GiB) $0.0376/h each; t4g.medium is cheaper but Graviton
    assert.equal(j.sku, 't3a.medium');
    assert.equal(j.quantity, 3);
    assert.equal(j.estimate.hourlyUsd, 0.1128);
    assert.equal(j.estimate.monthlyUsd, null);
    assert.ok(j.assumptions.some((a) => a.startsWith('no node type: priced as the cheapest CPU node that fits 3 pod(s) of 2 vCPU, 4 GiB: 3 × t3a.medium (2 vCPU, 4 GiB, aws us-east-1')), j.assumptions.join('; '));
  });

  it('allows Arm nodes when the pod selects kubernetes.io/arch arm64', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    const d = itemNamed(items, 'Deployment/arm-api');
    assert.equal(d.sku, 't4g.medium');
    assert.equal(d.estimate.hourlyUsd, 0.0336);
  });

  it('puts a Neuron pod that asks for EFA devices on a Trainium node with that many, not on a cheaper Inferentia node', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    const efa = itemNamed(items, 'Pod/neuron-efa');
    // 8 EFA devices: trn1.32xlarge (8 EFA, 16 Trainium) $21.50; inf1.24xlarge has 16 devices but no 8 EFA
    assert.equal(efa.sku, 'trn1.32xlarge');
    assert.equal(efa.estimate.hourlyUsd, 21.5);
    assert.ok(efa.assumptions.some((a) => a.includes('8 EFA devices')), efa.assumptions.join('; '));
    // without EFA the cheapest 16-device Neuron node: inf1.24xlarge $4.721
    assert.equal(itemNamed(items, 'Pod/neuron-single').sku, 'inf1.24xlarge');
  });

  it('keeps a GPU pod on the cloud its node labels name: Karpenter labels to AWS, an AKS key to Azure', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    // 1 GPU, 10 vCPU, 60 GiB with no label naming a cloud: GCP g2-standard-16 (1 L4) $1.1472/h
    const any = itemNamed(items, 'Deployment/unlabelled-gpu');
    assert.equal(any.provider, 'gcp');
    assert.equal(any.sku, 'g2-standard-16');
    // the same pod selecting `type: karpenter`: the cheapest AWS node, g4dn.4xlarge (1 T4, 16 vCPU, 64 GiB) $1.204/h
    const aws = itemNamed(items, 'Deployment/karpenter-labelled-gpu');
    assert.equal(aws.provider, 'aws');
    assert.equal(aws.sku, 'g4dn.4xlarge');
    assert.equal(aws.estimate.hourlyUsd, 1.204);
    assert.ok(aws.assumptions.some((a) => a === 'only AWS node types: node selector NodeGroupType=gpu-karpenter ties the pod to AWS'), aws.assumptions.join('; '));
    const azure = itemNamed(items, 'Job/aks-labelled-gpu');
    assert.equal(azure.provider, 'azure');
    assert.equal(azure.sku, 'Standard_NC16as_T4_v3');
    assert.ok(azure.assumptions.some((a) => a.includes('kubernetes.azure.com/agentpool ties the pod to Azure')), azure.assumptions.join('; '));
  });

  it('gives no item to a CPU-only pod that requests nothing', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    assert.ok(!items.some((i) => i.resource.startsWith('Deployment/sizeless')));
  });

  it('reads a document whose image is a {placeholder}/name sample value', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/node-fit.yaml');
    assert.deepEqual(skipped, []);
    const p = itemNamed(items, 'InferenceService/placeholder-image [predictor]');
    assert.equal(p.accelerators?.count, 1);
    assert.ok((p.estimate.hourlyUsd ?? 0) > 0);
  });

  it('prices a GKE L4 pod on the G2 machine type that holds it, VM included', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    const d = itemNamed(items, 'Deployment/l4-serve');
    // 1 L4, 6 vCPU, 24 GiB: g2-standard-8 (8 vCPU, 32 GiB) $0.85362/h × 2 replicas
    assert.equal(d.sku, 'g2-standard-8');
    assert.equal(d.quantity, 2);
    assert.equal(d.estimate.hourlyUsd, 1.7072);
    assert.ok(d.assumptions.some((a) => a.startsWith('GPU model L4 from cloud.google.com/gke-accelerator nvidia-l4')), d.assumptions.join('; '));
  });

  it('prices GKE T4s with the N1 VM they are attached to: the smallest n1-standard that holds the pod', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    const d = itemNamed(items, 'Deployment/t4-batch');
    // 2 × T4 $0.70/h + n1-standard-16 (16 vCPU, 60 GB ≥ 10 vCPU / 40 GiB) $0.759996/h, us-central1
    assert.equal(d.estimate.hourlyUsd, 1.46);
    assert.equal(d.sku, 'n1-standard-16 + nvidia-tesla-t4');
    assert.ok(d.assumptions.some((a) => a.startsWith('node VM n1-standard-16 ($0.759996/h on-demand): the smallest n1-standard machine type')), d.assumptions.join('; '));
    assert.ok(!d.assumptions.some((a) => a.startsWith('GPUs only')));
  });

  it('puts a RayService GPU group on the GPU model its Serve config pins (accelerator_type)', async () => {
    const { items } = await analyzeFixture('kubernetes/node-fit.yaml');
    const w = itemNamed(items, 'RayService/pinned-llm [worker gpu]');
    // 8 H100 on one node, outside Lambda: p5.48xlarge $55.04/h
    assert.equal(w.sku, 'p5.48xlarge');
    assert.equal(w.estimate.hourlyUsd, 55.04);
    assert.ok(w.assumptions.some((a) => a.startsWith('GPU model H100 from serveConfigV2 accelerator_type "H100"')), w.assumptions.join('; '));
    // The CPU head (1 vCPU, 2 GiB): t3a.small $0.0188/h
    assert.equal(itemNamed(items, 'RayService/pinned-llm [head]').sku, 't3a.small');
  });
});
