import type { PriceCatalog } from '../catalog/catalog';
import type { EngineOptions } from '../config/engineOptions';
import type { TrainingRunOverride } from '../config/sections/training';
import { round } from '../estimate/instanceEstimate';
import type { CostItem, SourceRange } from '../model';
import { EMPTY_ESTIMATE } from '../model';
import { cheapestGpuFor, gpuHourPrice, peakFlops } from './gpuPricing';
import { formatParams, modelSizeFromName } from './modelSizes';
import type { TrainingMethod, TrainingPlan } from './trainingPlan';

export const DEFAULT_MFU = 0.4;
/** The range shown next to the estimate: typical well-tuned to modest utilisation. */
export const MFU_RANGE = [0.3, 0.5] as const;

/**
 * Training FLOPs per parameter per token. Full training: 2 forward + 4 backward (6·N·D,
 * Kaplan et al. 2020). LoRA/QLoRA skip the weight gradients of the frozen base (about a
 * third of the backward pass), leaving ≈4·N·D; QLoRA's 4-bit dequantisation adds time
 * that shows up as lower MFU, not more FLOPs.
 */
const FLOPS_FACTOR: Record<TrainingMethod, number> = { full: 6, lora: 4, qlora: 4 };

/** GPU memory per parameter: bf16 weights + grads + fp32 Adam states (16 B) for full training. */
const BYTES_PER_PARAM: Record<TrainingMethod, number> = { full: 16, lora: 2, qlora: 0.55 };
/** Headroom for activations and buffers over the model state. */
const MEMORY_HEADROOM = 1.2;

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
  if (!size) return { ...base, unpricedReason: `model size unknown${plan.model ? ` for ${plan.model}` : ''}: set training.runs."${ctx.key}".parameters in .finops.yml` };

  const hw = hardware(plan, override, size.total, ctx, notes);
  if ('reason' in hw) return { ...base, unpricedReason: hw.reason };
  const tokens = runTokens(plan, override, hw.gpus, ctx.key, notes);
  if (typeof tokens === 'string') return { ...base, sku: hw.gpu, quantity: hw.gpus, unpricedReason: tokens };

  const factor = FLOPS_FACTOR[plan.method];
  const flops = factor * size.active * tokens;
  notes.push(`FLOPs ≈ ${factor}·N·D = ${factor} × ${formatParams(size.active)} × ${tokens.toExponential(3)} tokens = ${flops.toExponential(3)}${plan.method === 'full' ? '' : ` (${plan.method}: frozen weights need no weight gradients)`}`);
  const mfu = ctx.options.ml?.training.mfu ?? DEFAULT_MFU;
  notes.push(hw.peakNote, `MFU ${mfu}${ctx.options.ml?.training.mfu !== undefined ? ' from .finops.yml' : ' (default; set training.mfu in .finops.yml)'}`);
  const hours = (m: number) => flops / (hw.gpus * hw.peak * m) / 3600;
  const gpuHours = hw.gpus * hours(mfu);
  const price = hw.price;
  notes.push(`${round(hours(mfu), 2)} h wall time on ${hw.gpus}× ${hw.gpu} = ${round(gpuHours, 1)} GPU-hours`);
  if (!price) return { ...base, sku: hw.gpu, quantity: hw.gpus, assumptions: notes, unpricedReason: `no price for ${hw.gpu}: add rates.gpuHour.${hw.gpu} to .finops.yml` };
  notes.push(price.note);
  const cost = (m: number) => hw.gpus * hours(m) * price.usd;
  notes.push(`range ${usd(cost(MFU_RANGE[1]))} (MFU ${MFU_RANGE[1]}, ${round(hours(MFU_RANGE[1]), 1)} h) to ${usd(cost(MFU_RANGE[0]))} (MFU ${MFU_RANGE[0]}, ${round(hours(MFU_RANGE[0]), 1)} h)`);
  return {
    ...base,
    provider: price.offer?.cloud ?? 'other',
    region: price.offer?.region ?? null,
    sku: hw.gpu,
    quantity: hw.gpus,
    accelerators: { name: hw.gpu, count: hw.gpus },
    estimate: { hourlyUsd: round(hw.gpus * price.usd, 4), monthlyUsd: null, perRunUsd: round(cost(mfu), 2), perCallUsd: null },
    assumptions: notes,
    priceSource: price.offer ? ctx.catalog.priceSource(price.offer) : { label: '.finops.yml rates' },
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

interface Hardware {
  gpu: string;
  gpus: number;
  peak: number;
  peakNote: string;
  price: ReturnType<typeof gpuHourPrice>;
}

function hardware(plan: TrainingPlan, override: TrainingRunOverride, totalParams: number, ctx: RunContext, notes: string[]): Hardware | { reason: string } {
  const rates = ctx.options.ml?.rates;
  let gpu = override.gpu ?? plan.gpuType?.value;
  let gpus = override.gpus ?? plan.gpus?.value;
  if (override.gpu) notes.push(`GPU ${override.gpu} from .finops.yml`);
  else if (plan.gpuType) notes.push(plan.gpuType.note);
  if (override.gpus) notes.push(`${override.gpus} GPUs from .finops.yml`);
  else if (plan.gpus) notes.push(plan.gpus.note);
  if (!gpu) {
    const gib = (totalParams * BYTES_PER_PARAM[plan.method] * MEMORY_HEADROOM) / 2 ** 30;
    const offer = cheapestGpuFor(ctx.catalog, gib);
    const spec = offer && ctx.catalog.acceleratorFor(offer);
    if (!offer?.accelerator || !spec) return { reason: `no GPU instance in the bundled catalog holds ${Math.round(gib)} GiB` };
    gpu = spec.name;
    gpus ??= offer.accelerator.count;
    notes.push(`no GPU named: ${offer.instanceType} (${offer.accelerator.count}× ${spec.name}) is the cheapest per FLOP with ≥ ${Math.round(gib)} GiB GPU memory (${BYTES_PER_PARAM[plan.method]} B/parameter for ${plan.method} training + ${Math.round((MEMORY_HEADROOM - 1) * 100)}%)`);
  }
  const peak = peakFlops(ctx.catalog.accelerator(gpu));
  if (!peak) return { reason: `no peak FLOP/s for GPU ${gpu} in the accelerator specs` };
  if (!gpus) {
    gpus = 1;
    notes.push('1 GPU (the config does not say how many; set training.runs.<config>.gpus)');
  }
  return { gpu, gpus, peak: peak.flops, peakNote: peak.note, price: gpuHourPrice(ctx.catalog, gpu, rates) };
}

/** Tokens of one run: `.finops.yml`, else steps × global batch × sequence, else epochs × dataset tokens. */
function runTokens(plan: TrainingPlan, override: TrainingRunOverride, gpus: number, key: string, notes: string[]): number | string {
  if (override.tokens) {
    notes.push(`${override.tokens.toExponential(3)} tokens from .finops.yml`);
    return override.tokens;
  }
  const { perDeviceBatch: batch, gradAccum: accum, seqLen } = plan;
  if (plan.maxSteps && batch && accum && seqLen) {
    const tokens = plan.maxSteps * batch.value * accum.value * gpus * seqLen.value;
    notes.push(`tokens = max_steps ${plan.maxSteps} × global batch ${batch.value * accum.value * gpus} (${batch.note}, ${accum.note}, ${gpus} GPUs) × ${seqLen.note} = ${tokens.toExponential(3)}`);
    notes.push('sequences assumed full length (padding or shorter samples make a run cheaper)');
    return tokens;
  }
  if (override.datasetTokens && plan.epochs) {
    const tokens = override.datasetTokens * plan.epochs.value;
    notes.push(`tokens = ${plan.epochs.note} × ${override.datasetTokens.toExponential(3)} dataset tokens from .finops.yml`);
    return tokens;
  }
  const missing = [!plan.maxSteps && 'max_steps', !batch && 'batch size', !seqLen && 'sequence length'].filter(Boolean).join(', ');
  return `tokens per run unknown (${missing || 'no step count'} not in the config): set training.runs."${key}".tokens or datasetTokens in .finops.yml`;
}
