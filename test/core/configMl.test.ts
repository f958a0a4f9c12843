import { strict as assert } from 'node:assert';
import { engineOptionsFrom, parseFinopsConfig } from '../../src/core/config/finopsConfig';

describe('.finops.yml ML sections', () => {
  it('reads rates, training and llm as documented', () => {
    const text = 'rates:\n  gpuHour: { H100: 2.50 }\ntraining:\n  mfu: 0.4\n  runs:\n    configs/sft.yml: { tokens: 60000000, gpu: A100-80GB, gpus: 8 }\n'
      + 'llm:\n  callsPerDay: 1000\n  calls:\n    "src/chat.py:answer": { callsPerDay: 50000, inputTokens: 1200, outputTokens: 300 }\n';
    const { config, problems } = parseFinopsConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rates.gpuHour, { H100: 2.5 });
    assert.equal(config.training.mfu, 0.4);
    assert.deepEqual(config.training.runs['configs/sft.yml'], { tokens: 60000000, datasetTokens: undefined, gpu: 'A100-80GB', gpus: 8, parameters: undefined });
    assert.equal(config.llm.callsPerDay, 1000);
    assert.deepEqual(config.llm.calls['src/chat.py:answer'], { callsPerDay: 50000, inputTokens: 1200, outputTokens: 300 });
    assert.equal(engineOptionsFrom(config).ml?.llm.callsPerDay, 1000);
  });

  it('names the line of bad values and unknown keys', () => {
    const { problems } = parseFinopsConfig('training:\n  mfu: 2\n  runs:\n    a.yml: { gpus: many, colour: red }\nllm:\n  callsPerDay: -1\nrates:\n  gpuHour: { H100: cheap }\n');
    assert.deepEqual(problems.map((p) => p.line).sort(), [2, 4, 4, 6, 8]);
    assert.ok(problems.some((p) => p.message === 'training.mfu must be a number from 0.01 to 1'));
    assert.ok(problems.some((p) => p.message === 'unknown key "colour" in training.runs."a.yml"'));
  });
});
