import type { BedrockImageRequest, MediaRequest } from '../detectors/llm/mediaCalls';
import { asNumber, asString, DynamicText, Unresolved, type SourceValue } from '../parsing/source/sourceValue';
import { audioHourPrice, modelPrice, PRICE_SOURCE_LABEL } from './modelPrices';
import { countPrompt, RUN_TIME_PART_TOKENS } from './promptTokens';
import { hasImageTokenTable, imageOutputTokens, isPerImageModel, isPerSecondModel, perCharacterPrice, perImagePrice, perImageTiers, perSecondPrice, UNIT_PRICE_SOURCE, untieredImagePrice, type ImageQuality } from './unitPrices';

/** A media call's price per call, or why there is none. */
export type MediaPrice =
  | { perCall: number; notes: string[]; source: string }
  | { unpriced: string };

/** Characters assumed for a run-time part of the text to speak: the token default at ~4 characters per token. */
const CHARS_PER_TOKEN = 4;
const TOKENS_SOURCE = 'https://help.openai.com/en/articles/4936856-what-are-tokens-and-how-to-count-them';
/** The Videos API's default clip length and size (OpenAI API reference, `POST /videos`). */
const DEFAULT_VIDEO_SECONDS = 4;
const DEFAULT_VIDEO_SIZE = '720x1280';
/** The Images API's default size for DALL·E and the default DALL·E quality. */
const DEFAULT_IMAGE_SIZE = '1024x1024';

/**
 * Prices a speech, transcription, image or video call from the unit that endpoint bills.
 * Undefined means the model is billed per text token after all (`gpt-4o-mini-tts`), so the
 * token estimate applies.
 */
export function priceMedia(request: MediaRequest, model: string, prompt: readonly SourceValue[]): MediaPrice | undefined {
  switch (request.kind) {
    case 'speech': return speech(model, request.input);
    case 'transcription': return transcription(model, request.duration.seconds, request.duration.note);
    case 'image': return image(model, request, prompt);
    case 'video': return video(model, request.seconds, request.size);
    case 'bedrock-image': return bedrockImage(model, request);
  }
}

function speech(model: string, input: SourceValue | undefined): MediaPrice | undefined {
  const rate = perCharacterPrice(model);
  if (!rate) return undefined;
  const text = characters(input);
  const perCall = text.chars * rate.usd;
  return {
    perCall,
    notes: [`${model}: $${round(rate.usd * 1e6)} per 1M input characters (${rate.source})`, text.note],
    source: UNIT_PRICE_SOURCE,
  };
}

/** Characters of the text to speak: literal text counted, run-time parts at the token default. */
function characters(input: SourceValue | undefined): { chars: number; note: string } {
  if (typeof input === 'string') return { chars: input.length, note: `${input.length} characters in the literal input` };
  const literal = input instanceof DynamicText ? input.literal.length : 0;
  const parts = input instanceof DynamicText ? input.holes : Math.max(1, countPrompt(input === undefined ? [] : [input]).runTimeParts);
  const perPart = RUN_TIME_PART_TOKENS * CHARS_PER_TOKEN;
  return {
    chars: literal + parts * perPart,
    note: `${literal + parts * perPart} input characters: ${literal} literal + ${parts} run-time part${parts > 1 ? 's' : ''} × ${perPart} (the ${RUN_TIME_PART_TOKENS}-token default at ~${CHARS_PER_TOKEN} characters per token, ${TOKENS_SOURCE})`,
  };
}

function transcription(model: string, seconds: number | undefined, lengthNote: string): MediaPrice {
  const rate = audioHourPrice(model, 'openai');
  if (!rate) return { unpriced: `${model} bills audio input; its per-minute price is not in the bundled genai-prices data` };
  const perMinute = round(rate.usdPerHour / 60);
  if (seconds === undefined) return { unpriced: `${lengthNote}; ${rate.modelName} bills $${perMinute} per minute of audio` };
  return {
    perCall: (seconds / 3600) * rate.usdPerHour,
    notes: [lengthNote, `${rate.modelName} (${rate.providerName}): $${perMinute} per minute of audio (${PRICE_SOURCE_LABEL})`],
    source: PRICE_SOURCE_LABEL,
  };
}

