/**
 * SageMaker Python SDK v3 training: `ModelTrainer(compute=Compute(...), stopping_condition=
 * StoppingCondition(...))` and `ModelTrainer.from_recipe(..., compute=...)`, plus the
 * pipeline `@step(...)` / `@remote(...)` decorators, which run a function as a training job.
 */
import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString } from '../../parsing/source/sourceValue';
import { sagemakerTrainingJob, type RuntimeLimit } from '../../resources/aws/sagemakerTraining';
import { estimate } from '../../resources/costModel';
import { callArgument, jobInstances, limitOf } from './sagemakerArgs';
import { countArg, spreadNote, type SdkEnv } from './sdkItem';

/** What `ModelTrainer` uses when `compute` is not passed (`sagemaker.modules` / `sagemaker.train` defaults). */
const DEFAULT_INSTANCE_TYPE = 'ml.m5.xlarge';

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
  const instances = jobInstances(env, call, {
    resource: `sagemaker ${call.name === 'from_recipe' ? 'ModelTrainer.from_recipe' : 'ModelTrainer'}`,
    skuArg: 'instance_type',
    sku: sku ?? DEFAULT_INSTANCE_TYPE,
    quantity: computeArgs ? countArg(computeArgs, 'instance_count', 1, notes) : 1,
    notes,
  });
  const spot = computeArgs?.kwargs.get('enable_managed_spot_training')?.value === true;
  return estimate(sagemakerTrainingJob, { instances, spot, runtime: trainerRuntime(env, call, computeArgs) }, env);
}

/** `StoppingCondition(max_runtime_in_seconds=...)`, else ModelTrainer's own limit; a warm pool's keep-alive is billed too. */
function trainerRuntime(env: SdkEnv, call: CallSite, compute: CallSite | undefined): RuntimeLimit {
  const stopping = callArgument(env, call, 'stopping_condition');
  const written = stopping?.name === 'StoppingCondition' ? asNumber(stopping.kwargs.get('max_runtime_in_seconds')?.value, 'max_runtime_in_seconds') : undefined;
  const keepAlive = compute ? asNumber(compute.kwargs.get('keep_alive_period_in_seconds')?.value, 'keep_alive_period_in_seconds') : undefined;
  return {
    ...limitOf('max_runtime_in_seconds', written),
    default: 'model-trainer',
    ...(typeof keepAlive === 'number' ? { keepAliveSeconds: keepAlive } : {}),
  };
}

/** A `@step`/`@remote` function: a training job of `instance_type`, which the decorator may leave to the SageMaker config. */
export function functionStep(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const instances = jobInstances(env, call, {
    resource: `sagemaker @${call.name}`,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    missingSku: `instance_type is not set: @${call.name} takes it from the SageMaker config file (defaults.yaml) at run time`,
    quantity: countArg(call, 'instance_count', 1, notes),
    notes,
  });
  const runtime = { ...limitOf('max_runtime_in_seconds', asNumber(call.kwargs.get('max_runtime_in_seconds')?.value, 'max_runtime_in_seconds')), default: 'sdk' as const };
  return estimate(sagemakerTrainingJob, { instances, spot: call.kwargs.get('use_spot_instances')?.value === true, runtime }, env);
}
