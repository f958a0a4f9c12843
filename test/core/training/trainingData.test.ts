import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../helpers';
import { engineOptionsFrom, parseFinopsConfig } from '../../../src/core/config/finopsConfig';
import type { CostItem } from '../../../src/core/model';

async function run(files: Record<string, string>, entry: string, finops = ''): Promise<CostItem[]> {
  const parsed = parseFinopsConfig(finops);
  assert.deepEqual(parsed.problems, []);
  const options = { ...engineOptionsFrom(parsed.config), workspaceRoot: '/ws' };
  const { items, skipped } = await analyzeFiles(files, entry, options);
  assert.deepEqual(skipped, []);
  return items;
}

/** Dollars for `tokens` at `factor`·N FLOPs per token on `gpus` GPUs of `peak` FLOP/s at MFU 0.4 and `rate` $/GPU-hour. */
function expectedUsd(factor: number, params: number, tokens: number, gpus: number, peak: number, rate: number): number {
  return Math.round(((factor * params * tokens) / (gpus * peak * 0.4) / 3600) * gpus * rate * 100) / 100;
}

const A100 = 312e12;
const H100_RATE = 'rates:\n  gpuHour: { A100-80GB: 2 }\ntraining:\n  runs:\n';

describe('training runs without max_steps', () => {
  it('takes tokens from epochs × the bundled dataset rows × sequence length, an upper bound', async () => {
    const cfg = 'base_model: mistralai/Mistral-7B-v0.1\nadapter: lora\nsequence_len: 1024\nmicro_batch_size: 2\nnum_epochs: 3\ndatasets:\n  - path: mhenrichsen/alpaca_2k_test\n    type: alpaca\n';
    const [item] = await run({ 'lora.yml': cfg }, 'lora.yml', `${H100_RATE}    lora.yml: { gpu: A100-80GB }\n`);
    const tokens = 3 * 2000 * 1024;
    assert.equal(item.training?.tokens, tokens);
    assert.equal(item.estimate.perRunUsd, expectedUsd(4, 7.24e9, tokens, 1, A100, 2));
    assert.equal(item.training?.perEpochUsd, expectedUsd(4, 7.24e9, tokens / 3, 1, A100, 2));
    assert.ok(item.assumptions.some((a) => a.includes('mhenrichsen/alpaca_2k_test: 2,000 rows in train')), item.assumptions.join('\n'));
    assert.ok(item.assumptions.some((a) => a.includes('an upper bound')));
    assert.ok(item.assumptions.includes('1 GPU: the config has no distributed settings (set training.runs.<config>.gpus for more)'));
  });

  it('uses the dataset card bytes ÷ 4 where the table has them, and honours max_samples', async () => {
    const cfg = 'model_name_or_path: meta-llama/Llama-3.2-1B\ndataset_name: vicgalle/alpaca-gpt4\nmax_seq_length: 2048\nnum_train_epochs: 1\nper_device_train_batch_size: 4\nmax_samples: 26001\n';
    const [item] = await run({ 'sft.yaml': cfg }, 'sft.yaml', `${H100_RATE}    sft.yaml: { gpu: A100-80GB }\n`);
    const tokens = Math.round(88566301 / 4) / 2;
    assert.equal(item.training?.tokens, tokens);
    assert.ok(item.assumptions.some((a) => a.startsWith('max_samples = 26001: 50% of the 52,002 rows')), item.assumptions.join('\n'));
  });

  it('reads an alignment-handbook mixture: training splits by weight, test splits left out', async () => {
    const cfg = 'model_name_or_path: mistralai/Mistral-7B-v0.1\nmax_length: 1024\nnum_train_epochs: 1\nper_device_train_batch_size: 8\n'
      + 'dataset_mixture:\n  datasets:\n    - id: HuggingFaceH4/ultrachat_200k\n      split: train_sft\n      weight: 0.5\n    - id: HuggingFaceH4/ultrachat_200k\n      split: test_sft\n      weight: 1.0\n';
    const [item] = await run({ 'sft/config_full.yaml': cfg }, 'sft/config_full.yaml', `${H100_RATE}    sft/config_full.yaml: { gpu: A100-80GB }\n`);
    assert.equal(item.training?.tokens, 104000 * 1024);
  });

  it('names the missing input and still gives per-100M-token and per-epoch-of-1M-samples figures', async () => {
    const cfg = 'base_model: Qwen/Qwen2.5-7B\nsequence_len: 2048\nmicro_batch_size: 1\nnum_epochs: 1\ndatasets:\n  - path: my-org/private-chats\n    type: chat_template\n';
    const [item] = await run({ 'a.yml': cfg }, 'a.yml', `${H100_RATE}    a.yml: { gpu: A100-80GB }\n`);
    assert.equal(item.unpricedReason, undefined);
    assert.equal(item.estimate.perRunUsd, null);
    assert.equal(item.estimate.hourlyUsd, 2);
    assert.equal(item.training?.per100MTokensUsd, expectedUsd(6, 7.61e9, 1e8, 1, A100, 2));
    assert.equal(item.training?.perEpochUsd, expectedUsd(6, 7.61e9, 1e6 * 2048, 1, A100, 2));
    assert.match(item.summary ?? '', /^1× A100-80GB: \$[\d.]+ per 100M tokens, \$[\d,]+ per epoch of 1M samples$/);
    assert.ok(item.assumptions.some((a) => a.includes('dataset size unknown for my-org/private-chats: not in the bundled dataset table')), item.assumptions.join('\n'));
  });

  it('prices a mixture of experts by its active parameters and sizes memory by all of them', async () => {
    const cfg = 'base_model: Qwen/Qwen3-30B-A3B\nadapter: qlora\nload_in_4bit: true\nsequence_len: 2048\nmicro_batch_size: 1\nmax_steps: 10\n';
    const [item] = await run({ 'moe.yml': cfg }, 'moe.yml', `${H100_RATE}    moe.yml: { gpu: A100-80GB }\n`);
    assert.equal(item.training?.activeParamsB, 3);
    assert.equal(item.training?.totalParamsB, 30);
    assert.equal(item.estimate.perRunUsd, expectedUsd(4, 3e9, 10 * 2048, 1, A100, 2));
  });
});

