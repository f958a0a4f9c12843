import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import { engineOptionsFrom, parseFinopsConfig } from '../../../../src/core/config/finopsConfig';
import { countTokens } from '../../../../src/core/llm/tokenCount';
import type { CostItem } from '../../../../src/core/model';

async function items(file: string, code: string): Promise<CostItem[]> {
  const options = { ...engineOptionsFrom(parseFinopsConfig('llm:\n  callsPerDay: 100\n').config), workspaceRoot: '/ws' };
  const { items, skipped } = await analyzeFiles({ [file]: code }, file, options);
  assert.deepEqual(skipped, []);
  return items;
}

describe('LLM calls in TypeScript and JavaScript', () => {
  it('prices OpenAI calls with an object argument, top-level constants and template literals', async () => {
    const code = `import OpenAI from "openai";\nconst client = new OpenAI();\nconst MODEL = "gpt-4o-mini" as const;\n`
      + 'export async function answer(q: string) {\n  return client.chat.completions.create({\n    model: MODEL,\n    max_tokens: 200,\n'
      + '    messages: [{ role: "system", content: "Answer briefly." }, { role: "user", content: `Question: ${q}` }],\n  });\n}\n';
    const [item] = await items('src/chat.ts', code);
    assert.equal(item.sku, 'gpt-4o-mini');
    assert.equal(item.resource, 'OpenAI chat.completions.create in answer()');
    const input = countTokens('Answer briefly.') + countTokens('Question: ') + 500;
    assert.equal(item.estimate.perCallUsd, Math.round(((input * 0.15 + 200 * 0.6) / 1e6) * 1e8) / 1e8);
    assert.ok(item.assumptions.includes('call site src/chat.ts:answer'));
    assert.ok(item.estimate.monthlyUsd !== null);
  });

  it('prices Anthropic, Bedrock commands, Gemini and LangChain in JavaScript', async () => {
    const code = 'import Anthropic from "@anthropic-ai/sdk";\nimport { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";\n'
      + 'import { GoogleGenAI } from "@google/genai";\nimport { ChatOpenAI } from "@langchain/openai";\n'
      + 'const anthropic = new Anthropic();\nconst handler = async () => {\n  await anthropic.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 100, messages: [] });\n};\n'
      + 'new ConverseCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", messages: [] });\n'
      + 'const ai = new GoogleGenAI({});\nai.models.generateContent({ model: "gemini-2.0-flash", contents: "Hi" });\n'
      + 'const llm = new ChatOpenAI({ model: "gpt-4o", maxTokens: 50 });\n';
    const found = await items('src/bot.js', code);
    assert.deepEqual(found.map((i) => [i.provider, i.sku]), [
      ['anthropic', 'claude-3-5-haiku-latest'],
      ['aws', 'anthropic.claude-3-haiku-20240307-v1:0'],
      ['google', 'gemini-2.0-flash'],
      ['openai', 'gpt-4o'],
    ]);
    assert.equal(found[0].resource, 'Anthropic messages.create in handler()');
    assert.ok(found.every((i) => i.estimate.perCallUsd !== null), found.map((i) => i.unpricedReason).join(';'));
    assert.ok(found[3].assumptions.includes('50 output tokens from maxTokens, an upper bound'));
  });

  it('says so when the model comes from the environment or a parameter', async () => {
    const code = 'import OpenAI from "openai";\nconst c = new OpenAI();\nc.chat.completions.create({ model: process.env.MODEL!, messages: [] });\n'
      + 'function f(model: string) { return c.responses.create({ model, input: "x" }); }\n';
    const [env, param] = await items('src/x.ts', code);
    assert.match(env.unpricedReason ?? '', /environment variable MODEL/);
    assert.match(param.unpricedReason ?? '', /comes from `model`/);
  });
  it('prices OpenAI image and speech calls from an object argument', async () => {
    const code = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n'
      + 'await openai.images.generate({ model: "dall-e-3", prompt: "a fox", size: "1024x1792", quality: "hd" });\n'
      + 'await openai.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello world" });\n';
    const [image, speech] = await items('src/media.ts', code);
    assert.equal(image.estimate.perCallUsd, 0.12);
    assert.equal(speech.estimate.perCallUsd, Math.round('Hello world'.length * 15) / 1e6);
  });
});
