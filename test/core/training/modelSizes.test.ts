import { strict as assert } from 'node:assert';
import { modelSizeFromName } from '../../../src/core/training/modelSizes';

describe('model sizes from names', () => {
  const cases: [string, number][] = [
    ['meta-llama/Llama-2-7b-hf', 6.74e9],
    ['meta-llama/Meta-Llama-3.1-70B-Instruct', 70.6e9],
    ['mistralai/Mistral-7B-v0.1', 7.24e9],
    ['mistralai/Mixtral-8x7B-v0.1', 12.9e9],
    ['Qwen/Qwen2.5-14B', 14.8e9],
    ['google/gemma-2-9b', 9.24e9],
    ['microsoft/phi-2', 2.78e9],
    ['tiiuae/falcon-40b', 41.8e9],
    ['gpt2', 124e6],
    ['openai-community/gpt2-medium', 355e6],
    ['bert-base-uncased', 110e6],
    ['google/flan-t5-large', 770e6],
    ['HuggingFaceTB/SmolLM-135M', 135e6],
    ['my-org/custom_3.5b_chat', 3.5e9],
  ];
  for (const [name, params] of cases) {
    it(`${name} → ${params}`, () => assert.equal(modelSizeFromName(name)?.parameters, params));
  }

  it('keeps total parameters of mixture-of-experts models for memory', () => {
    assert.equal(modelSizeFromName('Mixtral-8x22B')?.totalParameters, 141e9);
  });

  it('does not guess unknown sizes', () => {
    assert.equal(modelSizeFromName('my-company/secret-model'), undefined);
    assert.equal(modelSizeFromName('deepseek-16x3b'), undefined);
  });
});

describe('model sizes from torchtune builders, decimal names and mixtures of experts', () => {
  const cases: [string, number, number][] = [
    ['torchtune.models.qwen3.qwen3_0_6b_instruct', 0.6e9, 0.6e9],
    ['torchtune.models.qwen2_5.lora_qwen2_5_1_5b_instruct', 1.54e9, 1.54e9],
    ['torchtune.models.qwen2_5.qwen2_5_3b', 3e9, 3e9],
    ['my-org/model_2_5b_chat', 2.5e9, 2.5e9],
    ['torchtune.models.qwen2_5.qwen2_5_7b_base', 7.61e9, 7.61e9],
    ['torchtune.models.llama3_1.lora_llama3_1_8b', 8.03e9, 8.03e9],
    ['torchtune.models.llama3_2.llama3_2_1b', 1.24e9, 1.24e9],
    ['torchtune.models.qwen2.qwen2_0_5b', 0.49e9, 0.49e9],
    ['torchtune.models.qwen2.lora_qwen2_1_5b', 1.54e9, 1.54e9],
    ['torchtune.models.llama3_3.llama3_3_70b', 70.6e9, 70.6e9],
    ['mistralai/Mistral-Small-4-119B-2603', 6.5e9, 119e9],
    ['Qwen/Qwen3-30B-A3B', 3e9, 30e9],
    ['Qwen/Qwen3-235B-A22B-Instruct-2507', 22e9, 235e9],
    ['deepseek-ai/DeepSeek-V3', 37e9, 671e9],
    ['Qwen/Qwen1.5-MoE-A2.7B', 2.7e9, 14.3e9],
    ['openai/gpt-oss-20b', 3.6e9, 21e9],
    ['microsoft/phi-1_5', 1.42e9, 1.42e9],
    ['TinyLlama/TinyLlama_v1.1', 1.1e9, 1.1e9],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 7e9, 7e9],
  ];
  for (const [name, active, total] of cases) {
    it(`${name} → ${active} active of ${total}`, () => {
      const size = modelSizeFromName(name);
      assert.ok(Math.abs((size?.parameters ?? 0) - active) < 1, `${size?.parameters} active`);
      assert.ok(Math.abs((size?.totalParameters ?? 0) - total) < 1, `${size?.totalParameters} total`);
    });
  }

  it('cites the model card of a table row', () => {
    assert.match(modelSizeFromName('mistralai/Mixtral-8x7B-v0.1')?.note ?? '', /mistral\.ai/);
  });
});
