import type { TrainingRunOverride } from '../config/sections/training';
import { datasetSize } from './datasets';
import type { Passes } from './trainingPasses';
import type { TrainingPlan } from './trainingPlan';

/** Tokens of one run, or what is missing; `epochTokens` for one pass over the data (or over 1M samples). */
export interface RunTokens {
  tokens?: number;
  epochTokens?: number;
  /** Whether `epochTokens` is one epoch of 1M samples, the dataset's size being unknown. */
  epochOfMillion?: boolean;
  /** The input that would give `tokens`, named for the reader. */
  missing?: string;
}

const MILLION_SAMPLES = 1e6;
/** Splits that hold evaluation data, which a training epoch does not pass over. */
const EVAL_SPLIT = /^(test|valid|validation|eval|dev)(_|$)/i;

/** Tokens per sample: the completion length for GRPO/PPO, else the sequence length; × sequences per sample. */
function sampleTokens(plan: TrainingPlan, p: Passes): { value: number; note: string } | undefined {
  const base = plan.generation ? plan.generation.tokens : plan.seqLen;
  if (!base) return undefined;
  return p.sequencesPerSample === 1 ? base : { value: base.value * p.sequencesPerSample, note: `${p.sequencesPerSample} sequences × ${base.note}` };
}

/** Tokens of one run: `.finops.yml`, else steps × global batch × sequence, else epochs × dataset tokens. */
export function runTokens(plan: TrainingPlan, override: TrainingRunOverride, gpus: number, p: Passes, key: string, notes: string[]): RunTokens {
  const perSample = sampleTokens(plan, p);
  const epochOfMillion = perSample ? MILLION_SAMPLES * perSample.value * (plan.generation?.perPrompt.value ?? 1) : undefined;
  if (override.tokens) {
    notes.push(`${override.tokens.toExponential(3)} tokens from .finops.yml`);
    return { tokens: override.tokens, epochTokens: epochOfMillion, epochOfMillion: epochOfMillion !== undefined };
  }
  const { perDeviceBatch: batch, gradAccum: accum } = plan;
  const data = datasetTokens(plan, perSample, notes);
  if (plan.maxSteps && batch && accum && perSample) {
    const completions = plan.generation?.batchOfPrompts ? plan.generation.perPrompt : undefined;
    const tokens = plan.maxSteps * batch.value * accum.value * gpus * (completions?.value ?? 1) * perSample.value;
    notes.push(`tokens = max_steps ${plan.maxSteps} × global batch ${batch.value * accum.value * gpus} (${batch.note}, ${accum.note}, ${gpus} GPUs)${completions ? ` × ${completions.note}` : ''} × ${perSample.note} = ${tokens.toExponential(3)}`);
    notes.push('sequences assumed full length (padding or shorter samples make a run cheaper)');
    return { tokens, ...epochOf(data, epochOfMillion) };
  }
  if (override.datasetTokens && plan.epochs) {
    const tokens = override.datasetTokens * plan.epochs.value;
    notes.push(`tokens = ${plan.epochs.note} × ${override.datasetTokens.toExponential(3)} dataset tokens from .finops.yml`);
    return { tokens, epochTokens: override.datasetTokens };
  }
  if (typeof data === 'number' && plan.epochs) {
    const tokens = data * plan.epochs.value;
    notes.push(`tokens = ${plan.epochs.note} × ${data.toExponential(3)} tokens per epoch = ${tokens.toExponential(3)}`);
    return { tokens, epochTokens: data };
  }
  const missing = typeof data === 'string' ? data : [!plan.maxSteps && 'max_steps', !batch && 'batch size', !perSample && 'sequence length'].filter(Boolean).join(', ');
  return {
    epochTokens: epochOfMillion,
    epochOfMillion: epochOfMillion !== undefined,
    missing: `tokens per run unknown (${missing || 'no step count'}): set training.runs."${key}".tokens or datasetTokens in .finops.yml`,
  };
}

function epochOf(data: number | string, epochOfMillion: number | undefined): Pick<RunTokens, 'epochTokens' | 'epochOfMillion'> {
  return typeof data === 'number' ? { epochTokens: data } : { epochTokens: epochOfMillion, epochOfMillion: epochOfMillion !== undefined };
}

/**
 * Tokens in one epoch from the bundled dataset table: rows (capped by `max_samples`) × tokens per
 * row (the table's estimate, at most the sequence length; without one, the sequence length, an
 * upper bound); or a sentence naming what is missing.
 */
function datasetTokens(plan: TrainingPlan, perSample: { value: number; note: string } | undefined, notes: string[]): number | string {
  const refs = (plan.datasets ?? []).filter((d) => !(d.split && EVAL_SPLIT.test(d.split)));
  if (refs.length === 0) return 'no Hugging Face dataset named in the config';
  const sizes = refs.map((r) => ({ ref: r, size: datasetSize(r) }));
  const unknown = sizes.filter((s) => !s.size).map((s) => s.ref.id);
  if (unknown.length > 0) return `dataset size unknown for ${unknown.join(', ')}: not in the bundled dataset table`;
  const seq = plan.seqLen?.value;
  let rows = 0;
  let tokens = 0;
  let bounded = false;
  const perPrompt = plan.generation?.perPrompt.value ?? 1;
  const grpo = plan.generation;
  for (const { size } of sizes) {
    if (!size) continue;
    rows += size.rows;
    notes.push(size.note);
    if (grpo && perSample) tokens += size.rows * perSample.value;
    else if (size.tokens !== undefined) tokens += seq ? Math.min(size.tokens, size.rows * seq) : size.tokens;
    else if (perSample) { tokens += size.rows * perSample.value; bounded = true; }
    else return `tokens per sample unknown for ${size.id} (no sequence length in the config, no token count in the dataset table)`;
  }
  const cap = plan.maxSamples && plan.maxSamples.value < rows ? plan.maxSamples.value / rows : 1;
  if (cap < 1) notes.push(`${plan.maxSamples?.note}: ${Math.round(cap * 100)}% of the ${rows.toLocaleString('en-US')} rows`);
  if (grpo) notes.push(`${perPrompt} completions per prompt (${plan.generation?.perPrompt.note}) × ${perSample?.note}; prompt tokens not counted`);
  if (bounded) notes.push(`rows × ${perSample?.note} per row: an upper bound (shorter samples make an epoch cheaper)`);
  return tokens * cap * perPrompt;
}
