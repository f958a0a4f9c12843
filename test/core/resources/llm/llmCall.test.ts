import { strict as assert } from 'node:assert';
import { recognizeLlmCall } from '../../../../src/core/detectors/llm/llmCalls';
import { parsePython } from '../../../../src/core/parsing/source/pythonSource';
import { estimate } from '../../../../src/core/resources/costModel';
import { llmCall } from '../../../../src/core/resources/llm/llmCall';
import { assertGolden, ctx } from '../golden';

describe('LLM call model', () => {
  it('prices a recognised call per call and per month at the configured volume', async () => {
    const source = await parsePython('from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[], max_tokens=200)\n');
    const call = source.calls.find((c) => recognizeLlmCall(source, c));
    assert.ok(call);
    const spec = recognizeLlmCall(source, call);
    assert.ok(spec);
    const item = estimate(llmCall, { file: '/ws/app.py', call, spec }, ctx);
    assert.equal(item.kind, 'llm-call');
    assert.equal(item.sku, 'gpt-4o-mini');
    assert.ok(item.estimate.perCallUsd !== null && item.estimate.perCallUsd > 0);
    assertGolden('llm/openai-chat-call', item);
  });
});
