import type { Position, Provider, SourceRange } from '../../model';
import type { CallSite, SourceFile } from '../../parsing/source/callSites';
import { isRecord, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import { llamaIndexCall, type LlamaIndexClass } from './llamaIndexCalls';
import { BEDROCK_IMAGE_MODEL, bedrockImageRequest, recognizeMediaCall, type MediaRequest } from './mediaCalls';

/** An LLM API call recognised in source, before pricing. */
export interface LlmCallSpec {
  /** `OpenAI chat.completions.create`, `LangChain ChatAnthropic`. */
  label: string;
  provider: Provider;
  /** genai-prices provider id, when the API fixes it. */
  providerId?: string;
  /** The argument that names the model, for messages and the model's range. */
  modelArg: string;
  model: SourceValue | undefined;
  /** Arguments whose text is sent as input (messages, system, prompt). */
  prompt: SourceValue[];
  maxOutputArg: string;
  maxOutput: SourceValue | undefined;
  /** Embeddings produce no output tokens. */
  embedding: boolean;
  notes: string[];
  /** Speech, transcription, image and video calls, billed per character, minute, image or second. */
  media?: MediaRequest;
  /** The model the endpoint uses when the call names none. */
  defaultModel?: string;
  /** Why an unset model cannot be priced, when the class's default is not fixed. */
  unsetModelReason?: string;
  /** A batch of requests billed at a discount: the spec describes one request. */
  batch?: BatchRequests;
}

export interface BatchRequests {
  /** Requests in the batch, or why the count is not known. */
  count: number | Unresolved;
  /** Share of the standard price a batched request bills. */
  rate: number;
  source: string;
}

/** Anthropic's Message Batches API bills each request at half the Messages API price. */
const ANTHROPIC_BATCH = { rate: 0.5, source: 'https://docs.anthropic.com/en/docs/build-with-claude/batch-processing (50% of standard API prices)' };

const OPENAI = /(^|\.)(chat\.completions\.(create|parse|stream)|completions\.create|responses\.(create|parse|stream)|embeddings\.create|ChatCompletion\.create|realtime\.connect)$/;
/** `with_raw_response` / `with_streaming_response` wrap the same request; the bill is the call's. */
const RESPONSE_WRAPPERS = /\.with_(raw|streaming)_response(?=\.)/g;
const ANTHROPIC = /(^|\.)messages\.(create|stream)$/;
const BEDROCK_PY = new Set(['invoke_model', 'invoke_model_with_response_stream', 'converse', 'converse_stream']);
const BEDROCK_TS = new Set(['InvokeModelCommand', 'InvokeModelWithResponseStreamCommand', 'ConverseCommand', 'ConverseStreamCommand']);
const LITELLM = /^(litellm\.)?a?(completion|embedding)$/;

/** LangChain chat and embedding classes → provider. */
const LANGCHAIN: Record<string, { provider: Provider; providerId: string }> = {
  ChatOpenAI: { provider: 'openai', providerId: 'openai' },
  AzureChatOpenAI: { provider: 'azure', providerId: 'azure' },
  OpenAIEmbeddings: { provider: 'openai', providerId: 'openai' },
  ChatAnthropic: { provider: 'anthropic', providerId: 'anthropic' },
  ChatGoogleGenerativeAI: { provider: 'google', providerId: 'google' },
  ChatVertexAI: { provider: 'google', providerId: 'google' },
  ChatBedrock: { provider: 'aws', providerId: 'aws' },
  ChatBedrockConverse: { provider: 'aws', providerId: 'aws' },
};

/** LiteLLM's `provider/model` prefixes → genai-prices provider ids. */
const LITELLM_PROVIDERS: Record<string, { provider: Provider; providerId: string }> = {
  openai: { provider: 'openai', providerId: 'openai' },
  azure: { provider: 'azure', providerId: 'azure' },
  anthropic: { provider: 'anthropic', providerId: 'anthropic' },
  bedrock: { provider: 'aws', providerId: 'aws' },
  gemini: { provider: 'google', providerId: 'google' },
  vertex_ai: { provider: 'google', providerId: 'google' },
  groq: { provider: 'other', providerId: 'groq' },
  mistral: { provider: 'other', providerId: 'mistral' },
  together_ai: { provider: 'other', providerId: 'together' },
  deepseek: { provider: 'other', providerId: 'deepseek' },
  xai: { provider: 'other', providerId: 'x-ai' },
  cohere: { provider: 'other', providerId: 'cohere' },
  fireworks_ai: { provider: 'other', providerId: 'fireworks' },
};

function arg(call: CallSite, ...names: string[]): { name: string; value: SourceValue | undefined } {
  for (const name of names) if (call.kwargs.has(name)) return { name, value: call.kwargs.get(name)?.value };
  return { name: names[0], value: undefined };
}

/** The class a call's root object was built from: `AzureOpenAI` for `client.chat.completions.create`. */
function rootClass(source: SourceFile, call: CallSite): string | undefined {
  return rootCall(source, call)?.name;
}

function rootCall(source: SourceFile, call: CallSite): CallSite | undefined {
  return source.bindings.get(call.callee.split('.')[0]);
}

/** `OpenAI(provider=bedrock(...))`: the OpenAI client sends its requests to Amazon Bedrock. */
function onBedrockProvider(source: SourceFile, client: CallSite | undefined): boolean {
  const provider = client?.kwargs.get('provider');
  if (!provider) return false;
  const made = provider.name ? source.bindings.get(provider.name) : source.calls.find((c) => within(c.range, provider.range));
  return made?.name === 'bedrock';
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function recognizeLlmCall(source: SourceFile, call: CallSite, llamaIndex: ReadonlyMap<string, LlamaIndexClass> = new Map()): LlmCallSpec | undefined {
  return llamaIndexCall(call, llamaIndex) ?? openAi(source, call) ?? anthropic(source, call) ?? bedrock(call) ?? gemini(call) ?? litellm(call) ?? langchain(call);
}

function openAi(source: SourceFile, call: CallSite): LlmCallSpec | undefined {
  const callee = call.callee.replace(RESPONSE_WRAPPERS, '');
  if (callee.includes('threads.')) return undefined;
  const media = recognizeMediaCall(source, call, callee);
  const endpoint = media?.label ?? OPENAI.exec(callee)?.[2];
  if (!endpoint) return undefined;
  const client = rootCall(source, call);
  const clientClass = client?.name ?? /(\w+)\(/.exec(callee)?.[1] ?? '';
  if (/Anthropic/.test(clientClass) && /(^|\.)completions\.create$/.test(callee) && !callee.includes('chat.')) return anthropicLegacy(clientClass, call);
  const azure = /Azure/.test(clientClass) || /azure/i.test(callee);
  const bedrock = !azure && onBedrockProvider(source, client);
  const model = arg(call, 'model', 'engine', 'deployment_id');
  const max = arg(call, 'max_tokens', 'max_completion_tokens', 'max_output_tokens');
  const realtime = /realtime\.connect$/.test(callee);
  const notes = azure ? ['Azure OpenAI: `model` names a deployment; priced as the OpenAI model of that name (Azure\'s global rates match OpenAI\'s)'] : [];
  if (bedrock) notes.push('the client\'s provider is Amazon Bedrock (`provider=bedrock(...)`), so Bedrock\'s price applies');
  if (realtime) notes.push('priced per response turn: a realtime session runs as many turns as are sent, and each turn resends the conversation so far');
  return {
    label: `${azure ? 'Azure OpenAI' : 'OpenAI'} ${endpoint}${bedrock ? ' (Bedrock)' : ''}`,
    provider: azure ? 'azure' : bedrock ? 'aws' : 'openai',
    providerId: bedrock ? 'aws' : 'openai',
    modelArg: model.name,
    model: model.value,
    prompt: ['messages', 'input', 'instructions', 'prompt'].map((k) => call.kwargs.get(k)?.value).filter((v) => v !== undefined),
    maxOutputArg: max.name,
    maxOutput: max.value,
    embedding: /embeddings\.create$/.test(callee),
    notes,
    media: media?.request,
    defaultModel: media?.defaultModel,
  };
}

/** `messages.batches.create(requests=[{custom_id, params: {...}}])`: priced as the first request's params × requests × the batch rate. */
function anthropicBatch(source: SourceFile, call: CallSite): LlmCallSpec {
  const requests = call.kwargs.get('requests')?.value;
  const first = Array.isArray(requests) && isRecord(requests[0]) && isRecord(requests[0].params) ? requests[0].params : undefined;
  const runTime = requests instanceof Unresolved ? requests : new Unresolved('are not a literal list of {custom_id, params}');
  const onBedrock = /Bedrock/.test(rootClass(source, call) ?? '');
  return {
    label: `Anthropic messages.batches.create${onBedrock ? ' (Bedrock)' : ''}`,
    provider: onBedrock ? 'aws' : 'anthropic',
    providerId: onBedrock ? 'aws' : 'anthropic',
    modelArg: 'model',
    model: first ? first.model : new Unresolved(`of the batch's requests is not readable: requests ${runTime.reason}`),
    prompt: first ? [first.system, first.messages].filter((v) => v !== undefined) : [],
    maxOutputArg: 'max_tokens',
    maxOutput: first?.max_tokens,
    embedding: false,
    notes: first && Array.isArray(requests) && requests.length > 1 ? ['each request priced as the first one'] : [],
    batch: { count: Array.isArray(requests) ? requests.length : runTime, ...ANTHROPIC_BATCH },
  };
}

/** Anthropic's legacy Text Completions API (`client.completions.create(prompt=..., max_tokens_to_sample=...)`). */
function anthropicLegacy(clientClass: string, call: CallSite): LlmCallSpec {
  const onBedrock = /Bedrock/.test(clientClass);
  return {
    label: `Anthropic completions.create${onBedrock ? ' (Bedrock)' : ''}`,
    provider: onBedrock ? 'aws' : 'anthropic',
    providerId: onBedrock ? 'aws' : 'anthropic',
    modelArg: 'model',
    model: call.kwargs.get('model')?.value,
    prompt: [call.kwargs.get('prompt')?.value].filter((v) => v !== undefined),
    maxOutputArg: 'max_tokens_to_sample',
    maxOutput: call.kwargs.get('max_tokens_to_sample')?.value,
    embedding: false,
    notes: ['legacy Text Completions API'],
  };
}

function anthropic(source: SourceFile, call: CallSite): LlmCallSpec | undefined {
  if (/(^|\.)messages\.batches\.create$/.test(call.callee)) return anthropicBatch(source, call);
  if (!ANTHROPIC.test(call.callee) || call.callee.includes('threads.')) return undefined;
  const root = rootClass(source, call) ?? '';
  const onBedrock = /Bedrock/.test(root);
  return {
    label: `Anthropic messages.${call.name}${onBedrock ? ' (Bedrock)' : ''}`,
    provider: onBedrock ? 'aws' : 'anthropic',
    providerId: onBedrock ? 'aws' : 'anthropic',
    modelArg: 'model',
    model: call.kwargs.get('model')?.value,
    prompt: ['system', 'messages'].map((k) => call.kwargs.get(k)?.value).filter((v) => v !== undefined),
    maxOutputArg: 'max_tokens',
    maxOutput: call.kwargs.get('max_tokens')?.value,
    embedding: false,
    notes: [],
  };
}

function bedrock(call: CallSite): LlmCallSpec | undefined {
  if (!(BEDROCK_PY.has(call.name) || BEDROCK_TS.has(call.name)) || !call.kwargs.has('modelId')) return undefined;
  const config = call.kwargs.get('inferenceConfig')?.value;
  const maxTokens = isRecord(config) ? config.maxTokens : undefined;
  const modelId = call.kwargs.get('modelId')?.value;
  const image = typeof modelId === 'string' && BEDROCK_IMAGE_MODEL.test(modelId);
  return {
    label: `Bedrock ${call.name}${image ? ' (image)' : ''}`,
    media: image ? bedrockImageRequest(call.kwargs.get('body')?.value) : undefined,
    provider: 'aws',
    providerId: 'aws',
    modelArg: 'modelId',
    model: call.kwargs.get('modelId')?.value,
    prompt: ['system', 'messages', 'body'].map((k) => call.kwargs.get(k)?.value).filter((v) => v !== undefined),
    maxOutputArg: 'inferenceConfig.maxTokens',
    maxOutput: maxTokens,
    embedding: /embed/i.test(String(call.kwargs.get('modelId')?.value ?? '')),
    notes: [],
  };
}

function gemini(call: CallSite): LlmCallSpec | undefined {
  const construct = call.name === 'GenerativeModel' || call.name === 'getGenerativeModel' || (/(^|\.)chats\.create$/.test(call.callee) && call.kwargs.has('model'));
  const chat = call.name === 'create';
  const generate = (call.name === 'generate_content' || call.name === 'generateContent') && /models\.\w+$/.test(call.callee) && call.kwargs.has('model');
  if (!construct && !generate) return undefined;
  const model = construct && call.name === 'GenerativeModel' ? (call.kwargs.get('model_name')?.value ?? call.positional[0]?.value) : call.kwargs.get('model')?.value;
  const config = call.kwargs.get('generation_config')?.value ?? call.kwargs.get('config')?.value ?? call.kwargs.get('generationConfig')?.value;
  const max = isRecord(config) ? (config.max_output_tokens ?? config.maxOutputTokens) : undefined;
  return {
    label: chat ? 'Gemini chats.create' : `Gemini ${call.name}`,
    provider: 'google',
    providerId: 'google',
    modelArg: call.name === 'GenerativeModel' ? 'model_name' : 'model',
    model,
    prompt: generate ? [call.kwargs.get('contents')?.value].filter((v) => v !== undefined) : [],
    maxOutputArg: 'max_output_tokens',
    maxOutput: max,
    embedding: false,
    notes: [
      ...(chat ? ['priced per send_message turn on this chat; each turn also resends the conversation so far'] : construct ? ['priced per generate_content (or chat send_message) call on this model; the prompt is passed at that call'] : []),
      ...(isRecord(config) && (config.cached_content ?? config.cachedContent) !== undefined ? ['cached_content: the cached prefix bills at the cached-input rate, plus cache storage per hour while it lives'] : []),
    ],
  };
}

function litellm(call: CallSite): LlmCallSpec | undefined {
  if (!LITELLM.test(call.callee) || !call.kwargs.has('model')) return undefined;
  const model = call.kwargs.get('model')?.value;
  const prefix = typeof model === 'string' && model.includes('/') ? model.split('/')[0] : undefined;
  const known = prefix ? LITELLM_PROVIDERS[prefix] : undefined;
  const max = arg(call, 'max_tokens', 'max_completion_tokens');
  return {
    label: `LiteLLM ${call.name}`,
    provider: known?.provider ?? 'other',
    providerId: known?.providerId,
    modelArg: 'model',
    model: typeof model === 'string' && known ? model.slice(prefix?.length ?? 0).replace(/^\//, '') : model,
    prompt: ['messages', 'input'].map((k) => call.kwargs.get(k)?.value).filter((v) => v !== undefined),
    maxOutputArg: max.name,
    maxOutput: max.value,
    embedding: /embedding$/.test(call.name),
    notes: [],
  };
}

function langchain(call: CallSite): LlmCallSpec | undefined {
  const known = LANGCHAIN[call.name];
  if (!known) return undefined;
  const model = arg(call, 'model', 'model_name', 'modelName', 'model_id', 'azure_deployment', 'deployment_name');
  const max = arg(call, 'max_tokens', 'maxTokens', 'max_output_tokens', 'maxOutputTokens');
  return {
    label: `LangChain ${call.name}`,
    ...known,
    modelArg: model.name,
    model: model.value,
    prompt: [],
    maxOutputArg: max.name,
    maxOutput: max.value,
    embedding: /Embeddings$/.test(call.name),
    notes: ['priced per invocation of this model; its prompts are built elsewhere'],
    unsetModelReason: `${model.name} is not set: LangChain's ${call.name} then uses its own default model, which depends on the installed package version`,
  };
}
