import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Detector, DetectorContext, DocumentView } from '../types';
import type { CostItem, DetectionResult, SourceRange } from '../../model';
import { syntaxProblems, type SourceFile } from '../../parsing/source/callSites';
import { parsePython } from '../../parsing/source/pythonSource';
import { huggingFace, planFromConfig } from '../../training/configFamilies';
import { parseSbatch, slurmItem } from '../../training/slurm';
import { skyPilotResources } from '../../training/skypilot';
import { estimate } from '../../resources/costModel';
import { trainingRun } from '../../resources/training/trainingRun';
import { isObject, type ConfigObject, type DatasetRef, type TrainingPlan } from '../../training/trainingPlan';

const CONFIG = /\.(json|ya?ml)$/i;
const SCRIPT = /\.(sh|bash|sbatch|slurm|job)$/i;
/** Cheap content check before parsing a YAML/JSON file. */
const CONFIG_HINT = /model_name_or_path|per_device_train_batch_size|micro_batch_size|base_model|_component_|trainer|train_micro_batch_size_per_gpu|zero_optimization|num_train_epochs|gradient_accumulation_steps/;
const HF_CALLS = new Set(['TrainingArguments', 'Seq2SeqTrainingArguments', 'SFTConfig', 'DPOConfig', 'ORPOConfig', 'GRPOConfig', 'AsyncGRPOConfig', 'RLOOConfig', 'KTOConfig', 'RewardConfig']);

/** Training configs (HF/TRL, Axolotl, Lightning CLI, DeepSpeed, torchtune), SLURM scripts and TrainingArguments calls. */
export class TrainingDetector implements Detector {
  readonly id = 'training';
  readonly label = 'Training configs (Hugging Face, TRL, Axolotl, Lightning, DeepSpeed, torchtune) and SLURM scripts';

