import * as path from 'node:path';
import {
  axolotlDatasets, distributedKeys, grpoGeneration, hfDatasets, launchGpus, maxSamples, objectiveFrom,
  torchtuneDatasets, torchtuneDevices, torchtuneNotTraining, torchtunePpo, type ConfigSource,
} from './configRuns';
import { at, isObject, positive, readOr, text, type ConfigObject, type TrainingMethod, type TrainingPlan } from './trainingPlan';

/** TRL's default `max_length` for SFT; plain TrainingArguments has no sequence length. */
const TRL_DEFAULT_SEQ_LEN = 1024;
/** Axolotl's default `sequence_len`. */
const AXOLOTL_DEFAULT_SEQ_LEN = 2048;

const HF_KEYS = ['per_device_train_batch_size', 'gradient_accumulation_steps', 'num_train_epochs', 'max_steps', 'learning_rate', 'output_dir'];
/**
 * TrainingArguments fields beyond HF_KEYS: a config with a model and a dataset but none of these
 * (only generation settings, reward functions, filter thresholds) generates or evaluates, it does not train.
 */
const TRAINING_ARG_KEYS = [
  ...HF_KEYS, 'lr_scheduler_type', 'warmup_ratio', 'warmup_steps', 'weight_decay', 'optim', 'bf16', 'fp16', 'gradient_checkpointing',
  'max_grad_norm', 'logging_steps', 'save_strategy', 'save_steps', 'eval_strategy', 'report_to', 'push_to_hub', 'hub_model_id', 'use_peft', 'lora_r', 'seed',
];

/**
 * Recognises the framework of a parsed config, or undefined when it is no training config
 * (including torchtune's generation, evaluation and quantization configs). `source` adds what
 * only the file name or its comments say: `_single_device`, `config_dpo.yaml`, a launch command.
 */
export function planFromConfig(o: ConfigObject, source?: ConfigSource): TrainingPlan | undefined {
  const plan = familyPlan(o, source);
  if (!plan) return undefined;
  plan.gpus ??= launchGpus(source);
  if (!plan.gpus) plan.distributed ??= distributedKeys(o);
  return plan;
}

function familyPlan(o: ConfigObject, source: ConfigSource | undefined): TrainingPlan | undefined {
  if (/^torchtune\./.test(String(at(o, 'model._component_') ?? at(o, 'policy_model._component_') ?? ''))) {
    return torchtuneNotTraining(o) ? undefined : torchtune(o, source);
  }
  if (o.base_model !== undefined && ['micro_batch_size', 'sequence_len', 'adapter', 'datasets', 'num_epochs'].some((k) => k in o)) return axolotl(o, source);
  if (isObject(o.trainer) && ['devices', 'max_steps', 'max_epochs', 'num_nodes', 'accelerator', 'precision'].some((k) => k in (o.trainer as ConfigObject))) return lightning(o);
  if ('zero_optimization' in o || 'train_micro_batch_size_per_gpu' in o) return deepspeed(o);
  // TRL's CLI configs may name the model, the dataset and a setting or two, every other setting at its default.
  const trlCli = 'model_name_or_path' in o && 'dataset_name' in o && TRAINING_ARG_KEYS.some((k) => k in o);
  if (HF_KEYS.filter((k) => k in o).length >= 2 || 'per_device_train_batch_size' in o || trlCli) {
    return huggingFace(o, 'Hugging Face TrainingArguments', source && path.relative(path.dirname(path.dirname(source.file)), source.file));
  }
  return undefined;
}

function method(o: ConfigObject, hint = ''): TrainingMethod {
  const adapter = String(o.adapter ?? o.peft_type ?? '').toLowerCase();
  const fourBit = o.load_in_4bit === true || o.quantization === '4bit' || /qlora/i.test(hint) || adapter === 'qlora';
  if (fourBit && (adapter !== '' || o.use_peft === true || /lora/i.test(hint))) return 'qlora';
  if (adapter === 'lora' || o.use_peft === true || o.lora_r !== undefined || /lora/i.test(hint)) return 'lora';
  return 'full';
}

/**
 * TrainingArguments / TRL configs (JSON, YAML or the Python call's keywords). `where` (the
 * config's folder and name, `dpo/config_full.yaml`) tells the objective when the family does not.
 */
export function huggingFace(o: ConfigObject, family: string, where?: string): TrainingPlan {
  const notes: string[] = [];
  const objective = objectiveFrom(family, where);
  const trl = /SFT|DPO|ORPO|GRPO|KTO|Reward|TRL/i.test(family) || 'max_seq_length' in o || 'dataset_text_field' in o;
  const seq = positive(o, ['max_seq_length', 'max_length', 'model_max_length', 'block_size'], notes);
  const maxSteps = positive(o, ['max_steps'], notes);
  return {
    family,
    model: text(o, ['model_name_or_path', 'model_id', 'model_name', 'base_model', 'model']),
    method: method(o),
    perDeviceBatch: readOr(o, ['per_device_train_batch_size'], 8, 'per-device batch', notes),
    gradAccum: readOr(o, ['gradient_accumulation_steps'], 1, 'gradient accumulation', notes),
    maxSteps: maxSteps?.value,
    epochs: readOr(o, ['num_train_epochs'], 3, 'epochs', notes),
    seqLen: seq
      ? { value: seq.value, note: `${seq.key} = ${seq.value}` }
      : trl ? { value: TRL_DEFAULT_SEQ_LEN, note: `sequence length ${TRL_DEFAULT_SEQ_LEN} (TRL's default max_length; not set)` } : undefined,
    datasets: hfDatasets(o),
    maxSamples: maxSamples(o, notes),
    objective,
    generation: objective === 'grpo' || objective === 'rloo' ? grpoGeneration(o, notes) : undefined,
    notes,
  };
}

