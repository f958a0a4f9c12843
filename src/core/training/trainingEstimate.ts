import type { PriceCatalog } from '../catalog/catalog';
import type { EngineOptions } from '../config/engineOptions';
import type { TrainingRunOverride } from '../config/sections/training';
import { round } from '../estimate/instanceEstimate';
import type { CostItem, SourceRange, TrainingFigures } from '../model';
import { EMPTY_ESTIMATE } from '../model';
import { formatParams, modelSizeFromName } from './modelSizes';
import { runTokens } from './runTokens';
import { gpuCount, hardware } from './trainingHardware';
import { passes } from './trainingPasses';
import type { TrainingPlan } from './trainingPlan';

export const DEFAULT_MFU = 0.4;
/** The range shown next to the estimate: typical well-tuned to modest utilisation. */
export const MFU_RANGE = [0.3, 0.5] as const;

export interface RunContext {
  file: string;
  /** The `.finops.yml` key: the workspace-relative config path. */
  key: string;
  range: SourceRange;
  options: EngineOptions;
  catalog: PriceCatalog;
}

/** GPUs × hours × price for one run, with the MFU range and every assumption. */
export function estimateTrainingRun(plan: TrainingPlan, ctx: RunContext): CostItem {
  const override: TrainingRunOverride = ctx.options.ml?.training.runs[ctx.key] ?? {};
  const notes = [`${plan.family} config`, ...plan.notes];
  const base: CostItem = {
    file: ctx.file, range: ctx.range, kind: 'training-run', resource: `${plan.family} run${plan.model ? ` (${plan.model})` : ''}`,
    provider: 'other', region: null, sku: null, quantity: 1, pricing: 'on-demand', accelerators: null, tags: {},
    estimate: EMPTY_ESTIMATE, assumptions: notes,
  };
  const size = parameters(plan, override, notes);
  if (!size) {
    // The GPU count does not depend on the model, so tools still get it.
    const gpu = override.gpu ?? plan.gpuType?.value;
    return {
      ...base,
      training: { gpus: gpuCount(plan, override, notes), ...(gpu ? { gpu } : {}) },
      unpricedReason: `model size unknown${plan.model ? ` for ${plan.model}` : ''}: set training.runs."${ctx.key}".parameters in .finops.yml`,
    };
  }

  const hw = hardware(plan, override, size.total, ctx, notes);
  if ('reason' in hw) return { ...base, unpricedReason: hw.reason };
  const p = passes(plan);
  const run = runTokens(plan, override, hw.gpus, p, ctx.key, notes);
  const mfu = ctx.options.ml?.training.mfu ?? DEFAULT_MFU;
  /** Wall-clock hours for `tokens` at utilisation `m`. */
  const hours = (tokens: number, m: number) => (p.factor * size.active * tokens) / (hw.gpus * hw.peak * m) / 3600;
  const figures: TrainingFigures = { activeParamsB: round(size.active / 1e9, 3), totalParamsB: round(size.total / 1e9, 3), gpus: hw.gpus, gpu: hw.gpu, tokens: run.tokens };
  const priced = { ...base, sku: hw.gpu, quantity: hw.gpus, accelerators: { name: hw.gpu, count: hw.gpus }, assumptions: notes, training: figures };
  notes.push(`FLOPs per token ≈ ${p.factor}·N (${p.note})`, hw.peakNote, `MFU ${mfu}${ctx.options.ml?.training.mfu !== undefined ? ' from .finops.yml' : ' (default; set training.mfu in .finops.yml)'}`);
  const price = hw.price;
  if (!price) return { ...priced, unpricedReason: `no price for ${hw.gpu}: add rates.gpuHour.${hw.gpu} to .finops.yml` };
  notes.push(price.note);
  const cost = (tokens: number, m: number) => hw.gpus * hours(tokens, m) * price.usd;
  figures.per100MTokensUsd = round(cost(1e8, mfu), 2);
  if (run.epochTokens) figures.perEpochUsd = round(cost(run.epochTokens, mfu), 2);
  const common = {
    ...priced,
    provider: price.offer?.cloud ?? 'other',
    region: price.offer?.region ?? null,
    priceSource: price.offer ? ctx.catalog.priceSource(price.offer) : { label: '.finops.yml rates' },
  } satisfies CostItem;
  const hourlyUsd = round(hw.gpus * price.usd, 4);
  if (run.tokens === undefined) return perTokenOnly(common, hourlyUsd, figures, run.epochOfMillion === true, run.missing ?? 'tokens per run unknown');
  const tokens = run.tokens;
  notes.push(`FLOPs ≈ ${p.factor} × ${formatParams(size.active)} × ${tokens.toExponential(3)} tokens = ${(p.factor * size.active * tokens).toExponential(3)}`);
  notes.push(`${round(hours(tokens, mfu), 2)} h wall time on ${hw.gpus}× ${hw.gpu} = ${round(hw.gpus * hours(tokens, mfu), 1)} GPU-hours`);
  notes.push(`range ${usd(cost(tokens, MFU_RANGE[1]))} (MFU ${MFU_RANGE[1]}, ${round(hours(tokens, MFU_RANGE[1]), 1)} h) to ${usd(cost(tokens, MFU_RANGE[0]))} (MFU ${MFU_RANGE[0]}, ${round(hours(tokens, MFU_RANGE[0]), 1)} h)`);
  return { ...common, estimate: { hourlyUsd, monthlyUsd: null, perRunUsd: round(cost(tokens, mfu), 2), perCallUsd: null } };
}

/**
 * A run whose length the config does not give: the hardware's hourly rate, and in the title and
 * assumptions what 100M tokens and one epoch (of 1M samples when the dataset is unknown) cost.
 */
function perTokenOnly(item: CostItem, hourlyUsd: number, f: TrainingFigures, epochOfMillion: boolean, missing: string): CostItem {
  const per100M = `${usd(f.per100MTokensUsd ?? 0)} per 100M tokens`;
  const perEpoch = f.perEpochUsd === undefined ? '' : `, ${usd(f.perEpochUsd)} per epoch${epochOfMillion ? ' of 1M samples' : ''}`;
  return {
    ...item,
    summary: `${f.gpus}× ${f.gpu}: ${per100M}${perEpoch}`,
    estimate: { hourlyUsd, monthlyUsd: null, perRunUsd: null, perCallUsd: null },
    assumptions: [...item.assumptions, `${per100M}${perEpoch} on ${f.gpus}× ${f.gpu}; no per-run figure: ${missing}`],
  };
}

function usd(n: number): string {
  return `$${n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2)}`;
}

function parameters(plan: TrainingPlan, override: TrainingRunOverride, notes: string[]): { active: number; total: number } | undefined {
  if (override.parameters) {
    notes.push(`${formatParams(override.parameters)} parameters from .finops.yml`);
    return { active: override.parameters, total: override.parameters };
  }
  const size = plan.model ? modelSizeFromName(plan.model) : undefined;
  if (!size) return undefined;
  notes.push(size.note);
  return { active: size.parameters, total: size.totalParameters };
}

