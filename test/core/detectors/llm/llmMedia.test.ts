import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import { parseFinopsConfig, engineOptionsFrom } from '../../../../src/core/config/finopsConfig';
import { countTokens } from '../../../../src/core/llm/tokenCount';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string, file = 'src/media.py'): Promise<CostItem[]> {
  const options = { ...engineOptionsFrom(parseFinopsConfig('').config), workspaceRoot: '/ws' };
  const { items, skipped } = await analyzeFiles({ [file]: code }, file, options);
  assert.deepEqual(skipped, []);
  return items;
}

const HEAD = 'from openai import OpenAI, AsyncOpenAI\nclient = OpenAI()\n';
const notes = (item: CostItem) => item.assumptions.join('\n');

describe('OpenAI calls billed per character, minute, image or second', () => {
  it('prices the raw- and streaming-response wrappers as the request they wrap', async () => {
    const [raw, streaming] = await items(`${HEAD}client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[], max_tokens=10)\n`
      + 'with client.chat.completions.with_streaming_response.create(model="gpt-4o", messages=[], max_tokens=10) as r:\n    pass\n');
    assert.equal(raw.resource, 'OpenAI chat.completions.create');
    assert.equal(streaming.sku, 'gpt-4o');
    assert.equal(raw.estimate.perCallUsd, 10 * 10 / 1e6);
  });

  it('prices tts-1 speech per character of the literal input, and a run-time input at the stated default', async () => {
    const text = 'I see skies of blue\n    and clouds of white';
    const [literal, runTime] = await items(`${HEAD}with client.audio.speech.with_streaming_response.create(model="tts-1", voice="alloy", input="""${text}""") as r:\n    pass\n`
      + 'def say(text):\n    client.audio.speech.create(model="tts-1-hd", voice="alloy", input=text)\n');
    assert.equal(literal.resource, 'OpenAI audio.speech.create');
    assert.equal(literal.estimate.perCallUsd, Math.round(text.length * 15) / 1e6);
    assert.ok(literal.assumptions.includes(`${text.length} characters in the literal input`), notes(literal));
    assert.equal(runTime.estimate.perCallUsd, 2000 * 30 / 1e6);
    assert.match(notes(runTime), /1 run-time part × 2000/);
  });

  it('prices a token-billed TTS model by its tokens', async () => {
    const [item] = await items(`${HEAD}client.audio.speech.create(model="gpt-4o-mini-tts", voice="alloy", input="Hello there")\n`);
    assert.equal(item.sku, 'gpt-4o-mini-tts');
    assert.ok(item.assumptions.some((a) => a.includes('counted in the literal prompt')), notes(item));
  });

  it('prices whisper per minute when the recording states its length, and says why not otherwise', async () => {
    const code = 'import asyncio\nfrom openai import AsyncOpenAI\nfrom openai.helpers import Microphone\nopenai = AsyncOpenAI()\n'
      + 'async def main():\n    recording = await Microphone(timeout=10).record()\n    await openai.audio.transcriptions.create(model="whisper-1", file=recording)\n'
      + '    await openai.audio.translations.create(model="whisper-1", file=open("talk.mp3", "rb"))\n';
    const [recorded, onDisk] = await items(code);
    assert.equal(recorded.estimate.perCallUsd, 0.001);
    assert.ok(recorded.assumptions.includes('10 s of audio: the recording is made by `Microphone(timeout=10)`, an upper bound'), notes(recorded));
    assert.equal(onDisk.resource, 'OpenAI audio.translations.create in main()');
    assert.equal(onDisk.estimate.perCallUsd, null);
    assert.match(onDisk.unpricedReason ?? '', /is not in the source; whisper-1 bills \$0\.006 per minute of audio/);
  });

  it('prices DALL·E per image by size, quality and n, with the Images API defaults when unset', async () => {
    const code = `${HEAD}model = "dall-e-3"\nclient.images.generate(prompt="a cat", model=model)\n`
      + 'client.images.generate(model="dall-e-3", prompt="a cat", size="1792x1024", quality="hd", n=2)\nclient.images.generate(prompt="a cat")\n'
      + 'client.images.generate(model="dall-e-3", prompt="a cat", size="640x480")\n';
    const [constant, hd, unset, odd] = await items(code);
    assert.equal(constant.estimate.perCallUsd, 0.04);
    assert.ok(constant.assumptions.includes('size 1024x1024 (the API default), quality standard (the API default)'), notes(constant));
    assert.equal(hd.estimate.perCallUsd, 0.24);
    assert.equal(unset.sku, 'dall-e-2');
    assert.equal(unset.estimate.perCallUsd, 0.02);
    assert.ok(unset.assumptions.includes("model not set: the endpoint's default, dall-e-2"), notes(unset));
    assert.equal(odd.estimate.perCallUsd, null);
    assert.match(odd.unpricedReason ?? '', /dall-e-3 at size 640x480, quality standard is not in data\/llm-unit-prices\.json/);
  });

  it('prices gpt-image-1 by image output tokens, partial images included, and spans quality auto', async () => {
    const [auto, low] = await items(`${HEAD}client.images.generate(model="gpt-image-1", prompt="A cute baby sea otter", n=1, size="1024x1024", stream=True, partial_images=3)\n`
      + 'client.images.generate(model="gpt-image-1", prompt="x", size="1024x1024", quality="low")\n');
    const prompt = countTokens('A cute baby sea otter');
    assert.equal(auto.estimate.perCallUsd, Math.round(((4160 + 300) * 40 + prompt * 5) / 1e6 * 1e8) / 1e8);
    assert.ok(auto.assumptions.some((a) => a.startsWith('quality auto (not set): from $0.0229') && a.endsWith('the highest is shown')), notes(auto));
    assert.equal(low.estimate.perCallUsd, Math.round((272 * 40 + countTokens('x') * 5) / 1e6 * 1e8) / 1e8);
  });

  it('prices Sora video per second, the API default clip when seconds is unset', async () => {
    const code = 'from openai import AsyncOpenAI\nclient = AsyncOpenAI()\nasync def main():\n    await client.videos.create_and_poll(model="sora-2", prompt="Thank you")\n'
      + '    await client.videos.create(model="sora-2-pro", prompt="x", seconds="8", size="1792x1024")\n';
    const [dflt, pro] = await items(code);
    assert.equal(dflt.estimate.perCallUsd, 0.4);
    assert.ok(dflt.assumptions.includes('4 s clip (seconds not set: the API default)'), notes(dflt));
    assert.equal(pro.estimate.perCallUsd, 4);
  });

  it('prices a realtime session per response turn and says the session repeats it', async () => {
    const [item] = await items('from openai import AsyncOpenAI\nasync def main():\n    client = AsyncOpenAI()\n    async with client.realtime.connect(model="gpt-realtime") as conn:\n        pass\n');
    assert.equal(item.resource, 'OpenAI realtime.connect in main()');
    assert.equal(item.sku, 'gpt-realtime');
    assert.ok(item.estimate.perCallUsd !== null && item.estimate.perCallUsd > 0);
    assert.match(notes(item), /priced per response turn/);
  });

  it('prices an OpenAI client whose provider is Bedrock at Bedrock\'s price, also through a variable', async () => {
    const code = 'from openai import OpenAI\nfrom openai.providers import bedrock\nclient = OpenAI(provider=bedrock(region="us-west-2"))\n'
      + 'client.responses.create(model="openai.gpt-5.4", input="Say hello!", max_output_tokens=100)\n'
      + 'provider = bedrock(endpoint="runtime")\nother = OpenAI(provider=provider)\nother.chat.completions.create(model="openai.gpt-5.4", messages=[], max_tokens=100)\n';
    const [direct, viaName] = await items(code);
    assert.equal(direct.provider, 'aws');
    assert.equal(direct.resource, 'OpenAI responses.create (Bedrock)');
    assert.equal(direct.estimate.perCallUsd, Math.round((countTokens('Say hello!') * 2.75 + 100 * 16.5) / 1e6 * 1e8) / 1e8);
    assert.equal(viaName.provider, 'aws');
  });

  it('prices an environment variable\'s literal default and says the variable may change it', async () => {
    const [item] = await items(`import os\n${HEAD}model = os.environ.get("CHAT_MODEL", "gpt-4o-mini")\nclient.chat.completions.create(model=model, messages=[], max_tokens=10)\n`);
    assert.equal(item.sku, 'gpt-4o-mini');
    assert.ok(item.assumptions.includes('model comes from environment variable CHAT_MODEL; priced at "gpt-4o-mini", its default, which runs when CHAT_MODEL is not set'), notes(item));
  });

  it('says an Azure deployment name is not a model', async () => {
    const [item] = await items('from openai import AzureOpenAI\nclient = AzureOpenAI(api_version="2024-06-01")\nclient.chat.completions.create(model="deployment-name", messages=[])\n');
    assert.equal(item.estimate.perCallUsd, null);
    assert.match(item.unpricedReason ?? '', /on Azure OpenAI `model` names a deployment \("deployment-name"\)/);
  });

  it('labels Anthropic\'s legacy Text Completions API as Anthropic', async () => {
    const [item] = await items('import anthropic\nclient = anthropic.Anthropic()\nclient.completions.create(model="claude-2.1", prompt="\\n\\nHuman: Hi\\n\\nAssistant:", max_tokens_to_sample=300)\n');
    assert.equal(item.provider, 'anthropic');
    assert.equal(item.resource, 'Anthropic completions.create');
    assert.ok(item.assumptions.includes('300 output tokens from max_tokens_to_sample, an upper bound'), notes(item));
    assert.ok(item.estimate.perCallUsd !== null, item.unpricedReason);
  });

  it('does not report the free token-counting endpoints', async () => {
    const found = await items('import anthropic\nfrom openai import OpenAI\na = anthropic.Anthropic()\no = OpenAI()\n'
      + 'a.messages.count_tokens(model="claude-3-5-haiku-latest", messages=[])\no.responses.input_tokens.count(model="gpt-5", input="hi")\n');
    assert.deepEqual(found, []);
  });
});
