import * as path from 'node:path';
import { at, isObject, positive, type ConfigObject, type DatasetRef, type Read, type TrainingObjective, type TrainingPlan } from './trainingPlan';

/** The config file and its text, for what only the file name or its comments say. */
export interface ConfigSource {
  file: string;
  text: string;
}

/** TRL's `GRPOConfig` defaults (trl/trainer/grpo_config.py): 8 completions per prompt, up to 512 tokens each. */
const TRL_GRPO_GENERATIONS = 8;
const TRL_GRPO_COMPLETION_TOKENS = 512;

const OBJECTIVES: readonly TrainingObjective[] = ['grpo', 'rloo', 'ppo', 'orpo', 'kto', 'dpo', 'reward'];

/** The objective a trainer name, `rl:` key or file path says (`config_dpo.yaml`, `8B_lora_dpo.yaml`, `DPOConfig`). */
export function objectiveFrom(...hints: (string | undefined)[]): TrainingObjective | undefined {
  for (const hint of hints) {
    if (!hint) continue;
    const words = hint.toLowerCase().split(/[^a-z0-9]+/);
    const found = OBJECTIVES.find((o) => words.some((w) => w === o || w.endsWith(`${o}config`) || w.endsWith(`${o}trainer`)));
    if (found) return found;
  }
  return undefined;
}

/** Hugging Face Hub datasets named by HF/TRL and alignment-handbook configs. */
export function hfDatasets(o: ConfigObject): DatasetRef[] {
  const mixture = at(o, 'dataset_mixture.datasets');
  if (Array.isArray(mixture)) {
    return mixture.filter(isObject).filter((d) => typeof d.id === 'string').map((d) => ({
      id: String(d.id),
      split: typeof d.split === 'string' ? d.split : undefined,
      fraction: typeof d.weight === 'number' && d.weight > 0 && d.weight < 1 ? d.weight : undefined,
    }));
  }
  if (isObject(o.dataset_mixer)) {
    return Object.entries(o.dataset_mixer).map(([id, w]) => ({ id, fraction: typeof w === 'number' && w > 0 && w < 1 ? w : undefined }));
  }
  const split = typeof o.dataset_train_split === 'string' ? o.dataset_train_split : undefined;
  return typeof o.dataset_name === 'string' ? [{ id: o.dataset_name, split }] : [];
}

/** Axolotl `datasets:` entries with a Hub `path` (local files are not sized). */
export function axolotlDatasets(o: ConfigObject): DatasetRef[] {
  const list = Array.isArray(o.datasets) ? o.datasets : [];
  return list.filter(isObject).filter((d) => typeof d.path === 'string').map((d) => ({
    id: String(d.path),
    split: typeof d.split === 'string' ? d.split : undefined,
  }));
}

/** torchtune `dataset:` (one or a list): the Hub `source` of a generic builder, else the builder itself. */
export function torchtuneDatasets(o: ConfigObject): DatasetRef[] {
  const list = Array.isArray(o.dataset) ? o.dataset : [o.dataset];
  return list.filter(isObject).map((d) => ({
    id: typeof d.source === 'string' ? d.source : String(d._component_ ?? ''),
    split: typeof d.split === 'string' ? d.split : undefined,
  })).filter((d) => d.id !== '');
}

export function maxSamples(o: ConfigObject, notes: string[]): Read<number> | undefined {
  const found = positive(o, ['max_samples', 'max_train_samples'], notes);
  return found && { value: found.value, note: `${found.key} = ${found.value}` };
}

/**
 * Completions per prompt and their length for GRPO, from the config or TRL's defaults; a
 * reference model only with a KL term (`beta` > 0; TRL's default beta is 0.0).
 */
