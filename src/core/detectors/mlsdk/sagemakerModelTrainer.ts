/**
 * SageMaker Python SDK v3 training: `ModelTrainer(compute=Compute(...), stopping_condition=
 * StoppingCondition(...))` and `ModelTrainer.from_recipe(..., compute=...)`, plus the
 * pipeline `@step(...)` / `@remote(...)` decorators, which run a function as a training job.
 */
import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved } from '../../parsing/source/sourceValue';
import { callArgument, sagemakerRegion } from './sagemakerArgs';
import { countArg, machineItem, spreadNote, type RunLength, type SdkEnv } from './sdkItem';

/** What `ModelTrainer` uses when `compute` is not passed (`sagemaker.modules` / `sagemaker.train` defaults). */
const DEFAULT_INSTANCE_TYPE = 'ml.m5.xlarge';
/** `ModelTrainer` sets `StoppingCondition(max_runtime_in_seconds=3600)` when none is passed. */
const TRAINER_DEFAULT_RUNTIME_S = 3600;
/** `@step` / `@remote` jobs stop after `max_runtime_in_seconds`, one day by default. */
const REMOTE_DEFAULT_RUNTIME_S = 86400;

/** The keywords that make a `ModelTrainer(...)` SageMaker's. */
const TRAINER_KEYWORDS = ['compute', 'training_image', 'source_code', 'algorithm_name', 'stopping_condition', 'role', 'training_recipe'];

export function isModelTrainer(call: CallSite): boolean {
  if (call.name === 'from_recipe') return /(^|\.)ModelTrainer\.from_recipe$/.test(call.callee);
  return call.name === 'ModelTrainer' && TRAINER_KEYWORDS.some((k) => call.kwargs.has(k));
}

/** `@step(instance_type=...)` of SageMaker Pipelines or `@remote(...)`: a training job per call. */
export function isFunctionStep(call: CallSite): boolean {
  return (call.name === 'step' || call.name === 'remote') && ['instance_type', 'keep_alive_period_in_seconds', 'image_uri', 'dependencies'].some((k) => call.kwargs.has(k));
}

export function modelTrainer(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const compute = callArgument(env, call, 'compute');
  if (compute === undefined) notes.push(`compute not set: ModelTrainer uses ${DEFAULT_INSTANCE_TYPE} × 1`);
  const computeArgs = compute && compute.name === 'Compute' ? compute : undefined;
  if (compute && !computeArgs) notes.push(`compute is not a Compute(...) written in this file; priced at the default ${DEFAULT_INSTANCE_TYPE}`);
  const sku = computeArgs ? asString(computeArgs.kwargs.get('instance_type')?.value, 'Compute instance_type') : DEFAULT_INSTANCE_TYPE;
  return machineItem(env, call, {
    kind: 'training-run',
    provider: 'aws',
    cloud: 'aws',
    resource: `sagemaker ${call.name === 'from_recipe' ? 'ModelTrainer.from_recipe' : 'ModelTrainer'}`,
    skuArg: 'instance_type',
    sku: sku ?? DEFAULT_INSTANCE_TYPE,
    quantity: computeArgs ? countArg(computeArgs, 'instance_count', 1, notes) : 1,
    region: sagemakerRegion(env),
    pricing: computeArgs?.kwargs.get('enable_managed_spot_training')?.value === true ? 'spot' : 'on-demand',
    component: 'training',
    run: trainerRunLength(env, call, computeArgs),
    assumptions: notes,
  });
}

/** `StoppingCondition(max_runtime_in_seconds=...)`, else the SDK's 1 h; a warm pool's keep-alive is billed too. */
function trainerRunLength(env: SdkEnv, call: CallSite, compute: CallSite | undefined): RunLength {
  const stopping = callArgument(env, call, 'stopping_condition');
  const written = stopping?.name === 'StoppingCondition' ? asNumber(stopping.kwargs.get('max_runtime_in_seconds')?.value, 'max_runtime_in_seconds') : undefined;
  const keepAlive = compute ? asNumber(compute.kwargs.get('keep_alive_period_in_seconds')?.value, 'keep_alive_period_in_seconds') : undefined;
  const warm = typeof keepAlive === 'number' && keepAlive > 0 ? keepAlive : 0;
  const runtime = typeof written === 'number' && written > 0 ? written : TRAINER_DEFAULT_RUNTIME_S;
  const why = written instanceof Unresolved ? `${written.reason}; ` : '';
  const bound = typeof written === 'number' && written > 0
    ? `max_runtime_in_seconds = ${written} s is the run's upper bound`
    : `${why}no stopping_condition: ModelTrainer stops the job after ${TRAINER_DEFAULT_RUNTIME_S} s (1 h), the run's upper bound`;
  const pool = warm ? `; the warm pool (keep_alive_period_in_seconds = ${warm}) keeps the instances billed up to ${warm} s more` : '';
  return { hours: (runtime + warm) / 3600, note: `${bound}${pool}; a job that finishes sooner costs less` };
}

/** A `@step`/`@remote` function: a training job of `instance_type`, which the decorator may leave to the SageMaker config. */
export function functionStep(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const runtime = asNumber(call.kwargs.get('max_runtime_in_seconds')?.value, 'max_runtime_in_seconds');
  const seconds = typeof runtime === 'number' && runtime > 0 ? runtime : REMOTE_DEFAULT_RUNTIME_S;
  return machineItem(env, call, {
    kind: 'training-run',
    provider: 'aws',
    cloud: 'aws',
    resource: `sagemaker @${call.name}`,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    missingSku: `instance_type is not set: @${call.name} takes it from the SageMaker config file (defaults.yaml) at run time`,
    quantity: countArg(call, 'instance_count', 1, notes),
    region: sagemakerRegion(env),
    pricing: call.kwargs.get('use_spot_instances')?.value === true ? 'spot' : 'on-demand',
    component: 'training',
    run: {
      hours: seconds / 3600,
      note: seconds === runtime ? `max_runtime_in_seconds = ${seconds} s is the run's upper bound` : `run length is the SDK's default max_runtime_in_seconds of ${seconds} s (24 h), an upper bound`,
    },
    assumptions: notes,
  });
}
