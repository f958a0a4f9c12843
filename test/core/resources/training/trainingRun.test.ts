import { strict as assert } from 'node:assert';
import { planFromConfig } from '../../../../src/core/training/configFamilies';
import { estimate } from '../../../../src/core/resources/costModel';
import { trainingRun } from '../../../../src/core/resources/training/trainingRun';
import { assertGolden, ctx } from '../golden';

describe('Training run model', () => {
  it('prices a configured run from its plan', () => {
    const plan = planFromConfig({ base_model: 'meta-llama/Meta-Llama-3-8B', adapter: 'lora', micro_batch_size: 2, num_epochs: 1, sequence_len: 4096, max_steps: 1000, gradient_accumulation_steps: 4 });
    assert.ok(plan);
    const item = estimate(trainingRun, { plan, at: { file: '/ws/sft.yml', key: 'sft.yml', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } } }, ctx);
    assert.equal(item.kind, 'training-run');
    assert.ok(item.estimate.perRunUsd !== null && item.estimate.perRunUsd > 0, item.unpricedReason);
    assertGolden('training/axolotl-lora-run', item);
  });
});