export function grpoGeneration(o: ConfigObject, notes: string[]): TrainingPlan['generation'] {
  const n = positive(o, ['num_generations', 'grpo_samples', 'trl.num_generations'], notes);
  const len = positive(o, ['max_completion_length', 'max_generated_tokens', 'trl.max_completion_length'], notes);
  const beta = positive(o, ['beta', 'trl.beta', 'kl_coeff', 'loss.kl_coeff'], notes);
  return {
    reference: beta !== undefined,
    perPrompt: n ? { value: n.value, note: `${n.key} = ${n.value}` } : { value: TRL_GRPO_GENERATIONS, note: `${TRL_GRPO_GENERATIONS} completions per prompt (TRL's default num_generations; not set)` },
    tokens: len ? { value: len.value, note: `${len.key} = ${len.value}` } : { value: TRL_GRPO_COMPLETION_TOKENS, note: `completions up to ${TRL_GRPO_COMPLETION_TOKENS} tokens (TRL's default max_completion_length; not set)` },
  };
}

/**
 * torchtune's PPO recipe: one completion of `max_generated_tokens` per prompt, and `num_steps`
 * counts trajectories (the recipe runs num_steps ÷ batch_size steps).
 */
export function torchtunePpo(o: ConfigObject, notes: string[]): { generation?: TrainingPlan['generation']; maxSteps?: number } {
  const len = positive(o, ['max_generated_tokens'], notes);
  const trajectories = positive(o, ['num_steps'], notes)?.value;
  const batch = positive(o, ['batch_size'], notes)?.value ?? 1;
  if (trajectories) notes.push(`num_steps = ${trajectories} trajectories ÷ batch_size ${batch} = ${Math.floor(trajectories / batch)} steps (torchtune's PPO recipe)`);
  return {
    generation: len ? { perPrompt: { value: 1, note: 'one completion per prompt (PPO)' }, tokens: { value: len.value, note: `${len.key} = ${len.value}` }, reference: true, batchOfPrompts: true } : undefined,
    maxSteps: trajectories ? Math.floor(trajectories / batch) : undefined,
  };
}

/** `deepspeed:`/`fsdp:` settings of HF and Axolotl configs, which mean a multi-GPU launch. */
export function distributedKeys(o: ConfigObject): string | undefined {
  if (o.deepspeed) return `deepspeed: ${typeof o.deepspeed === 'string' ? o.deepspeed : 'set'}`;
  const fsdp = o.fsdp ?? o.fsdp_config ?? o.fsdp_version;
  if (fsdp && !(Array.isArray(fsdp) && fsdp.length === 0)) return 'fsdp settings';
  return undefined;
}

/**
 * GPUs from a launch command in the config's comments (`tune run --nproc_per_node 2 ...`,
 * `accelerate launch --num_processes 8 ...`), as torchtune and Axolotl examples write them.
 */
export function launchGpus(source: ConfigSource | undefined): Read<number> | undefined {
  if (!source) return undefined;
  for (const line of source.text.split(/\r?\n/)) {
    if (!/^\s*#/.test(line) || !/(tune run|torchrun|accelerate launch|axolotl train)/.test(line)) continue;
    const perNode = /--(?:nproc[_-]per[_-]node|num[_-]processes)[= ](\d+)/.exec(line);
    if (!perNode && /tune run \S*single_device/.test(line)) return { value: 1, note: "1 GPU: the launch command in the config's comments runs a _single_device recipe" };
    if (!perNode) continue;
    const nodes = Number(/--(?:nnodes|num[_-]machines)[= ](\d+)/.exec(line)?.[1] ?? 1);
    const gpus = Number(perNode[1]) * nodes;
    return { value: gpus, note: `${gpus} GPUs from the launch command in the config's comments` };
  }
  return undefined;
}

/** torchtune's `_single_device` recipes run on one GPU; its other recipes are distributed. */
export function torchtuneDevices(source: ConfigSource | undefined): { gpus?: Read<number>; distributed?: string } {
  const name = source ? path.basename(source.file) : '';
  if (/single_device/.test(name)) return { gpus: { value: 1, note: '1 GPU (a torchtune _single_device recipe)' } };
  return { distributed: 'a torchtune distributed recipe (no _single_device in the file name)' };
}

/** torchtune generation, evaluation and post-training quantization configs train nothing. */
export function torchtuneNotTraining(o: ConfigObject): boolean {
  return !('optimizer' in o) && !('loss' in o) && !isObject(o.dataset) && !Array.isArray(o.dataset);
}
