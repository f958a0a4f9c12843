import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import { parseFinopsConfig, engineOptionsFrom } from '../../../../src/core/config/finopsConfig';
import { countTokens } from '../../../../src/core/llm/tokenCount';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string, finops = '', file = 'src/chat.py'): Promise<CostItem[]> {
  const options = { ...engineOptionsFrom(parseFinopsConfig(finops).config), workspaceRoot: '/ws' };
  const { items, skipped } = await analyzeFiles({ [file]: code }, file, options);
  assert.deepEqual(skipped, []);
  return items;
}

const PROMPT = 'You are a helpful assistant that answers billing questions.';

describe('LLM calls in Python', () => {
  it('prices an OpenAI chat completion from the literal prompt and max_tokens', async () => {
    const code = `from openai import OpenAI\nclient = OpenAI()\nMODEL = "gpt-4o"\ndef answer(q):\n    return client.chat.completions.create(\n        model=MODEL,\n        messages=[{"role": "system", "content": "${PROMPT}"}, {"role": "user", "content": q}],\n        max_tokens=300,\n    )\n`;
    const [item] = await items(code, 'llm:\n  callsPerDay: 1000\n');
    const input = countTokens(PROMPT) + 500;
    assert.equal(item.kind, 'llm-call');
    assert.equal(item.provider, 'openai');
    assert.equal(item.sku, 'gpt-4o');
    assert.equal(item.resource, 'OpenAI chat.completions.create in answer()');
    const perCall = (input * 2.5 + 300 * 10) / 1e6;
    assert.equal(item.estimate.perCallUsd, Math.round(perCall * 1e8) / 1e8);
    assert.equal(item.estimate.monthlyUsd, Math.round(perCall * 1000 * (730 / 24) * 100) / 100);
    assert.ok(item.assumptions.includes('call site src/chat.py:answer'));
    assert.ok(item.assumptions.some((a) => a.includes('1 run-time part × 500 (default)')), item.assumptions.join('\n'));
    assert.ok(item.assumptions.includes('300 output tokens from max_tokens, an upper bound'));
    assert.ok(item.assumptions.some((a) => a.startsWith('cached input $1.25/M')));
    assert.ok(!item.assumptions.some((a) => a.includes('approximate')));
  });

  it('reads a rebound constant as Python would: module-level code sees the value above it, functions the last one', async () => {
    const code = [
      'from openai import OpenAI',
      'client = OpenAI()',
      'MODEL = "gpt-4o"',
      'client.chat.completions.create(model=MODEL, messages=[])',
      'def later():',
      '    return client.chat.completions.create(model=MODEL, messages=[])',
      'MODEL = "gpt-4o-mini"',
      'client.chat.completions.create(model=MODEL, messages=[])',
      'client.chat.completions.create(model=UNDEFINED_YET, messages=[])',
      'UNDEFINED_YET = "o3-mini"',
      '',
    ].join('\n');
    const found = await items(code);
    assert.deepEqual(found.map((i) => [i.range.start.line, i.sku]), [[3, 'gpt-4o'], [5, 'gpt-4o-mini'], [7, 'gpt-4o-mini'], [8, null]]);
    // A name read before its assignment is not a constant there.
    assert.ok(found[3].unpricedReason?.includes('UNDEFINED_YET'), found[3].unpricedReason);
  });

  it('applies per-call-site overrides from .finops.yml', async () => {
    const code = 'import openai\nc = openai.OpenAI()\ndef answer():\n    c.chat.completions.create(model="gpt-4o-mini", messages=[])\n';
    const [item] = await items(code, 'llm:\n  callsPerDay: 10\n  calls:\n    "src/chat.py:answer": { callsPerDay: 50000, inputTokens: 1200, outputTokens: 300 }\n');
    const perCall = (1200 * 0.15 + 300 * 0.6) / 1e6;
    assert.equal(item.estimate.perCallUsd, Math.round(perCall * 1e8) / 1e8);
    assert.equal(item.estimate.monthlyUsd, Math.round(perCall * 50000 * (730 / 24) * 100) / 100);
  });

  it('has no monthly figure without a configured volume, and says how to get one', async () => {
    const [item] = await items('from openai import OpenAI\nOpenAI().responses.create(model="gpt-4o", input="Hi")\n');
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.estimate.perCallUsd !== null && item.estimate.perCallUsd > 0);
    assert.ok(item.assumptions.some((a) => a.includes('set llm.callsPerDay')));
    assert.ok(item.assumptions.some((a) => a.includes('500 output tokens per call (default)')));
  });

  it('prices embeddings with no output tokens', async () => {
    const [item] = await items('from openai import OpenAI\nclient = OpenAI()\nclient.embeddings.create(model="text-embedding-3-small", input="hello world")\n');
    assert.equal(item.sku, 'text-embedding-3-small');
    assert.equal(item.estimate.perCallUsd, Math.round(countTokens('hello world') * 0.02 * 100) / 1e8);
  });

  it('recognises Azure OpenAI clients', async () => {
    const [item] = await items('from openai import AzureOpenAI\nclient = AzureOpenAI(api_version="2024-06-01")\nclient.chat.completions.create(model="gpt-4o", messages=[])\n');
    assert.equal(item.provider, 'azure');
    assert.match(item.resource, /^Azure OpenAI/);
  });

  it('prices Anthropic messages with approximate token counts', async () => {
    const [item] = await items('import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-3-5-haiku-latest", max_tokens=1024, system="Be brief.", messages=[{"role": "user", "content": "Hello"}])\n');
    assert.equal(item.provider, 'anthropic');
    const input = countTokens('Be brief.') + countTokens('Hello');
    assert.equal(item.estimate.perCallUsd, Math.round(((input * 0.8 + 1024 * 4) / 1e6) * 1e8) / 1e8);
    assert.ok(item.assumptions.some((a) => a.includes('approximate for this provider')));
  });

  it('bounds run-time text in a cache_control or document block by the context window, priced at the cache-write rate', async () => {
    const code = 'import anthropic, requests\nclient = anthropic.Anthropic()\nbook = requests.get("https://example.org/book.txt").text\n'
      + 'client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=300, messages=[{"role": "user", "content": [{"type": "text", "text": "<book>" + book + "</book>", "cache_control": {"type": "ephemeral"}}, {"type": "text", "text": "Title?"}]}])\n'
      + 'def ask(pdf):\n    client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=1000, messages=[{"role": "user", "content": [{"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": pdf}}]}])\n';
    const [cached, pdf] = await items(code);
    const input = 200_000 - 300;
    assert.equal(cached.estimate.perCallUsd, Math.round(((input * 3.75 + 300 * 15) / 1e6) * 1e8) / 1e8);
    assert.ok(cached.assumptions.some((a) => a.startsWith(`${input} input tokens per call, an upper bound: 1 run-time part in a \`cache_control\` block`)), cached.assumptions.join('\n'));
    assert.ok(cached.assumptions.some((a) => a.startsWith('the first call writes the cache at $3.75/M input tokens (shown); a repeat while the cache lives reads it at $0.3/M')), cached.assumptions.join('\n'));
    assert.equal(pdf.estimate.perCallUsd, Math.round((((200_000 - 1000) * 3 + 1000 * 15) / 1e6) * 1e8) / 1e8);
    assert.ok(pdf.assumptions.some((a) => a.includes('in a `document` block (a whole file)')), pdf.assumptions.join('\n'));
  });

  it('prices an Anthropic message batch as its requests at half price, and says why when the requests are built at run time', async () => {
    const code = 'import anthropic\nclient = anthropic.Anthropic()\n'
      + 'client.messages.batches.create(requests=[{"custom_id": "a", "params": {"model": "claude-3-haiku-20240307", "max_tokens": 100, "messages": [{"role": "user", "content": "Hi"}]}}, {"custom_id": "b", "params": {"model": "claude-3-haiku-20240307", "max_tokens": 100, "messages": []}}])\n'
      + 'qs = ["a", "b"]\nclient.beta.messages.batches.create(requests=[{"custom_id": q, "params": {"model": "claude-3-haiku-20240307", "max_tokens": 10, "messages": []}} for q in qs])\n';
    const [literal, built] = await items(code);
    const one = (countTokens('Hi') * 0.25 + 100 * 1.25) / 1e6;
    assert.equal(literal.resource, 'Anthropic messages.batches.create');
    assert.equal(literal.estimate.perCallUsd, Math.round(one * 2 * 0.5 * 1e8) / 1e8);
    assert.ok(literal.assumptions.some((a) => a.startsWith('2 requests × 0.5 of the standard price')), literal.assumptions.join('\n'));
    assert.equal(built.estimate.perCallUsd, null);
    assert.match(built.unpricedReason ?? '', /^model of the batch's requests is not readable: requests /);
  });

  it('prices Bedrock converse and invoke_model by modelId', async () => {
    const code = 'import boto3, json\nbr = boto3.client("bedrock-runtime")\nbr.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[], inferenceConfig={"maxTokens": 200})\n'
      + 'br.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps({"prompt": "x"}))\n';
    const [converse, invoke] = await items(code);
    assert.equal(converse.provider, 'aws');
    assert.ok(converse.estimate.perCallUsd !== null, converse.unpricedReason);
    assert.ok(converse.assumptions.includes('200 output tokens from inferenceConfig.maxTokens, an upper bound'));
    // json.dumps of a literal body is the JSON text Python sends.
    const sent = countTokens('{"prompt": "x"}');
    assert.ok(invoke.assumptions.includes(`${sent} input tokens per call: ${sent} counted in the literal prompt (o200k tokenizer; approximate for this provider)`), invoke.assumptions.join('\n'));
  });

  it('prices Gemini GenerativeModel and client.models.generate_content', async () => {
    const code = 'import google.generativeai as genai\nfrom google import genai as g2\nm = genai.GenerativeModel("gemini-1.5-flash", generation_config={"max_output_tokens": 256})\n'
      + 'client = g2.Client()\nclient.models.generate_content(model="gemini-2.0-flash", contents="Summarise this")\n';
    const [construct, generate] = await items(code);
    assert.equal(construct.sku, 'gemini-1.5-flash');
    assert.ok(construct.assumptions.includes('256 output tokens from max_output_tokens, an upper bound'));
    assert.equal(generate.sku, 'gemini-2.0-flash');
    assert.equal(generate.provider, 'google');
    assert.ok(generate.estimate.perCallUsd !== null);
  });

  it('prices LiteLLM with provider prefixes and LangChain chat models', async () => {
    const code = 'import litellm\nfrom langchain_openai import ChatOpenAI\nfrom langchain_anthropic import ChatAnthropic\n'
      + 'litellm.completion(model="anthropic/claude-3-5-haiku-latest", messages=[])\nllm = ChatOpenAI(model="gpt-4o-mini", max_tokens=100)\nChatAnthropic(model_name="claude-3-5-haiku-latest")\n';
    const [lite, openai, claude] = await items(code);
    assert.equal(lite.provider, 'anthropic');
    assert.equal(lite.sku, 'claude-3-5-haiku-latest');
    assert.ok(lite.estimate.perCallUsd !== null);
    assert.equal(openai.resource, 'LangChain ChatOpenAI');
    assert.equal(claude.provider, 'anthropic');
  });

  it('prices LlamaIndex LLM classes by their import, and says a framework\'s unset model is its own default', async () => {
    const code = 'from llama_index.llms.openai import OpenAI\nfrom llama_index.llms.anthropic import Anthropic as Claude\nfrom langchain_openai import ChatOpenAI\n'
      + 'llm = OpenAI(model="gpt-4o-mini", max_tokens=256)\nClaude()\nChatOpenAI()\n';
    const [llama, claude, lc] = await items(code);
    assert.equal(llama.resource, 'LlamaIndex OpenAI');
    assert.equal(llama.provider, 'openai');
    assert.equal(llama.estimate.perCallUsd, Math.round(((1000 * 0.15 + 256 * 0.6) / 1e6) * 1e8) / 1e8);
    assert.equal(claude.provider, 'anthropic');
    assert.equal(claude.unpricedReason, 'model is not set: llama_index.llms.anthropic.Claude then uses its own default, which depends on the installed llama-index version');
    assert.equal(lc.unpricedReason, "model is not set: LangChain's ChatOpenAI then uses its own default model, which depends on the installed package version");
  });

  it('prices a Gemini chat per turn and notes cached content', async () => {
    const code = 'from google import genai\nclient = genai.Client()\nchat = client.chats.create(model="gemini-2.0-flash")\nchat.send_message("hi")\n'
      + 'client.models.generate_content(model="gemini-2.0-flash", contents="Summarise", config={"cached_content": cache.name, "max_output_tokens": 100})\n';
    const [chat, cached] = await items(code);
    assert.equal(chat.resource, 'Gemini chats.create');
    assert.ok(chat.assumptions.includes('priced per send_message turn on this chat; each turn also resends the conversation so far'), chat.assumptions.join('\n'));
    assert.ok(cached.assumptions.some((a) => a.startsWith('cached_content: the cached prefix bills at the cached-input rate')), cached.assumptions.join('\n'));
  });

  it('says so when the model is dynamic or unknown instead of guessing', async () => {
    const code = 'import os\nfrom openai import OpenAI\nc = OpenAI()\ndef f(model):\n    c.chat.completions.create(model=model, messages=[])\n'
      + 'c.chat.completions.create(model=os.getenv("MODEL"), messages=[])\nc.chat.completions.create(model="my-finetune-xyz", messages=[])\n';
    const [param, env, unknown] = await items(code);
    assert.equal(param.estimate.perCallUsd, null);
    assert.match(param.unpricedReason ?? '', /model comes from `model`/);
    assert.match(env.unpricedReason ?? '', /environment variable MODEL/);
    assert.match(unknown.unpricedReason ?? '', /my-finetune-xyz is not in the bundled genai-prices data/);
  });

  it('reads a model from a literal dict lookup, and a helper function\'s model from its callers', async () => {
    const code = 'import anthropic\nclient = anthropic.Anthropic()\nMODELS = {"Claude 3.7 Sonnet": "claude-3-7-sonnet-20250219", "Claude 3 Haiku": "claude-3-haiku-20240307"}\n'
      + 'def ask(prompt, model):\n    return client.messages.create(model=model, max_tokens=100, messages=[{"role": "user", "content": prompt}])\n'
      + 'ask("hi", MODELS["Claude 3 Haiku"])\nask("hello", model=MODELS["Claude 3.7 Sonnet"])\n';
    const [item] = await items(code);
    assert.equal(item.sku, 'claude-3-7-sonnet-20250219');
    // The prompt and the model of one caller go together: two candidates, not four.
    assert.ok(item.assumptions.includes('chosen at run time: messages = a literal (when called as `ask("hello", model=MODELS["Claude 3.7...`)'), item.assumptions.join('\n'));
    assert.ok(item.assumptions.some((a) => a.startsWith('one of 2 priced candidates (claude-3-haiku-20240307, claude-3-7-sonnet-20250219)')), item.assumptions.join('\n'));
  });

  it('counts a prompt a helper function of the file builds from literal arguments, and says it came from its return', async () => {
    const instruction = 'Classify the sentiment of this movie review as positive or negative: ';
    const review = 'A superb cast and a plot that never lets go.';
    const code = [
      'from anthropic import Anthropic',
      'client = Anthropic()',
      'def build_prompt(review):',
      `    content = f"${instruction}{review}"`,
      '    return [{"role": "user", "content": content}]',
      'def system_prompt():',
      '    return "You are a strict grader."',
      'def grade(messages):',
      '    return client.messages.create(model="claude-3-haiku-20240307", max_tokens=5, system=system_prompt(), messages=messages)',
      `grade(build_prompt("${review}"))`,
    ].join('\n');
    const [item] = await items(code);
    const input = countTokens('You are a strict grader.') + countTokens(instruction + review);
    assert.equal(item.estimate.perCallUsd, Math.round(((input * 0.25 + 5 * 1.25) / 1e6) * 1e8) / 1e8);
    assert.ok(item.assumptions.includes(`${input} input tokens per call: ${input} counted in the literal prompt (o200k tokenizer; approximate for this provider); the prompt comes from what build_prompt() and system_prompt() return for the arguments passed`), item.assumptions.join('\n'));
  });
});
