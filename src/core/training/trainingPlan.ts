import { Unresolved } from '../parsing/source/sourceValue';

export type TrainingMethod = 'full' | 'lora' | 'qlora';

/**
 * What the run optimises, for the forward passes beyond the trained model's own: preference
 * methods score chosen and rejected answers (and DPO a frozen reference), GRPO/PPO generate.
 */
export type TrainingObjective = 'sft' | 'dpo' | 'orpo' | 'kto' | 'grpo' | 'rloo' | 'ppo' | 'reward';

/** A dataset a config trains on, as written (`tatsu-lab/alpaca`, a torchtune builder). */
export interface DatasetRef {
  id: string;
  split?: string;
  /** Share of the dataset used, from a mixture's weight (1 = all of it). */
  fraction?: number;
}

/** A value read from a config, with what the reader should know about it. */
export interface Read<T> {
  value: T;
  note: string;
}

/** What one training config says about its run, normalised across frameworks. */
export interface TrainingPlan {
  /** `Axolotl`, `Hugging Face TrainingArguments`, `torchtune`, `Lightning CLI`, `DeepSpeed`. */
  family: string;
  model?: string;
  method: TrainingMethod;
  perDeviceBatch?: Read<number>;
  gradAccum?: Read<number>;
  maxSteps?: number;
  epochs?: Read<number>;
  seqLen?: Read<number>;
  gpus?: Read<number>;
  gpuType?: Read<string>;
  /** Datasets the run reads; empty or absent when the config names none (or only local files). */
  datasets?: DatasetRef[];
  /** A cap on training samples (`max_samples`, `max_train_samples`). */
  maxSamples?: Read<number>;
  objective?: TrainingObjective;
  /** Completions generated per prompt and their length, for GRPO/PPO; `reference` when a KL term needs a reference model. */
  generation?: {
    perPrompt: Read<number>;
    tokens: Read<number>;
    reference?: boolean;
    /** The batch counts prompts, each yielding `perPrompt` completions (torchtune), not completions (TRL). */
    batchOfPrompts?: boolean;
  };
  /** Distributed settings the config has (`deepspeed`, `fsdp`, a distributed recipe), when it names no GPU count. */
  distributed?: string;
  notes: string[];
}

/** A parsed config (YAML/JSON) or a call's keyword arguments as a plain object. */
export type ConfigObject = { [key: string]: unknown };

export function isObject(v: unknown): v is ConfigObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unresolved);
}

/** `a.b.c` in a nested object. */
export function at(o: ConfigObject, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** The first of `keys` holding a positive number; `"auto"` and run-time values are noted, not guessed. */
export function positive(o: ConfigObject, keys: readonly string[], notes: string[]): { key: string; value: number } | undefined {
  for (const key of keys) {
    const v = at(o, key);
    if (v === undefined || v === null) continue;
    const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) return { key, value: n };
    if (v instanceof Unresolved) notes.push(`${key} ${v.reason}`);
    else if (v === 'auto') notes.push(`${key} is "auto" (set by the launcher at run time)`);
  }
  return undefined;
}

export function text(o: ConfigObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const v = at(o, key);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** A number from the config, or the framework's default, saying which. */
export function readOr(o: ConfigObject, keys: readonly string[], fallback: number | undefined, what: string, notes: string[]): Read<number> | undefined {
  const found = positive(o, keys, notes);
  if (found) return { value: found.value, note: `${found.key} = ${found.value}` };
  return fallback === undefined ? undefined : { value: fallback, note: `${what} ${fallback} (framework default; not set)` };
}
