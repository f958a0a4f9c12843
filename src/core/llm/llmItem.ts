import * as path from 'node:path';
import type { EngineOptions } from '../config/engineOptions';
import type { LlmCallOverride } from '../config/sections/llm';
import { round } from '../estimate/instanceEstimate';
import type { CostItem } from '../model';
import { EMPTY_ESTIMATE } from '../model';
import type { CallSite } from '../parsing/source/callSites';
import { asNumber, asString, DefaultedValue, Unresolved } from '../parsing/source/sourceValue';
import type { LlmCallSpec } from '../detectors/llm/llmCalls';
import { modelPrice, PRICE_SOURCE_LABEL, type LlmModelPrice } from './modelPrices';
import { priceMedia } from './mediaPricing';
import { countPrompt, DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, RUN_TIME_PART_TOKENS } from './promptTokens';

/** `src/chat.py:answer`: the `.finops.yml` key of a call site (`<module>` outside functions). */
function callSiteKey(file: string, call: CallSite, workspaceRoot?: string): string {
  const rel = workspaceRoot ? path.relative(workspaceRoot, file) : path.basename(file);
  return `${rel.split(path.sep).join('/')}:${call.enclosingFunction ?? '<module>'}`;
}

/** Providers tried, in order, for a bare model id whose provider genai-prices cannot infer (`text-embedding-3-small`). */
const LIKELY_PROVIDERS = ['openai', 'anthropic', 'google'];

/** Finds a model's price with the API's provider, then by the model name alone, then at the big providers. */
export function priceFor(model: string, providerId?: string): LlmModelPrice | undefined {
  const direct = (providerId ? modelPrice(model, providerId) : undefined) ?? modelPrice(model);
  if (direct || providerId) return direct;
  for (const p of LIKELY_PROVIDERS) {
    const found = modelPrice(model, p);
    if (found) return found;
  }
  return undefined;
}

interface Tokens {
  input: number;
  output: number;
  notes: string[];
  /** The input is bounded by the context window because a cached prefix holds run-time text: the first call writes that cache. */
  writesCache: boolean;
}

function tokens(spec: LlmCallSpec, call: CallSite, override: LlmCallOverride | undefined, price: LlmModelPrice): Tokens {
  const out = outputTokens(spec, override);
  const approximate = price.providerId !== 'openai' && price.providerId !== 'azure';
  const inp = inputTokens(spec, call, override, approximate, spec.embedding ? undefined : price.contextWindow, out.output);
  if (spec.embedding) return { input: inp.input, output: 0, notes: inp.notes, writesCache: false };
  return { input: inp.input, output: out.output, notes: [...inp.notes, out.note], writesCache: inp.writesCache };
}

function inputTokens(spec: LlmCallSpec, call: CallSite, override: LlmCallOverride | undefined, approximate: boolean, contextWindow: number | undefined, output: number): { input: number; notes: string[]; writesCache: boolean } {
  if (override?.inputTokens !== undefined) return { input: override.inputTokens, notes: [`${override.inputTokens} input tokens per call from .finops.yml`], writesCache: false };
  if (spec.prompt.length === 0) return { input: DEFAULT_INPUT_TOKENS, notes: [`${DEFAULT_INPUT_TOKENS} input tokens per call (default: the prompt is not in this call)`], writesCache: false };
  const c = countPrompt(spec.prompt);
  const tokenizer = approximate ? ' (o200k tokenizer; approximate for this provider)' : '';
  const from = builtBy(c.returnedBy, call, spec);
  const counted = c.literal + c.runTimeParts * RUN_TIME_PART_TOKENS;
  if (c.longParts > 0 && contextWindow !== undefined && contextWindow - output > counted) {
    const input = contextWindow - output;
    const where = c.cacheControl ? 'a `cache_control` block (a prefix long enough to be worth caching)' : 'a `document` block (a whole file)';
    return {
      input,
      notes: [`${input} input tokens per call, an upper bound: ${c.longParts} run-time part${c.longParts > 1 ? 's' : ''} in ${where}, counted up to the model's ${contextWindow}-token context window less the output; ${c.literal} tokens of literal prompt${tokenizer}${from}`],
      writesCache: c.cacheControl,
    };
  }
  const parts = c.runTimeParts ? ` + ${c.runTimeParts} run-time part${c.runTimeParts > 1 ? 's' : ''} × ${RUN_TIME_PART_TOKENS} (default)` : '';
  return { input: counted, notes: [`${counted} input tokens per call: ${c.literal} counted in the literal prompt${tokenizer}${parts}${from}`], writesCache: false };
}