describe('GPU counts and what is not a training run', () => {
  const tt = (extra: string) => 'model:\n  _component_: torchtune.models.qwen3.qwen3_0_6b_instruct\ntokenizer:\n  max_seq_len: 1024\n'
    + 'dataset:\n  _component_: torchtune.datasets.alpaca_cleaned_dataset\nbatch_size: 4\nepochs: 1\noptimizer:\n  _component_: torch.optim.AdamW\n' + extra;

  it('runs a torchtune _single_device recipe on 1 GPU and assumes one 8-GPU node for a distributed one', async () => {
    const finops = 'rates:\n  gpuHour: { H100: 2 }\n';
    const [single] = await run({ 'qwen3/0.6B_full_single_device.yaml': tt('') }, 'qwen3/0.6B_full_single_device.yaml', finops);
    assert.equal(single.quantity, 1);
    assert.equal(single.training?.activeParamsB, 0.6);
    assert.equal(single.training?.tokens, 51800 * 1024);
    const [dist] = await run({ 'qwen3/0.6B_full.yaml': tt('') }, 'qwen3/0.6B_full.yaml', finops);
    assert.equal(dist.quantity, 8);
    assert.ok(dist.assumptions.some((a) => a.startsWith('8 GPUs assumed (one 8-GPU node): the config has a torchtune distributed recipe')), dist.assumptions.join('\n'));
  });

  it('reads the GPU count from a launch command in the comments', async () => {
    const [item] = await run({ 'qwen3/0.6B_full.yaml': `# tune run --nnodes 1 --nproc_per_node 2 full_finetune_distributed --config qwen3/0.6B_full\n${tt('')}` }, 'qwen3/0.6B_full.yaml');
    assert.equal(item.quantity, 2);
    assert.ok(item.assumptions.includes("2 GPUs from the launch command in the config's comments"));
  });

  it('states the assumption for an Axolotl config with deepspeed but no GPU count', async () => {
    const cfg = 'base_model: meta-llama/Llama-3.1-8B\nsequence_len: 2048\nmicro_batch_size: 1\nmax_steps: 10\ndeepspeed: deepspeed_configs/zero3.json\n';
    const [item] = await run({ 'fft.yml': cfg }, 'fft.yml');
    assert.equal(item.quantity, 8);
    assert.ok(item.assumptions.some((a) => a.includes('the config has deepspeed: deepspeed_configs/zero3.json but no GPU count')));
  });

  it('adds GPUs an assumed count cannot hold, and says a stated single GPU must offload', async () => {
    const big = 'base_model: meta-llama/Llama-3.1-405B\nsequence_len: 2048\nmicro_batch_size: 1\nmax_steps: 10\nfsdp_config:\n  fsdp_version: 2\n';
    const [item] = await run({ 'fft.yml': big }, 'fft.yml');
    assert.ok(item.quantity > 8, `${item.quantity} GPUs for a full 405B run`);
    assert.ok(item.assumptions.some((a) => /^\d+ GPUs at least: the model state \(\d+ GiB\) does not fit on one GPU/.test(a)), item.assumptions.join('\n'));
    const single = 'model:\n  _component_: torchtune.models.llama3_1.llama3_1_70b\ntokenizer:\n  max_seq_len: 512\nbatch_size: 1\nepochs: 1\nmax_steps_per_epoch: 10\noptimizer:\n  _component_: bitsandbytes.optim.PagedAdamW8bit\n';
    const [one] = await run({ '70B_full_single_device.yaml': single }, '70B_full_single_device.yaml');
    assert.equal(one.quantity, 1);
    assert.ok(one.estimate.perRunUsd !== null);
    assert.ok(one.assumptions.some((a) => a.includes('the run must offload or use a lower-memory optimizer')), one.assumptions.join('\n'));
  });

  it('does not report torchtune generation, evaluation or quantization configs', async () => {
    const model = 'model:\n  _component_: torchtune.models.llama3_1.llama3_1_8b\ncheckpointer:\n  _component_: torchtune.training.FullModelHFCheckpointer\n';
    assert.deepEqual(await run({ 'generation.yaml': `${model}prompt:\n  user: hi\nmax_new_tokens: 300\n` }, 'generation.yaml'), []);
    assert.deepEqual(await run({ 'eleuther_evaluation.yaml': `${model}tasks: [truthfulqa_mc2]\nlimit: null\n` }, 'eleuther_evaluation.yaml'), []);
    assert.deepEqual(await run({ 'quantization.yaml': `${model}quantizer:\n  _component_: torchtune.training.quantization.Int8DynActInt4WeightQuantizer\n` }, 'quantization.yaml'), []);
  });
});

