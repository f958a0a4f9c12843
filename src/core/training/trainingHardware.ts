import type { TrainingRunOverride } from '../config/sections/training';
import { cheapestGpuFor, gpuHourPrice, largestGpu, peakFlops } from './gpuPricing';
import type { RunContext } from './trainingEstimate';
import type { TrainingMethod, TrainingPlan } from './trainingPlan';

/** GPU memory per parameter: bf16 weights + grads + fp32 Adam states (16 B) for full training. */
const BYTES_PER_PARAM: Record<TrainingMethod, number> = { full: 16, lora: 2, qlora: 0.55 };
/** Headroom for activations and buffers over the model state. */
const MEMORY_HEADROOM = 1.2;
/** GPUs assumed for a config with distributed settings but no count: one common 8-GPU node. */
export const ASSUMED_NODE_GPUS = 8;

export interface Hardware {
  gpu: string;
  gpus: number;
  peak: number;
  peakNote: string;
  price: ReturnType<typeof gpuHourPrice>;
}

/** GPU type and count: `.finops.yml`, the config (or a SkyPilot task), else the stated assumption. */
export function hardware(plan: TrainingPlan, override: TrainingRunOverride, totalParams: number, ctx: RunContext, notes: string[]): Hardware | { reason: string } {
  let gpu = override.gpu ?? plan.gpuType?.value;
  if (override.gpu) notes.push(`GPU ${override.gpu} from .finops.yml`);
  else if (plan.gpuType) notes.push(plan.gpuType.note);
  let gpus = gpuCount(plan, override, notes);
  const gib = (totalParams * BYTES_PER_PARAM[plan.method] * MEMORY_HEADROOM) / 2 ** 30;
  const stated = override.gpus ?? plan.gpus?.value;
  if (!gpu) {
    const largest = largestGpu(ctx.catalog);
    if (!largest) return { reason: 'no GPU with a price and a peak FLOP/s in the bundled catalog' };
    if (!stated) gpus = Math.max(gpus, atLeast(gib, largest.spec.memoryGib ?? 0, notes));
    const choice = cheapestGpuFor(ctx.catalog, gib / gpus);
    const memory = `${BYTES_PER_PARAM[plan.method]} B/parameter for ${plan.method} training + ${Math.round((MEMORY_HEADROOM - 1) * 100)}%, over ${gpus} GPU${gpus > 1 ? 's' : ''}`;
    if (choice) notes.push(`no GPU named: ${choice.spec.name} (from ${choice.offer.instanceType}) is the cheapest per FLOP with ≥ ${Math.round(gib / gpus)} GiB per GPU (${memory})`);
    else notes.push(`no GPU named: ${largest.spec.name}, the largest in the bundled catalog (${largest.spec.memoryGib} GiB), though the model state needs ≈${Math.round(gib / gpus)} GiB per GPU (${memory}): the run must offload or use a lower-memory optimizer`);
    gpu = (choice ?? largest).spec.name;
  }
  const peak = peakFlops(ctx.catalog.accelerator(gpu));
  if (!peak) return { reason: `no peak FLOP/s for GPU ${gpu} in the accelerator specs` };
  return { gpu, gpus, peak: peak.flops, peakNote: peak.note, price: gpuHourPrice(ctx.catalog, gpu, ctx.options.ml?.rates) };
}

/** GPUs: `.finops.yml`, the config, else 8 for distributed settings or 1, each said in `notes`. */
export function gpuCount(plan: TrainingPlan, override: TrainingRunOverride, notes: string[]): number {
  if (override.gpus) {
    notes.push(`${override.gpus} GPUs from .finops.yml`);
    return override.gpus;
  }
  if (plan.gpus) {
    notes.push(plan.gpus.note);
    return plan.gpus.value;
  }
  if (plan.distributed) {
    notes.push(`${ASSUMED_NODE_GPUS} GPUs assumed (one 8-GPU node): the config has ${plan.distributed} but no GPU count; set training.runs.<config>.gpus`);
    return ASSUMED_NODE_GPUS;
  }
  notes.push('1 GPU: the config has no distributed settings (set training.runs.<config>.gpus for more)');
  return 1;
}

/** The fewest GPUs (a power of two, as launches use) whose memory holds a model state too large for one. */
function atLeast(gib: number, largest: number, notes: string[]): number {
  if (largest <= 0 || gib <= largest) return 1;
  let n = 2;
  while (n * largest < gib) n *= 2;
  notes.push(`${n} GPUs at least: the model state (${Math.round(gib)} GiB) does not fit on one GPU of ${Math.round(largest)} GiB`);
  return n;
}