/** `; the prompt is the return value of build_prompt()`: a function of the file returns it (or part of it) for the arguments it is called with. */
function builtBy(objects: readonly string[], call: CallSite, spec: LlmCallSpec): string {
  const strings = [...call.kwargs.values()].filter((a) => a.returnedBy && spec.prompt.includes(a.value)).map((a) => a.returnedBy as string);
  const all = [...new Set([...objects, ...strings])];
  return all.length ? `; the prompt comes from what ${all.join(' and ')} return${all.length === 1 ? 's' : ''} for the arguments passed` : '';
}

function outputTokens(spec: LlmCallSpec, override: LlmCallOverride | undefined): { output: number; note: string } {
  const max = asNumber(spec.maxOutput, spec.maxOutputArg);
  if (override?.outputTokens !== undefined) return { output: override.outputTokens, note: `${override.outputTokens} output tokens per call from .finops.yml` };
  if (typeof max === 'number') return { output: max, note: `${max} output tokens from ${spec.maxOutputArg}, an upper bound` };
  const why = max instanceof Unresolved ? `${max.reason}; ` : `no ${spec.maxOutputArg}; `;
  return { output: DEFAULT_OUTPUT_TOKENS, note: `${why}${DEFAULT_OUTPUT_TOKENS} output tokens per call (default)` };
}

/** Per-call cost; a cached prefix holding run-time text is priced at the cache-write rate of the first call, with a repeat's cache-read figure stated. */
function perCallCost(t: Tokens, price: LlmModelPrice): { perCall: number; notes: string[] } {
  const output = t.output * price.outputPerMTok;
  if (!t.writesCache || price.cacheWritePerMTok === undefined) return { perCall: (t.input * price.inputPerMTok + output) / 1e6, notes: [] };
  const write = (t.input * price.cacheWritePerMTok + output) / 1e6;
  const read = price.cachedInputPerMTok === undefined ? '' : `; a repeat while the cache lives reads it at $${price.cachedInputPerMTok}/M: $${round(((t.input * price.cachedInputPerMTok) + output) / 1e6, 6)} per call`;
  return { perCall: write, notes: [`the first call writes the cache at $${price.cacheWritePerMTok}/M input tokens (shown)${read}`] };
}

/** The model the call runs: the argument, the endpoint's default, or the literal a run-time value defaults to. */
function modelOf(spec: LlmCallSpec): { model: string | Unresolved | undefined; notes: string[] } {
  if (spec.model === undefined && spec.defaultModel) return { model: spec.defaultModel, notes: [`${spec.modelArg} not set: the endpoint's default, ${spec.defaultModel}`] };
  if (spec.model instanceof DefaultedValue && typeof spec.model.fallback === 'string') {
    return { model: spec.model.fallback, notes: [`${spec.modelArg} ${spec.model.reason}; priced at "${spec.model.fallback}", ${spec.model.fallbackNote}`] };
  }
  return { model: asString(spec.model, spec.modelArg), notes: [] };
}

