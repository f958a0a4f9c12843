import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import type { CostItem } from '../../../../src/core/model';

async function items(file: string, text: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFiles({ [file]: text }, file);
  assert.deepEqual(skipped, []);
  return items;
}

const HEADER = 'from kubeflow.trainer import TrainerClient, CustomTrainer, BuiltinTrainer, TorchTuneConfig\n\n';

describe('Kubeflow Trainer SDK', () => {
  it('prices CustomTrainer num_nodes × resources_per_node GPUs on the cheapest whole nodes, at the train( call, hourly only', async () => {
    const code = `${HEADER}job = TrainerClient().train(\n    trainer=CustomTrainer(\n        func=train_fn,\n        num_nodes=2,\n        resources_per_node={"gpu": 4},\n    ),\n    runtime=runtime,\n)\n`;
    const [item] = await items('train.py', code);
    // 4 GPUs per node: g4dn.12xlarge (4 × T4) $3.912/h, the cheapest 4-GPU NVIDIA node outside Lambda; × 2 nodes
    assert.equal(item.sku, 'g4dn.12xlarge');
    assert.equal(item.quantity, 2);
    assert.equal(item.accelerators?.count, 8);
    assert.equal(item.estimate.hourlyUsd, 7.824);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.range.start.line, 2);
    assert.ok(item.assumptions.includes('num_nodes = 2'), item.assumptions.join('\n'));
    assert.ok(item.assumptions.some((a) => a.startsWith('no node type: priced as the cheapest whole-GPU node that fits 2 pod(s) of 4 NVIDIA GPU')), item.assumptions.join('\n'));
  });

  it('fits a CPU-only trainer on CPU nodes by its cpu and memory', async () => {
    const code = `${HEADER}client = TrainerClient()\nclient.train(trainer=CustomTrainer(func=f, num_nodes=3, resources_per_node={"cpu": 3, "memory": "16Gi"}))\n`;
    const [item] = await items('train.py', code);
    // 3 vCPU / 16 GiB per node: t3a.xlarge (4 vCPU, 16 GiB) $0.1504/h × 3
    assert.equal(item.sku, 't3a.xlarge');
    assert.equal(item.quantity, 3);
    assert.equal(item.estimate.hourlyUsd, 0.4512);
  });

  it("reads a BuiltinTrainer's TorchTuneConfig, one node when num_nodes is left to the runtime", async () => {
    const code = `${HEADER}client.train(\n    runtime="torchtune-llama",\n    trainer=BuiltinTrainer(config=TorchTuneConfig(resources_per_node={"memory": "128G", "gpu": 2})),\n)\n`;
    const [item] = await items('train.py', code);
    assert.equal(item.quantity, 1);
    assert.ok(item.assumptions.includes("num_nodes not set: the runtime's default, 1 node, assumed"));
    // 2 GPUs and 119.2 GiB (128 G): the M60 NV-series is left out; g4dn.12xlarge (4 × T4, 192 GiB) $3.912/h holds it
    assert.equal(item.sku, 'g4dn.12xlarge');
    assert.equal(item.estimate.hourlyUsd, 3.912);
  });

  it('says why when resources_per_node is only known at run time', async () => {
    const code = `${HEADER}import os\nres = os.environ.get("RES")\nclient.train(trainer=CustomTrainer(func=f, num_nodes=2, resources_per_node=res))\n`;
    const [item] = await items('train.py', code);
    assert.equal(item.estimate.hourlyUsd, null);
    assert.match(item.unpricedReason ?? '', /^resources_per_node /);
  });

  it('prices the call in a notebook cell', async () => {
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source });
    const notebook = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [cell('%pip install kubeflow\nfrom kubeflow.trainer import TrainerClient, CustomTrainer'), cell('TrainerClient().train(trainer=CustomTrainer(func=f, num_nodes=4, resources_per_node={"gpu": 1}))')],
    });
    const [item] = await items('fine-tune.ipynb', notebook);
    assert.equal(item.cell, 1);
    assert.equal(item.quantity, 4);
    assert.equal(item.accelerators?.count, 4);
  });
});