function image(model: string, request: Extract<MediaRequest, { kind: 'image' }>, prompt: readonly SourceValue[]): MediaPrice {
  const n = asNumber(request.n, 'n');
  if (typeof n !== 'number' && n !== undefined) return { unpriced: n.reason };
  const count = n ?? 1;
  const countNote = n === undefined ? '1 image (n not set)' : `${count} image${count === 1 ? '' : 's'} (n=${count})`;
  const size = asString(request.size, 'size');
  if (typeof size !== 'string' && size !== undefined) return { unpriced: size.reason };
  const quality = asString(request.quality, 'quality');
  if (typeof quality !== 'string' && quality !== undefined) return { unpriced: quality.reason };
  if (isPerImageModel(model)) {
    const s = size ?? DEFAULT_IMAGE_SIZE;
    const q = quality ?? 'standard';
    const rate = perImagePrice(model, s, q);
    if (!rate) return { unpriced: `${model} at size ${s}, quality ${q} is not in ${UNIT_PRICE_SOURCE}` };
    const defaults = [size === undefined ? `size ${s} (the API default)` : '', quality === undefined ? `quality ${q} (the API default)` : ''].filter(Boolean).join(', ');
    return {
      perCall: rate.usd * count,
      notes: [`${model} ${q} ${s}: $${rate.usd} per image (${rate.source})`, countNote, ...(defaults ? [defaults] : [])],
      source: UNIT_PRICE_SOURCE,
    };
  }
  if (hasImageTokenTable(model)) return imageTokens(model, size, quality, request.partialImages, count, countNote, prompt);
  return { unpriced: `image model ${model} has no per-image or image-token price in ${UNIT_PRICE_SOURCE}` };
}

/** Token-billed image models (`gpt-image-1`): image output tokens by size and quality × the model's output price. */
function imageTokens(model: string, size: string | undefined, quality: string | undefined, partial: SourceValue | undefined, count: number, countNote: string, prompt: readonly SourceValue[]): MediaPrice {
  const table = size ? imageOutputTokens(model, size) : undefined;
  if (!table) return { unpriced: `${model} output tokens for size ${size ?? 'auto (not set)'} are not in ${UNIT_PRICE_SOURCE}` };
  const price = modelPrice(model, 'openai');
  if (!price) return { unpriced: `model ${model} is not in the bundled genai-prices data` };
  const partials = asNumber(partial, 'partial_images');
  const partialCount = typeof partials === 'number' ? partials : 0;
  const qualities: ImageQuality[] = quality === 'low' || quality === 'medium' || quality === 'high' ? [quality] : ['low', 'medium', 'high'];
  const input = countPrompt(prompt);
  const inputTokens = input.literal + input.runTimeParts * RUN_TIME_PART_TOKENS;
  const cost = (q: ImageQuality) => (((table.tokens[q] + partialCount * table.perPartialImage) * price.outputPerMTok) * count + inputTokens * price.inputPerMTok) / 1e6;
  const highest = qualities[qualities.length - 1];
  const notes = [
    `${table.tokens[highest]} image output tokens for ${size} at quality ${highest} (${table.source})`,
    ...(partialCount ? [`${partialCount} partial images × ${table.perPartialImage} output tokens`] : []),
    countNote,
    `${inputTokens} input tokens of prompt`,
    `${price.modelName}: $${price.inputPerMTok}/M input, $${price.outputPerMTok}/M image output tokens (${PRICE_SOURCE_LABEL})`,
  ];
  if (qualities.length > 1) notes.push(`quality ${quality ?? 'auto (not set)'}: from $${round(cost('low'))} (low) to $${round(cost('high'))} (high); the highest is shown`);
  return { perCall: cost(highest), notes, source: PRICE_SOURCE_LABEL };
}

