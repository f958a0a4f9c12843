/**
 * Token counts with OpenAI's o200k encoding (GPT-4o and later). Other vendors' tokenizers
 * differ by some percent, so their counts are labelled approximate by the caller.
 */
type Counter = (text: string) => number;

let counter: Counter | undefined;

/** Prompts repeat across a file's calls and across edits; long texts are counted each time rather than kept. */
const counted = new Map<string, number>();
const MAX_CACHED = 1_000;
const MAX_CACHED_CHARS = 10_000;

export function countTokens(text: string): number {
  if (text === '') return 0;
  const hit = counted.get(text);
  if (hit !== undefined) return hit;
  const n = encode(text);
  if (text.length <= MAX_CACHED_CHARS) {
    if (counted.size >= MAX_CACHED) counted.clear();
    counted.set(text, n);
  }
  return n;
}

function encode(text: string): number {
  // Loaded on first use: the encoding's tables are large and most documents never need them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  counter ??= (require('gpt-tokenizer/encoding/o200k_base') as { countTokens: Counter }).countTokens;
  return counter(text);
}