  matches(file: string, text?: string): boolean {
    if (path.basename(file) === '.finops.yml' || path.basename(file) === 'package.json') return false;
    if (CONFIG.test(file)) return true;
    if (SCRIPT.test(file)) return text === undefined || text.includes('#SBATCH');
    if (file.endsWith('.py')) return text === undefined || /TrainingArguments|\w+Config\(/.test(text);
    return false;
  }

  /** Below every manifest format: a Kubernetes job's arguments may name training options too. */
  classify(doc: DocumentView): number {
    return CONFIG.test(doc.file) && CONFIG_HINT.test(doc.text) ? 1 : 0;
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    if (SCRIPT.test(ctx.file)) {
      const job = parseSbatch(ctx.text);
      // A CPU-only job (a cron or housekeeping script) is not a training run: no GPUs, nothing this prices.
      return { items: job?.gpusPerNode ? [slurmItem(ctx.file, job, ctx.options, ctx.catalog)] : [], skipped: [] };
    }
    if (ctx.file.endsWith('.py') || ctx.language === 'python') return this.python(ctx);
    return this.config(ctx);
  }

  private async config(ctx: DetectorContext): Promise<DetectionResult> {
    // No training config nests deeply; a pathological file would make the YAML parser crawl.
    if (bracketDepth(ctx.text) > MAX_NESTING) {
      return { items: [], skipped: [{ file: ctx.file, message: `not read as a training config: brackets nested deeper than ${MAX_NESTING} levels` }] };
    }
    // YAML 1.2 reads JSON too; a multi-document file is read by its first document.
    const doc = parseAllDocuments(ctx.text)[0];
    if (!doc || !('errors' in doc)) return { items: [], skipped: [] };
    if (doc.errors.length > 0) {
      return { items: [], skipped: [{ file: ctx.file, message: `not read as a training config: ${doc.errors[0].message.split('\n')[0]}` }] };
    }
    let data: unknown;
    try {
      data = doc.toJS();
    } catch (e) {
      return { items: [], skipped: [{ file: ctx.file, message: `not read as a training config: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    if (!isObject(data)) return { items: [], skipped: [] };
    const plan = planFromConfig(data, { file: ctx.file, text: ctx.text });
    if (!plan) return { items: [], skipped: [] };
    await withSkyPilot(plan, ctx);
    const range: SourceRange = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
    return { items: [estimate(trainingRun, { plan, at: { file: ctx.file, key: key(ctx), range } }, ctx)], skipped: [] };
  }

  private async python(ctx: DetectorContext): Promise<DetectionResult> {
    const source = await parsePython(ctx.text);
    const items: CostItem[] = [];
    for (const call of source.calls) {
      if (!HF_CALLS.has(call.name)) continue;
      const args: ConfigObject = Object.fromEntries([...call.kwargs].map(([k, a]) => [k, a.value]));
      const model = modelOf(source);
      const plan = huggingFace(model && !('model_name_or_path' in args) ? { ...args, model_name_or_path: model } : args, `Hugging Face ${call.name}`);
      if (!plan.datasets?.length) plan.datasets = datasetsOf(source);
      await withSkyPilot(plan, ctx);
      items.push(estimate(trainingRun, { plan, at: { file: ctx.file, key: key(ctx), range: call.range } }, ctx));
    }
    return { items, skipped: syntaxProblems(ctx.file, source.errorLines) };
  }
}

/** GPUs the config does not name, from a SkyPilot task next to it. */
async function withSkyPilot(plan: TrainingPlan, ctx: DetectorContext): Promise<void> {
  if (plan.gpuType && plan.gpus) return;
  const sky = await skyPilotResources(ctx.file, ctx.reader);
  if (!sky) return;
  plan.gpuType ??= sky.gpuType;
  plan.gpus ??= sky.gpus;
}

const literal = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A command-line option naming the model, as TRL's example scripts define it. */
const MODEL_OPTION = /^--model([-_](id|name|name[-_]or[-_]path))?$/;

/**
 * The model a training script loads: `AutoModel*.from_pretrained("...")`, `SFTTrainer(model="...")`,
 * or the default of its `--model`/`--model-id` option (`parser.add_argument("--model", default="...")`).
 */
function modelOf(source: SourceFile): string | undefined {
  for (const c of source.calls) {
    if (c.name === 'add_argument' && MODEL_OPTION.test(literal(c.positional[0]?.value) ?? '')) {
      const v = literal(c.kwargs.get('default')?.value);
      if (v) return v;
    }
    if (c.name === 'from_pretrained' && /AutoModel|ForCausalLM|ForSeq2SeqLM|ForSequenceClassification/.test(c.callee)) {
      const v = literal(c.positional[0]?.value ?? c.kwargs.get('pretrained_model_name_or_path')?.value);
      if (v) return v;
    }
    if (/Trainer$/.test(c.name)) {
      const v = literal(c.kwargs.get('model')?.value);
      if (v) return v;
    }
  }
  return undefined;
}

/** Hub datasets a training script loads: `load_dataset("trl-lib/tldr", split="train")`. */
function datasetsOf(source: SourceFile): DatasetRef[] {
  const refs: DatasetRef[] = [];
  for (const c of source.calls) {
    const id = c.name === 'load_dataset' ? literal(c.positional[0]?.value ?? c.kwargs.get('path')?.value) : undefined;
    if (!id || /^(json|csv|parquet|text|arrow|imagefolder|audiofolder)$/.test(id)) continue;
    const split = literal(c.kwargs.get('split')?.value);
    if (!refs.some((r) => r.id === id)) refs.push({ id, split });
  }
  return refs;
}

const MAX_NESTING = 64;

/** Deepest `[`/`{` nesting, outside quoted strings; a linear scan. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}

function key(ctx: DetectorContext): string {
  const rel = ctx.options.workspaceRoot ? path.relative(ctx.options.workspaceRoot, ctx.file) : path.basename(ctx.file);
  return rel.split(path.sep).join('/');
}