describe('preference and reinforcement objectives', () => {
  const rate = (key: string) => `rates:\n  gpuHour: { A100-80GB: 2 }\ntraining:\n  runs:\n    ${key}: { gpu: A100-80GB, gpus: 1 }\n`;

  it('counts DPO pairs and the reference model: (6 + 2)·N on 2 sequences per sample', async () => {
    const cfg = 'model_name_or_path: meta-llama/Llama-3.2-1B\nmax_length: 1024\nper_device_train_batch_size: 2\nmax_steps: 100\nbeta: 0.01\n';
    const [item] = await run({ 'dpo/config_full.yaml': cfg }, 'dpo/config_full.yaml', rate('dpo/config_full.yaml'));
    const tokens = 100 * 2 * 2 * 1024;
    assert.equal(item.training?.tokens, tokens);
    assert.equal(item.estimate.perRunUsd, expectedUsd(8, 1.24e9, tokens, 1, A100, 2));
    assert.ok(item.assumptions.some((a) => a.includes("DPO: 6·N per token for full training + 2·N for the reference model's forward pass")));
  });

  it('counts GRPO generation: completions per prompt × completion length, + 2·N to generate', async () => {
    const code = 'from trl import GRPOConfig\nargs = GRPOConfig(output_dir="o", per_device_train_batch_size=8, num_train_epochs=1, max_completion_length=256)\n'
      + 'trainer = GRPOTrainer(model="Qwen/Qwen2-0.5B-Instruct", args=args, train_dataset=load_dataset("openai/gsm8k", split="train"))\n';
    const [item] = await run({ 'grpo.py': code }, 'grpo.py', rate('grpo.py'));
    const tokens = 7473 * 8 * 256;
    assert.equal(item.training?.tokens, tokens);
    assert.equal(item.estimate.perRunUsd, expectedUsd(8, 0.49e9, tokens, 1, A100, 2));
    assert.equal(item.training?.per100MTokensUsd, expectedUsd(8, 0.49e9, 1e8, 1, A100, 2));
    assert.ok(item.assumptions.some((a) => a.includes('GRPO: 6·N per token for full training + 2·N to generate each completion token (no reference model')), item.assumptions.join('\n'));
  });

  it("takes a script's model from its --model option default, and gives per-epoch-of-1M figures without a dataset", async () => {
    const code = 'import argparse\nfrom trl import GRPOConfig\nparser = argparse.ArgumentParser()\nparser.add_argument("--model-id", default="Qwen/Qwen3-1.7B")\n'
      + 'args = parser.parse_args()\nconfig = GRPOConfig(output_dir="o", num_generations=4)\n';
    const [item] = await run({ 'env.py': code }, 'env.py', rate('env.py'));
    assert.equal(item.resource, 'Hugging Face GRPOConfig run (Qwen/Qwen3-1.7B)');
    assert.equal(item.estimate.perRunUsd, null);
    assert.equal(item.training?.perEpochUsd, expectedUsd(8, 1.7e9, 1e6 * 4 * 512, 1, A100, 2));
  });

  it('sizes an Axolotl GRPO epoch from the dataset: prompts × completions × completion tokens', async () => {
    const cfg = 'base_model: Qwen/Qwen2.5-1.5B\nrl: grpo\nnum_epochs: 1\nmicro_batch_size: 8\ndatasets:\n  - path: openai/gsm8k\n    split: train\ntrl:\n  num_generations: 4\n  max_completion_length: 512\n  beta: 0.04\n';
    const [item] = await run({ 'grpo.yml': cfg }, 'grpo.yml', rate('grpo.yml'));
    const tokens = 7473 * 4 * 512;
    assert.equal(item.training?.tokens, tokens);
    assert.equal(item.estimate.perRunUsd, expectedUsd(10, 1.54e9, tokens, 1, A100, 2));
  });
});

