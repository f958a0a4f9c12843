import table from '../../../data/llm-unit-prices.json';

/**
 * Prices of calls that genai-prices does not carry per text token: speech per character,
 * images per image, video per second, and how many output tokens a token-billed image
 * model spends on one image. Every figure comes from `data/llm-unit-prices.json`, which
 * names its source per row.
 */
export const UNIT_PRICE_SOURCE = `data/llm-unit-prices.json (retrieved ${table.retrievedAt})`;

export interface UnitPrice {
  usd: number;
  source: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** USD per input character of a text-to-speech model. */
export function perCharacterPrice(model: string): UnitPrice | undefined {
  const row = table.perCharacter.find((r) => same(r.model, model));
  return row && { usd: row.usdPerMillion / 1e6, source: row.source };
}

/** Models priced per image; a model listed here with another size or quality is not guessed. */
export function isPerImageModel(model: string): boolean {
  return table.perImage.some((r) => same(r.model, model));
}

/** The `quality size` tiers a per-image model has rows for: `standard 512x512`. */
export function perImageTiers(model: string): string[] {
  return table.perImage.filter((r) => same(r.model, model)).map((r) => `${r.quality} ${r.size}`);
}

export function perImagePrice(model: string, size: string, quality: string): UnitPrice | undefined {
  const row = table.perImage.find((r) => same(r.model, model) && r.size === size && same(r.quality, quality));
  return row && { usd: row.usd, source: row.source };
}

/** A source's one per-image figure for a model billed by size and quality tier, the tier unstated: named, never priced. */
export function untieredImagePrice(model: string): (UnitPrice & { size: string }) | undefined {
  const row = table.perImageUntiered.find((r) => same(r.model, model));
  return row && { usd: row.usd, size: row.size, source: row.source };
}

export type ImageQuality = 'low' | 'medium' | 'high';

export interface ImageTokens {
  tokens: Record<ImageQuality, number>;
  perPartialImage: number;
  source: string;
}

/** Output tokens of one image of a token-billed image model at a size, per quality. */
export function imageOutputTokens(model: string, size: string): ImageTokens | undefined {
  const row = table.imageOutputTokens.find((r) => same(r.model, model) && r.size === size);
  return row && { tokens: { low: row.low, medium: row.medium, high: row.high }, perPartialImage: row.perPartialImage, source: row.source };
}

export function hasImageTokenTable(model: string): boolean {
  return table.imageOutputTokens.some((r) => same(r.model, model));
}

/** USD per second of generated video at a size. */
export function perSecondPrice(model: string, size: string): UnitPrice | undefined {
  const row = table.perSecond.find((r) => same(r.model, model) && r.sizes.includes(size));
  return row && { usd: row.usd, source: row.source };
}

export function isPerSecondModel(model: string): boolean {
  return table.perSecond.some((r) => same(r.model, model));
}