function axolotl(o: ConfigObject, source: ConfigSource | undefined): TrainingPlan {
  const notes: string[] = [];
  // `rl: ebft` runs GRPO's loss when `loss_type: grpo` says so.
  const objective = objectiveFrom(typeof o.rl === 'string' ? o.rl : undefined, typeof o.loss_type === 'string' ? o.loss_type : undefined)
    ?? (o.rl ? undefined : objectiveFrom(source && path.basename(source.file)));
  return {
    family: 'Axolotl',
    model: text(o, ['base_model']),
    method: method(o),
    perDeviceBatch: readOr(o, ['micro_batch_size'], 1, 'micro batch', notes),
    gradAccum: readOr(o, ['gradient_accumulation_steps'], 1, 'gradient accumulation', notes),
    maxSteps: positive(o, ['max_steps'], notes)?.value,
    epochs: readOr(o, ['num_epochs'], 1, 'epochs', notes),
    seqLen: readOr(o, ['sequence_len'], AXOLOTL_DEFAULT_SEQ_LEN, 'sequence length', notes),
    datasets: axolotlDatasets(o),
    maxSamples: maxSamples(o, notes),
    objective,
    generation: objective === 'grpo' || objective === 'rloo' ? grpoGeneration(o, notes) : undefined,
    notes: o.sample_packing === true ? [...notes, 'sample_packing: sequences are packed, so every step carries sequence_len tokens per sample'] : notes,
  };
}

function torchtune(o: ConfigObject, source: ConfigSource | undefined): TrainingPlan {
  const notes: string[] = [];
  const component = String(at(o, 'model._component_') ?? at(o, 'policy_model._component_'));
  const objective = objectiveFrom(source && path.basename(source.file)) ?? ('grpo_samples' in o ? 'grpo' : undefined);
  const ppo = objective === 'ppo' ? torchtunePpo(o, notes) : undefined;
  // The GRPO recipe bounds the run by `num_steps` steps of `batch_size` prompts.
  const numSteps = ppo ? ppo.maxSteps : positive(o, ['num_steps'], notes)?.value;
  const grpo = objective === 'grpo' ? grpoGeneration(o, notes) : undefined;
  const stepsPerEpoch = positive(o, ['max_steps_per_epoch'], notes)?.value;
  const epochs = readOr(o, ['epochs'], 1, 'epochs', notes);
  return {
    family: 'torchtune',
    model: component.split('.').pop(),
    method: method(o, component),
    perDeviceBatch: readOr(o, ['batch_size'], undefined, 'batch', notes),
    gradAccum: readOr(o, ['gradient_accumulation_steps'], 1, 'gradient accumulation', notes),
    maxSteps: numSteps ?? (stepsPerEpoch && epochs ? stepsPerEpoch * epochs.value : undefined),
    epochs,
    seqLen: readOr(o, ['tokenizer.max_seq_len', 'max_seq_len'], undefined, 'sequence length', notes),
    datasets: torchtuneDatasets(o),
    objective,
    generation: ppo?.generation ?? (grpo && { ...grpo, batchOfPrompts: true }),
    ...torchtuneDevices(source),
    notes,
  };
}

function lightning(o: ConfigObject): TrainingPlan {
  const notes: string[] = [];
  const devices = positive(o, ['trainer.devices'], notes);
  const nodes = positive(o, ['trainer.num_nodes'], notes)?.value ?? 1;
  const devicesList = at(o, 'trainer.devices');
  const count = devices?.value ?? (Array.isArray(devicesList) ? devicesList.length : undefined);
  return {
    family: 'Lightning CLI',
    model: text(o, ['model.init_args.model_name_or_path', 'model.init_args.model_name', 'model.init_args.pretrained_model_name_or_path', 'model.model_name']),
    method: 'full',
    perDeviceBatch: readOr(o, ['data.init_args.batch_size', 'data.batch_size'], undefined, 'batch', notes),
    gradAccum: readOr(o, ['trainer.accumulate_grad_batches'], 1, 'gradient accumulation', notes),
    maxSteps: positive(o, ['trainer.max_steps'], notes)?.value,
    epochs: readOr(o, ['trainer.max_epochs'], undefined, 'epochs', notes),
    seqLen: readOr(o, ['data.init_args.max_length', 'data.init_args.seq_len', 'data.init_args.block_size', 'model.init_args.block_size'], undefined, 'sequence length', notes),
    gpus: count ? { value: count * nodes, note: `${count} devices × ${nodes} node${nodes > 1 ? 's' : ''} from trainer` } : undefined,
    notes,
  };
}

function deepspeed(o: ConfigObject): TrainingPlan {
  const notes: string[] = [];
  return {
    family: 'DeepSpeed',
    method: 'full',
    perDeviceBatch: readOr(o, ['train_micro_batch_size_per_gpu'], undefined, 'micro batch', notes),
    gradAccum: readOr(o, ['gradient_accumulation_steps'], 1, 'gradient accumulation', notes),
    notes: [...notes, 'a DeepSpeed config names no model or step count; the launcher script does'],
  };
}
