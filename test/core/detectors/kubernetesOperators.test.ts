import { strict as assert } from 'node:assert';
import { analyzeFixture, itemNamed } from '../helpers';

// Expected figures: data/price-catalog.json us-east-1 rows × nodes by hand; 730 h/month.

describe('Kubernetes operator kinds', () => {
  it('prices an LLMInferenceService decode template and its prefill stage apart', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/operators.yaml');
    assert.deepEqual(skipped, []);
    // 1 + 2 pods × 1 GPU on g5.2xlarge $1.212
    assert.equal(itemNamed(items, 'LLMInferenceService/pd-serve [decode]').estimate.hourlyUsd, 1.212);
    const prefill = itemNamed(items, 'LLMInferenceService/pd-serve [prefill]');
    assert.equal(prefill.quantity, 2);
    assert.equal(prefill.estimate.hourlyUsd, 2.424);
  });

  it('spreads a multi-node LLMInferenceService over data ÷ dataLocal pods: a leader and its workers', async () => {
    const { items } = await analyzeFixture('kubernetes/operators.yaml');
    // p5.48xlarge $55.04 each
    assert.equal(itemNamed(items, 'LLMInferenceService/wide-ep [leader]').estimate.hourlyUsd, 55.04);
    const workers = itemNamed(items, 'LLMInferenceService/wide-ep [workers]');
    assert.equal(workers.quantity, 1);
    assert.ok(workers.assumptions.some((a) => a.includes('parallelism data 16 ÷ dataLocal 8 = 2 pod(s) per replica')), workers.assumptions.join('; '));
  });

  it('counts a LeaderWorkerSet as replicas × size: one leader and size − 1 workers per group', async () => {
    const { items } = await analyzeFixture('kubernetes/operators.yaml');
    assert.equal(itemNamed(items, 'LeaderWorkerSet/lws-vllm [leader]').quantity, 2);
    const workers = itemNamed(items, 'LeaderWorkerSet/lws-vllm [workers]');
    assert.equal(workers.quantity, 6);
    // 6 × g5.12xlarge $5.672
    assert.equal(workers.estimate.hourlyUsd, 34.032);
  });

  it('counts a JobSet replicated job as replicas × parallelism, hourly while it runs', async () => {
    const { items } = await analyzeFixture('kubernetes/operators.yaml');
    const j = itemNamed(items, 'JobSet/multislice-train [job workers]');
    assert.equal(j.quantity, 4);
    // 4 × p4d.24xlarge $21.957642
    assert.equal(j.estimate.hourlyUsd, 87.8306);
    assert.equal(j.estimate.monthlyUsd, null);
  });

  it('prices a Trainer runtime\'s node job at mlPolicy.numNodes and leaves out its CPU-only initializer', async () => {
    const { items } = await analyzeFixture('kubernetes/operators.yaml');
    const r = itemNamed(items, 'ClusterTrainingRuntime/torch-g5 [job node]');
    assert.equal(r.quantity, 2);
    assert.equal(r.estimate.hourlyUsd, 11.344);
    // A runtime is a template; the TrainJob that names it carries the cost, and the item says not to add both.
    assert.ok(r.assumptions.some((a) => a.includes('a template: these pods run (and bill) once per TrainJob that names this runtime')), r.assumptions.join('; '));
    assert.ok(!items.some((i) => i.resource.includes('model-initializer')));
  });

  it('prices a TrainJob on the node pod of the runtime it names in the same file, at its own numNodes', async () => {
    const { items } = await analyzeFixture('kubernetes/operators.yaml');
    const t = itemNamed(items, 'TrainJob/finetune');
    assert.equal(t.sku, 'g5.12xlarge');
    assert.equal(t.quantity, 3);
    // 3 × $5.672
    assert.equal(t.estimate.hourlyUsd, 17.016);
    assert.ok(t.assumptions.some((a) => a.startsWith('trainer.numNodes = 3; node pod from runtime torch-g5 (this TrainJob carries the cost of running it')), t.assumptions.join('; '));
  });

  it('finds the runtime in a file next to the TrainJob, with the job\'s resourcesPerNode on its node', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/trainer/train-job.yaml');
    assert.deepEqual(skipped, []);
    const t = itemNamed(items, 'TrainJob/sweep');
    assert.equal(t.sku, 'g5.2xlarge');
    assert.equal(t.accelerators?.count, 2);
    // 2 × g5.2xlarge $1.212
    assert.equal(t.estimate.hourlyUsd, 2.424);
  });
});