/** Bedrock's cross-Region inference profiles (`us.amazon.nova-canvas-v1:0`) bill as the model. */
const INFERENCE_PROFILE = /^(us|eu|apac|jp|global)\./;

/**
 * Bedrock image models bill per image by size and quality tier: `numberOfImages` (default 1)
 * images at the body's `width`×`height` and `quality` (default standard). Priced only at a
 * tier the sourced table lists.
 */
function bedrockImage(model: string, request: BedrockImageRequest): MediaPrice {
  const id = model.replace(INFERENCE_PROFILE, '');
  const c = request.config;
  if (c instanceof Unresolved) return { unpriced: `the image count and size are not readable: ${c.reason}` };
  const n = asNumber(c.numberOfImages, 'imageGenerationConfig.numberOfImages');
  const width = asNumber(c.width, 'imageGenerationConfig.width');
  const height = asNumber(c.height, 'imageGenerationConfig.height');
  const quality = asString(c.quality, 'imageGenerationConfig.quality');
  for (const v of [n, width, height, quality]) if (v instanceof Unresolved) return { unpriced: v.reason };
  const count = typeof n === 'number' ? n : 1;
  const q = typeof quality === 'string' ? quality : 'standard';
  const size = typeof width === 'number' && typeof height === 'number' ? `${width}x${height}` : undefined;
  const asked = `${count} image${count === 1 ? '' : 's'} at ${size ?? 'the default size (width and height not set)'}, quality ${q}`;
  const untiered = untieredImagePrice(id);
  if (untiered) return { unpriced: `${id} bills per image by size and quality tier; the one sourced figure, $${untiered.usd} per image at ${untiered.size} (${untiered.source}), does not say which quality tier it is, so ${asked} is not priced` };
  const tiers = perImageTiers(id);
  if (tiers.length === 0) return { unpriced: `image model ${id} has no per-image price in ${UNIT_PRICE_SOURCE}` };
  const rate = size ? perImagePrice(id, size, q) : undefined;
  if (!rate) return { unpriced: `${asked}: ${UNIT_PRICE_SOURCE} prices ${id} only at ${tiers.join(', ')}` };
  return {
    perCall: rate.usd * count,
    notes: [
      `${id} ${q} ${size}: $${rate.usd} per image (${rate.source})`,
      `${count} image${count === 1 ? '' : 's'} (${n === undefined ? 'numberOfImages not set: 1' : `numberOfImages=${count}`})${quality === undefined ? '; quality not set: standard, the API default' : ''}`,
    ],
    source: UNIT_PRICE_SOURCE,
  };
}

function video(model: string, secondsArg: SourceValue | undefined, sizeArg: SourceValue | undefined): MediaPrice {
  if (!isPerSecondModel(model)) return { unpriced: `video model ${model} has no per-second price in ${UNIT_PRICE_SOURCE}` };
  const seconds = asNumber(secondsArg, 'seconds');
  if (typeof seconds !== 'number' && seconds !== undefined) return { unpriced: seconds.reason };
  const size = asString(sizeArg, 'size');
  if (typeof size !== 'string' && size !== undefined) return { unpriced: size.reason };
  const s = size ?? DEFAULT_VIDEO_SIZE;
  const rate = perSecondPrice(model, s);
  if (!rate) return { unpriced: `${model} at size ${s} has no per-second price in ${UNIT_PRICE_SOURCE}` };
  const clip = seconds ?? DEFAULT_VIDEO_SECONDS;
  return {
    perCall: rate.usd * clip,
    notes: [
      seconds === undefined ? `${clip} s clip (seconds not set: the API default)` : `${clip} s clip`,
      size === undefined ? `size ${s} (the API default)` : `size ${s}`,
      `${model}: $${rate.usd} per second of video (${rate.source})`,
    ],
    source: UNIT_PRICE_SOURCE,
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
