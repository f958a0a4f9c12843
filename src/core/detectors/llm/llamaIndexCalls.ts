import type { Provider } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import type { LlmCallSpec } from './llmCalls';

/** LlamaIndex LLM packages → provider. Their classes share names with the vendors' clients (`OpenAI`), so the import decides. */
const PACKAGES: Record<string, { provider: Provider; providerId: string }> = {
  openai: { provider: 'openai', providerId: 'openai' },
  azure_openai: { provider: 'azure', providerId: 'azure' },
  anthropic: { provider: 'anthropic', providerId: 'anthropic' },
  gemini: { provider: 'google', providerId: 'google' },
  google_genai: { provider: 'google', providerId: 'google' },
  vertex: { provider: 'google', providerId: 'google' },
  bedrock: { provider: 'aws', providerId: 'aws' },
  bedrock_converse: { provider: 'aws', providerId: 'aws' },
  mistralai: { provider: 'other', providerId: 'mistral' },
  groq: { provider: 'other', providerId: 'groq' },
};

export interface LlamaIndexClass {
  provider: Provider;
  providerId: string;
  module: string;
}

const IMPORT = /^[ \t]*from[ \t]+llama_index\.llms\.(\w+)[ \t]+import[ \t]+\(?([\w \t,]+)\)?/gm;

/** Classes this file imports from `llama_index.llms.<vendor>`, by the name they are used under (`as` aliases followed). */
export function llamaIndexClasses(text: string): Map<string, LlamaIndexClass> {
  const classes = new Map<string, LlamaIndexClass>();
  if (!text.includes('llama_index')) return classes;
  for (const m of text.matchAll(IMPORT)) {
    const known = PACKAGES[m[1]];
    if (!known) continue;
    for (const part of m[2].split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name && !/Embedding/.test(name)) classes.set((alias ?? name).trim(), { ...known, module: `llama_index.llms.${m[1]}` });
    }
  }
  return classes;
}

/** `OpenAI(model="gpt-4o", max_tokens=256)` from LlamaIndex: priced per completion made with it. */
export function llamaIndexCall(call: CallSite, classes: ReadonlyMap<string, LlamaIndexClass>): LlmCallSpec | undefined {
  const known = call.callee === call.name ? classes.get(call.name) : undefined;
  if (!known) return undefined;
  const model = call.kwargs.has('model') ? 'model' : call.kwargs.has('model_name') ? 'model_name' : 'model';
  const max = call.kwargs.has('max_tokens') ? 'max_tokens' : 'max_new_tokens';
  return {
    label: `LlamaIndex ${call.name}`,
    provider: known.provider,
    providerId: known.providerId,
    modelArg: model,
    model: call.kwargs.get(model)?.value,
    prompt: [],
    maxOutputArg: max,
    maxOutput: call.kwargs.get(max)?.value,
    embedding: false,
    notes: [`${known.module}.${call.name}: priced per completion made with this LLM; its prompts are built elsewhere`],
    unsetModelReason: `${model} is not set: ${known.module}.${call.name} then uses its own default, which depends on the installed llama-index version`,
  };
}