describe('configs that say little', () => {
  it('reads a TRL CLI config that names only the model and the dataset, at SFTConfig defaults', async () => {
    const [item] = await run({ 'cli/example_config.yaml': 'model_name_or_path:\n  Qwen/Qwen2.5-0.5B\ndataset_name:\n  stanfordnlp/imdb\nreport_to:\n  none\n' }, 'cli/example_config.yaml');
    assert.equal(item.training?.activeParamsB, 0.49);
    assert.equal(item.training?.gpus, 1);
    assert.ok(item.training?.per100MTokensUsd !== undefined && item.estimate.perRunUsd === null);
  });

  it('leaves out a config with a model and a dataset but no training setting: it generates or filters', async () => {
    const filter = 'model_name_or_path: Qwen/Qwen2.5-1.5B\ndataset_name: my-org/math-problems\ndataset_prompt_column: problem\n'
      + 'num_generations: 8\ntemperature: 0.7\nmax_completion_length: 2048\nreward_funcs:\n- accuracy\npass_rate_min: 0.2\npass_rate_max: 0.8\n';
    assert.deepEqual(await run({ 'filtering/config.yaml': filter }, 'filtering/config.yaml'), []);
    const [grpo] = await run({ 'grpo/config.yaml': `${filter}learning_rate: 1.0e-06\n` }, 'grpo/config.yaml');
    assert.equal(grpo.kind, 'training-run', 'one training setting makes it a training config');
  });

  it('still gives the GPU count when the model size is unknown', async () => {
    const [item] = await run({ 'a.yml': 'base_model: my-org/secret\nsequence_len: 1024\nmicro_batch_size: 1\nnum_epochs: 1\n' }, 'a.yml');
    assert.match(item.unpricedReason ?? '', /model size unknown for my-org\/secret/);
    assert.deepEqual(item.training, { gpus: 1 });
  });

  it('reads torchtune PPO: num_steps counts trajectories, one completion per prompt, a single-device launch comment', async () => {
    const cfg = '#   tune run ppo_full_finetune_single_device --config mistral/7B_full_ppo_low_memory\npolicy_model:\n  _component_: torchtune.models.mistral.mistral_7b\n'
      + 'dataset:\n  _component_: torchtune.datasets.text_completion_dataset\n  source: trl-internal-testing/sentiment-trl-style\nbatch_size: 64\nnum_steps: 6400\nmax_generated_tokens: 58\nkl_coeff: 0.01\noptimizer:\n  _component_: torch.optim.AdamW\n';
    const [item] = await run({ '7B_full_ppo_low_memory.yaml': cfg }, '7B_full_ppo_low_memory.yaml', 'rates:\n  gpuHour: { A100-80GB: 2 }\ntraining:\n  runs:\n    7B_full_ppo_low_memory.yaml: { gpu: A100-80GB }\n');
    assert.equal(item.quantity, 1);
    assert.ok(item.assumptions.includes("1 GPU: the launch command in the config's comments runs a _single_device recipe"));
    const tokens = 100 * 64 * 58;
    assert.equal(item.training?.tokens, tokens);
    assert.equal(item.estimate.perRunUsd, expectedUsd(18, 7.24e9, tokens, 1, A100, 2));
  });

  it('counts RLOO and AsyncGRPO like GRPO, and Axolotl rl: ebft with loss_type: grpo', async () => {
    const code = 'from trl import RLOOConfig, AsyncGRPOConfig\na = RLOOConfig(output_dir="o", max_steps=10, per_device_train_batch_size=4)\nb = AsyncGRPOConfig(output_dir="o", max_steps=10)\n'
      + 'trainer = RLOOTrainer(model="Qwen/Qwen3-0.6B", args=a)\n';
    const [rloo, asyncGrpo] = await run({ 'r.py': code }, 'r.py');
    assert.ok(rloo.assumptions.some((x) => x.startsWith('FLOPs per token ≈ 8·N (RLOO:')), rloo.assumptions.join('\n'));
    assert.ok(asyncGrpo.assumptions.some((x) => x.startsWith('FLOPs per token ≈ 8·N (GRPO:')));
    const ebft = 'base_model: meta-llama/Llama-3.2-1B\nrl: ebft\nloss_type: grpo\nmicro_batch_size: 1\nmax_steps: 5\n';
    const [e] = await run({ 'ebft.yaml': ebft }, 'ebft.yaml');
    assert.ok(e.assumptions.some((x) => x.startsWith('FLOPs per token ≈ 8·N (GRPO:')), e.assumptions.join('\n'));
    assert.ok(e.estimate.perRunUsd !== null);
  });
});
