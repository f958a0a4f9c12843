/**
 * Token counts with OpenAI's o200k encoding (GPT-4o and later). Other vendors' tokenizers
 * differ by some percent, so their counts are labelled approximate by the caller.
 */
type Counter = (text: string) => number;

let counter: Counter | undefined;

export function countTokens(text: string): number {
  if (text === '') return 0;
  // Loaded on first use: the encoding's tables are large and most documents never need them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  counter ??= (require('gpt-tokenizer/encoding/o200k_base') as { countTokens: Counter }).countTokens;
  return counter(text);
}