/** Per-call cost from the model's token prices (or its per-character, per-minute, per-image or per-second price), and a monthly cost at the configured call volume. */
export function llmItem(file: string, call: CallSite, spec: LlmCallSpec, options: EngineOptions): CostItem {
  const key = callSiteKey(file, call, options.workspaceRoot);
  const where = call.enclosingFunction ? ` in ${call.enclosingFunction}()` : '';
  const modelArg = call.kwargs.get(spec.modelArg);
  const { model, notes: modelNotes } = modelOf(spec);
  const base: CostItem = {
    file,
    range: call.range,
    skuRange: modelArg && typeof modelArg.value === 'string' ? modelArg.range : undefined,
    kind: 'llm-call',
    resource: `${spec.label}${where}`,
    provider: spec.provider,
    region: null,
    sku: typeof model === 'string' ? model : null,
    quantity: 1,
    pricing: 'on-demand',
    accelerators: null,
    tags: {},
    estimate: EMPTY_ESTIMATE,
    assumptions: [`call site ${key}`, ...spec.notes, ...modelNotes, ...(call.hasSpread ? ['the call also spreads other arguments, which may change the model or limits at run time'] : [])],
  };
  if (typeof model !== 'string') return { ...base, unpricedReason: model ? model.reason : (spec.unsetModelReason ?? `${spec.modelArg} is not set (the SDK default is not fixed)`) };
  const override = options.ml?.llm.calls[key];
  const media = spec.media ? priceMedia(spec.media, model, spec.prompt) : undefined;
  if (media && 'unpriced' in media) return { ...base, unpricedReason: media.unpriced };
  if (media) return withFigure(base, media.perCall, { usage: media.notes, price: [] }, override, options, media.source);
  const price = priceFor(model, spec.providerId);
  if (!price) return { ...base, unpricedReason: spec.provider === 'azure' ? `on Azure OpenAI \`${spec.modelArg}\` names a deployment ("${model}"); the model behind it is chosen in Azure and ${model} is not a model name in the bundled genai-prices data` : `model ${model} is not in the bundled genai-prices data` };
  const t = tokens(spec, call, override, price);
  const cost = perCallCost(t, price);
  const batch = batchOf(spec, cost.perCall);
  if ('unpriced' in batch) return { ...base, unpricedReason: batch.unpriced };
  return withFigure(base, batch.perCall, { usage: [...t.notes, ...cost.notes, ...batch.notes], price: priceNotes(price) }, override, options, PRICE_SOURCE_LABEL);
}

/** A batch call bills its requests at the batch rate; other calls are one request. */
function batchOf(spec: LlmCallSpec, perRequest: number): { perCall: number; notes: string[] } | { unpriced: string } {
  if (!spec.batch) return { perCall: perRequest, notes: [] };
  const { count, rate, source } = spec.batch;
  if (count instanceof Unresolved) return { unpriced: `the batch's requests ${count.reason}` };
  return { perCall: perRequest * count * rate, notes: [`${count} request${count === 1 ? '' : 's'} × ${rate} of the standard price (${source})`] };
}

/** The item with its per-call figure, and a monthly one when a call volume is configured. */
function withFigure(base: CostItem, perCall: number, notes: { usage: string[]; price: string[] }, override: LlmCallOverride | undefined, options: EngineOptions, source: string): CostItem {
  const volume = callsPerDay(override, options);
  const daysPerMonth = options.hoursPerMonth / 24;
  return {
    ...base,
    estimate: {
      hourlyUsd: null,
      perRunUsd: null,
      perCallUsd: round(perCall, 8),
      monthlyUsd: volume.calls === undefined ? null : round(perCall * volume.calls * daysPerMonth, 2),
    },
    assumptions: [...base.assumptions, ...notes.usage, volume.note, ...notes.price],
    priceSource: { label: source },
  };
}

function callsPerDay(override: LlmCallOverride | undefined, options: EngineOptions): { calls?: number; note: string } {
  const days = round(options.hoursPerMonth / 24, 2);
  if (override?.callsPerDay !== undefined) return { calls: override.callsPerDay, note: `${override.callsPerDay} calls/day × ${days} days from .finops.yml llm.calls` };
  const all = options.ml?.llm.callsPerDay;
  if (all !== undefined) return { calls: all, note: `${all} calls/day × ${days} days from .finops.yml llm.callsPerDay` };
  return { note: 'no monthly figure: set llm.callsPerDay (or llm.calls for this call site) in .finops.yml' };
}

function priceNotes(p: LlmModelPrice): string[] {
  const notes = [`${p.modelName} (${p.providerName}): $${p.inputPerMTok}/M input, $${p.outputPerMTok}/M output tokens`];
  if (p.cachedInputPerMTok !== undefined) notes.push(`cached input $${p.cachedInputPerMTok}/M tokens: a repeated prompt prefix costs less with prompt caching`);
  if (p.tiered) notes.push('long prompts cost more per token above a size tier; the base tier is used');
  if (['openai', 'anthropic'].includes(p.providerId)) notes.push('batch API: genai-prices has no batch rates; OpenAI and Anthropic publish batch requests at half these rates');
  return notes;
}
