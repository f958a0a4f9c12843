/**
 * Parameter counts of common open model families, for FLOPs when a config names a model
 * but not its size. Counts are from the models' cards/configs; mixture-of-experts models
 * list their active parameters per token, which is what the FLOPs depend on.
 */
interface KnownModel {
  pattern: RegExp;
  parameters: number;
  label: string;
  /** Total parameters of a mixture-of-experts model (memory), when they differ. */
  totalParameters?: number;
}

const B = 1e9;
const M = 1e6;

const KNOWN: readonly KnownModel[] = [
  { pattern: /mixtral-?8x7b/, parameters: 12.9 * B, totalParameters: 46.7 * B, label: 'Mixtral 8x7B (12.9B active of 46.7B)' },
  { pattern: /mixtral-?8x22b/, parameters: 39 * B, totalParameters: 141 * B, label: 'Mixtral 8x22B (39B active of 141B)' },
  { pattern: /llama-?2-?7b/, parameters: 6.74 * B, label: 'Llama 2 7B' },
  { pattern: /llama-?2-?13b/, parameters: 13.0 * B, label: 'Llama 2 13B' },
  { pattern: /llama-?2-?70b/, parameters: 69.0 * B, label: 'Llama 2 70B' },
  { pattern: /llama-?3(\.[0-9])?-?8b/, parameters: 8.03 * B, label: 'Llama 3 8B' },
  { pattern: /llama-?3(\.[0-9])?-?70b/, parameters: 70.6 * B, label: 'Llama 3 70B' },
  { pattern: /llama-?3(\.[0-9])?-?405b/, parameters: 405 * B, label: 'Llama 3.1 405B' },
  { pattern: /llama-?3\.2-?1b/, parameters: 1.24 * B, label: 'Llama 3.2 1B' },
  { pattern: /llama-?3\.2-?3b/, parameters: 3.21 * B, label: 'Llama 3.2 3B' },
  { pattern: /mistral-?7b/, parameters: 7.24 * B, label: 'Mistral 7B' },
  { pattern: /gemma-?2-?2b/, parameters: 2.61 * B, label: 'Gemma 2 2B' },
  { pattern: /gemma-?2-?9b/, parameters: 9.24 * B, label: 'Gemma 2 9B' },
  { pattern: /gemma-?2-?27b/, parameters: 27.2 * B, label: 'Gemma 2 27B' },
  { pattern: /gemma-?2b/, parameters: 2.51 * B, label: 'Gemma 2B' },
  { pattern: /gemma-?7b/, parameters: 8.54 * B, label: 'Gemma 7B' },
  { pattern: /phi-?1[._]5/, parameters: 1.42 * B, label: 'Phi-1.5' },
  { pattern: /phi-?2\b/, parameters: 2.78 * B, label: 'Phi-2' },
  { pattern: /phi-?3(\.5)?-?mini/, parameters: 3.82 * B, label: 'Phi-3 mini' },
  { pattern: /phi-?3-?small/, parameters: 7.39 * B, label: 'Phi-3 small' },
  { pattern: /phi-?3-?medium/, parameters: 14.0 * B, label: 'Phi-3 medium' },
  { pattern: /phi-?4\b/, parameters: 14.7 * B, label: 'Phi-4' },
  { pattern: /falcon-?7b/, parameters: 7.22 * B, label: 'Falcon 7B' },
  { pattern: /falcon-?40b/, parameters: 41.8 * B, label: 'Falcon 40B' },
  { pattern: /falcon-?180b/, parameters: 180 * B, label: 'Falcon 180B' },
  { pattern: /gpt-?2-?xl/, parameters: 1.56 * B, label: 'GPT-2 XL' },
  { pattern: /gpt-?2-?large/, parameters: 774 * M, label: 'GPT-2 large' },
  { pattern: /gpt-?2-?medium/, parameters: 355 * M, label: 'GPT-2 medium' },
  { pattern: /gpt-?2\b/, parameters: 124 * M, label: 'GPT-2 (124M)' },
  { pattern: /bert-?large/, parameters: 340 * M, label: 'BERT large' },
  { pattern: /bert-?base/, parameters: 110 * M, label: 'BERT base' },
  { pattern: /t5-?small/, parameters: 60 * M, label: 'T5 small' },
  { pattern: /t5-?base/, parameters: 220 * M, label: 'T5 base' },
  { pattern: /t5-?large/, parameters: 770 * M, label: 'T5 large' },
  { pattern: /t5-?(v1_1-)?xl\b|t5-?3b/, parameters: 3 * B, label: 'T5 3B' },
  { pattern: /t5-?(v1_1-)?xxl\b|t5-?11b/, parameters: 11 * B, label: 'T5 11B' },
];

export interface ModelSize {
  /** Parameters that each token passes through (active parameters for mixture-of-experts). */
  parameters: number;
  /** All parameters, for memory; equals `parameters` for dense models. */
  totalParameters: number;
  note: string;
}

/** `meta-llama/Llama-3.1-8B-Instruct` → 8.03B; `my-org/foo-7b` → 7B from the name; else undefined. */
export function modelSizeFromName(name: string): ModelSize | undefined {
  const key = name.toLowerCase().replace(/_/g, '-');
  const known = KNOWN.find((k) => k.pattern.test(key));
  if (known) {
    return { parameters: known.parameters, totalParameters: known.totalParameters ?? known.parameters, note: `${formatParams(known.parameters)} parameters: ${known.label} (from the model name)` };
  }
  const moe = /(\d+)x(\d+(?:\.\d+)?)b\b/.exec(key);
  if (moe) return undefined; // An unknown mixture of experts: total × experts would overstate the FLOPs.
  const m = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)([bm])(?![a-z0-9])/.exec(key);
  if (!m) return undefined;
  const parameters = Number(m[1]) * (m[2] === 'b' ? B : M);
  return { parameters, totalParameters: parameters, note: `${formatParams(parameters)} parameters read from "${m[1]}${m[2].toUpperCase()}" in the model name` };
}

export function formatParams(n: number): string {
  return n >= B ? `${Number((n / B).toFixed(2))}B` : `${Number((n / M).toFixed(0))}M`;
}
