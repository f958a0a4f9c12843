import { strict as assert } from 'node:assert';
import { modelSizeFromName } from '../../../src/core/training/modelSizes';

describe('model sizes from names', () => {
  const cases: [string, number][] = [
    ['meta-llama/Llama-2-7b-hf', 6.74e9],
    ['meta-llama/Meta-Llama-3.1-70B-Instruct', 70.6e9],
    ['mistralai/Mistral-7B-v0.1', 7.24e9],
    ['mistralai/Mixtral-8x7B-v0.1', 12.9e9],
    ['Qwen/Qwen2.5-14B', 14e9],
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
