import { at, isObject, positive, readOr, text, type ConfigObject, type TrainingMethod, type TrainingPlan } from './trainingPlan';

/** TRL's default `max_length` for SFT; plain TrainingArguments has no sequence length. */
const TRL_DEFAULT_SEQ_LEN = 1024;
/** Axolotl's default `sequence_len`. */
const AXOLOTL_DEFAULT_SEQ_LEN = 2048;

const HF_KEYS = ['per_device_train_batch_size', 'gradient_accumulation_steps', 'num_train_epochs', 'max_steps', 'learning_rate', 'output_dir'];

/** Recognises the framework of a parsed config, or undefined when it is no training config. */
export function planFromConfig(o: ConfigObject): TrainingPlan | undefined {
  if (typeof at(o, 'model._component_') === 'string' && String(at(o, 'model._component_')).startsWith('torchtune.')) return torchtune(o);
  if (o.base_model !== undefined && ['micro_batch_size', 'sequence_len', 'adapter', 'datasets', 'num_epochs'].some((k) => k in o)) return axolotl(o);
  if (isObject(o.trainer) && ['devices', 'max_steps', 'max_epochs', 'num_nodes', 'accelerator', 'precision'].some((k) => k in (o.trainer as ConfigObject))) return lightning(o);
  if ('zero_optimization' in o || 'train_micro_batch_size_per_gpu' in o) return deepspeed(o);
  if (HF_KEYS.filter((k) => k in o).length >= 2 || 'per_device_train_batch_size' in o) return huggingFace(o, 'Hugging Face TrainingArguments');
  return undefined;
}

function method(o: ConfigObject, hint = ''): TrainingMethod {
  const adapter = String(o.adapter ?? o.peft_type ?? '').toLowerCase();
  const fourBit = o.load_in_4bit === true || o.quantization === '4bit' || /qlora/i.test(hint) || adapter === 'qlora';
  if (fourBit && (adapter !== '' || o.use_peft === true || /lora/i.test(hint))) return 'qlora';
  if (adapter === 'lora' || o.use_peft === true || o.lora_r !== undefined || /lora/i.test(hint)) return 'lora';
  return 'full';
}

/** TrainingArguments / TRL configs (JSON, YAML or the Python call's keywords). */
export function huggingFace(o: ConfigObject, family: string): TrainingPlan {
  const notes: string[] = [];
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
    notes,
  };
}

function axolotl(o: ConfigObject): TrainingPlan {
  const notes: string[] = [];
  return {
    family: 'Axolotl',
    model: text(o, ['base_model']),
    method: method(o),
    perDeviceBatch: readOr(o, ['micro_batch_size'], 1, 'micro batch', notes),
    gradAccum: readOr(o, ['gradient_accumulation_steps'], 1, 'gradient accumulation', notes),
    maxSteps: positive(o, ['max_steps'], notes)?.value,
    epochs: readOr(o, ['num_epochs'], 1, 'epochs', notes),
    seqLen: readOr(o, ['sequence_len'], AXOLOTL_DEFAULT_SEQ_LEN, 'sequence length', notes),
    notes: o.sample_packing === true ? [...notes, 'sample_packing: sequences are packed, so every step carries sequence_len tokens per sample'] : notes,
  };
}

function torchtune(o: ConfigObject): TrainingPlan {
  const notes: string[] = [];
  const component = String(at(o, 'model._component_'));
  const stepsPerEpoch = positive(o, ['max_steps_per_epoch'], notes)?.value;
  const epochs = readOr(o, ['epochs'], 1, 'epochs', notes);
  return {
    family: 'torchtune',
    model: component.split('.').pop(),
    method: method(o, component),
    perDeviceBatch: readOr(o, ['batch_size'], undefined, 'batch', notes),
    gradAccum: readOr(o, ['gradient_accumulation_steps'], 1, 'gradient accumulation', notes),
    maxSteps: stepsPerEpoch && epochs ? stepsPerEpoch * epochs.value : undefined,
    epochs,
    seqLen: readOr(o, ['tokenizer.max_seq_len', 'max_seq_len'], undefined, 'sequence length', notes),
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
