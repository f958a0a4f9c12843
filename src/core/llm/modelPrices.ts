import { calcPrice, findProvider, type ModelInfo, type ModelPrice } from '@pydantic/genai-prices';

/** Per-million-token prices of one model, from the genai-prices data bundled in the package. */
export interface LlmModelPrice {
  providerId: string;
  providerName: string;
  /** genai-prices' id for the model (the name written in code may be a dated alias). */
  modelId: string;
  modelName: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  contextWindow?: number;
  /** Prices that change with prompt length: the base tier is used. */
  tiered: boolean;
}

export const PRICE_SOURCE_LABEL = '@pydantic/genai-prices 0.1.8 (bundled data)';

/** genai-prices matches names against every provider's patterns; a document asks for the same few models on every edit. */
const lookups = new Map<string, LlmModelPrice | undefined>();
const MAX_LOOKUPS = 2_000;

/** Price of a model, or undefined when genai-prices does not know it. Never touches the network. */
export function modelPrice(modelId: string, providerId?: string): LlmModelPrice | undefined {
  const key = `${providerId ?? ''}\u0000${modelId}`;
  if (lookups.has(key)) return lookups.get(key);
  const price = lookupPrice(modelId, providerId);
  if (lookups.size >= MAX_LOOKUPS) lookups.clear();
  lookups.set(key, price);
  return price;
}

function lookupPrice(modelId: string, providerId?: string): LlmModelPrice | undefined {
  let result;
  try {
    result = calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, providerId ? { providerId } : undefined);
  } catch {
    return undefined;
  }
  if (!result) return undefined;
  return fromModel(result.provider.id, result.provider.name, result.model, result.model_price);
}

/** USD per hour of input audio for models genai-prices bills by duration (`whisper-1`); undefined otherwise. */
export function audioHourPrice(modelId: string, providerId?: string): { usdPerHour: number; modelName: string; providerName: string } | undefined {
  let result;
  try {
    result = calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, providerId ? { providerId } : undefined);
  } catch {
    return undefined;
  }
  const perHour = result ? (perMTok(result.model_price.input_audio_hours) ?? perMTok(result.model_price.audio_hours)) : undefined;
  if (!result || perHour === undefined) return undefined;
  return { usdPerHour: perHour.value, modelName: result.model.name ?? result.model.id, providerName: result.provider.name };
}

function fromModel(providerId: string, providerName: string, model: ModelInfo, price: ModelPrice): LlmModelPrice | undefined {
  const input = perMTok(price.input_mtok);
  // Embedding models have no output price: they return vectors, not tokens.
  const output = perMTok(price.output_mtok) ?? (modelClass(model.id) === 'embedding' ? { value: 0, tiered: false } : undefined);
  if (input === undefined || output === undefined) return undefined;
  return {
    providerId,
    providerName,
    modelId: model.id,
    modelName: model.name ?? model.id,
    inputPerMTok: input.value,
    outputPerMTok: output.value,
    cachedInputPerMTok: perMTok(price.cache_read_mtok)?.value,
    cacheWritePerMTok: perMTok(price.cache_write_mtok)?.value,
    contextWindow: model.context_window,
    tiered: input.tiered || output.tiered,
  };
}

function perMTok(v: ModelPrice[string]): { value: number; tiered: boolean } | undefined {
  if (typeof v === 'number') return { value: v, tiered: false };
  if (v && typeof v === 'object' && typeof v.base === 'number') return { value: v.base, tiered: true };
  return undefined;
}

/** Models that are not text chat or embeddings: audio, images, realtime, moderation. */
const OTHER_MODALITY = /(audio|realtime|tts|whisper|image|dall-e|transcribe|moderation|computer-use|search|sora|veo|imagen|embed)/i;

export type ModelClass = 'embedding' | 'text';

function modelClass(modelId: string): ModelClass {
  return /embed/i.test(modelId) ? 'embedding' : 'text';
}

/** Prompt-heavy traffic: three input tokens per output token. */
function blended(p: LlmModelPrice): number {
  return (3 * p.inputPerMTok + p.outputPerMTok) / 4;
}

/**
 * Current models of the same provider and class that cost less, the closest in price
 * first (the most capable of the cheaper ones).
 */
export function cheaperModels(current: LlmModelPrice, limit = 3): LlmModelPrice[] {
  const provider = findProvider({ providerId: current.providerId });
  if (!provider) return [];
  const cls = modelClass(current.modelId);
  const seen = new Set<string>();
  const out: LlmModelPrice[] = [];
  for (const model of provider.models) {
    if (model.deprecated || seen.has(model.id) || model.id === current.modelId) continue;
    if (cls === 'embedding' ? modelClass(model.id) !== 'embedding' : OTHER_MODALITY.test(model.id)) continue;
    seen.add(model.id);
    const price = modelPrice(model.id, provider.id);
    if (price && price.modelId === model.id && blended(price) < blended(current)) out.push(price);
  }
  return out.sort((a, b) => blended(b) - blended(a)).slice(0, limit);
}
