import { KNOWN_MODELS } from './modelTable';

const B = 1e9;
const M = 1e6;

export interface ModelSize {
  /** Parameters that each token passes through (active parameters for mixture-of-experts). */
  parameters: number;
  /** All parameters, for memory; equals `parameters` for dense models. */
  totalParameters: number;
  note: string;
}

/**
 * `meta-llama/Llama-3.1-8B-Instruct` → 8.03B; torchtune's `qwen2_5_1_5b` → 1.5B; `Qwen/Qwen3-30B-A3B`
 * → 3B active of 30B; `my-org/foo-7b` → 7B from the name; else undefined.
 */
export function modelSizeFromName(name: string): ModelSize | undefined {
  const key = normalise(name);
  const known = KNOWN_MODELS.find((k) => k.pattern.test(key));
  if (known) {
    return {
      parameters: known.parameters,
      totalParameters: known.totalParameters ?? known.parameters,
      note: `${formatParams(known.parameters)} parameters: ${known.label} (from the model name; ${known.source})`,
    };
  }
  const active = /(\d+(?:\.\d+)?)b-a(\d+(?:\.\d+)?)b(?![a-z0-9])/.exec(key);
  if (active) {
    const total = Number(active[1]) * B;
    const parameters = Number(active[2]) * B;
    return { parameters, totalParameters: total, note: `${formatParams(parameters)} active of ${formatParams(total)} parameters read from "${active[1]}B-A${active[2]}B" in the model name (mixture of experts: FLOPs follow the active parameters)` };
  }
  const moe = /(\d+)x(\d+(?:\.\d+)?)b\b/.exec(key);
  if (moe) return undefined; // An unknown mixture of experts: total × experts would overstate the FLOPs.
  const m = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)([bm])(?![a-z0-9])/.exec(key);
  if (!m) return undefined;
  const parameters = Number(m[1]) * (m[2] === 'b' ? B : M);
  return { parameters, totalParameters: parameters, note: `${formatParams(parameters)} parameters read from "${m[1]}${m[2].toUpperCase()}" in the model name` };
}

/**
 * Minor versions torchtune's builders write with `_` (`llama3_1_8b`, `qwen2_5_7b`); listed,
 * because `qwen3_0_6b` is Qwen3 0.6B, not a Qwen 3.0, and `qwen2_1_5b` is Qwen2 1.5B.
 */
const VERSIONED = /(llama-?3)_([1-3])(?=_)|(qwen2|qwen1|phi3)_(5)(?=_)/;

/**
 * Lower case, torchtune's `_`-separated versions and decimal sizes as the Hub writes them
 * (`qwen2_5_1_5b` → `qwen2.5-1.5b`, `qwen3_0_6b` → `qwen3-0.6b`), then `_` as `-`.
 */
function normalise(name: string): string {
  let key = name.toLowerCase();
  const version = VERSIONED.exec(key);
  if (version) key = key.slice(0, version.index) + `${version[1] ?? version[3]}.${version[2] ?? version[4]}` + key.slice(version.index + version[0].length);
  key = key.replace(/(^|[-_])(\d+)_(\d+)([bm])(?![a-z0-9])/g, '$1$2.$3$4');
  return key.replace(/_/g, '-');
}

export function formatParams(n: number): string {
  return n >= B ? `${Number((n / B).toFixed(2))}B` : `${Number((n / M).toFixed(0))}M`;
}
