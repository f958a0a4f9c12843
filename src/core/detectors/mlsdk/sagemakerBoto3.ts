/**
 * The boto3 `sagemaker` client: `create_training_job`, `create_hyper_parameter_tuning_job`,
 * `create_endpoint_config`, `create_transform_job` and `create_notebook_instance`, with their
 * request dicts as the API takes them (written inline, or as a literal dict passed with `**`).
 */
import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, isRecord, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import { batchTransform, endpointVariant, notebookInstance } from '../../resources/aws/sagemaker';
import { sagemakerTrainingJob, type RuntimeLimit } from '../../resources/aws/sagemakerTraining';
import { estimate } from '../../resources/costModel';
import type { RunCount } from '../../resources/runLength';
import { countReading, ENDPOINT_UP_NOTE, jobInstances, limitOf } from './sagemakerArgs';
import { spreadNote, type SdkEnv } from './sdkItem';

type Dict = { [key: string]: SourceValue };

export const BOTO3_CALLS = new Set(['create_training_job', 'create_hyper_parameter_tuning_job', 'create_endpoint_config', 'create_transform_job', 'create_notebook_instance']);

export function boto3Items(env: SdkEnv, call: CallSite): CostItem[] {
  switch (call.name) {
    case 'create_training_job': return call.kwargs.has('ResourceConfig') || call.hasSpread ? [trainingJob(env, call)] : [];
    case 'create_hyper_parameter_tuning_job': return [tuningJob(env, call)];
    case 'create_endpoint_config': return endpointConfig(env, call);
    case 'create_transform_job': return [transformJob(env, call)];
    case 'create_notebook_instance': return [notebookRequest(env, call)];
    default: return [];
  }
}

function dictArg(call: CallSite, key: string): Dict | Unresolved | undefined {
  const v = call.kwargs.get(key)?.value;
  if (v === undefined || v === null) return undefined;
  if (isRecord(v)) return v;
  return v instanceof Unresolved ? new Unresolved(`${key} ${v.reason}`) : new Unresolved(`${key} is not a dict`);
}

/** `ResourceConfig` + `StoppingCondition` of a training job or a tuning job's definition. */
function trainingRun(env: SdkEnv, call: CallSite, resource: string, definition: Dict | Unresolved | undefined, runs?: RunCount): CostItem {
  const notes = [...spreadNote(call)];
  const resources = definition instanceof Unresolved ? definition : dictArgOf(definition, 'ResourceConfig');
  const instances = jobInstances(env, call, {
    resource,
    skuArg: 'ResourceConfig',
    sku: resources instanceof Unresolved ? resources : asString(resources?.InstanceType, 'ResourceConfig.InstanceType'),
    missingSku: 'ResourceConfig.InstanceType is not set',
    quantity: resources instanceof Unresolved ? 1 : count(resources?.InstanceCount, 'ResourceConfig.InstanceCount', notes),
    notes,
  });
  const spot = !(definition instanceof Unresolved) && definition?.EnableManagedSpotTraining === true;
  return estimate(sagemakerTrainingJob, { instances, spot, runtime: runtime(definition instanceof Unresolved ? undefined : definition), runs }, env);
}

function dictArgOf(parent: Dict | undefined, key: string): Dict | Unresolved | undefined {
  const v = parent?.[key];
  if (v === undefined || v === null) return undefined;
  if (isRecord(v)) return v;
  return v instanceof Unresolved ? new Unresolved(`${key} ${v.reason}`) : new Unresolved(`${key} is not a dict`);
}

function count(v: SourceValue | undefined, what: string, notes: string[]): number {
  const n = asNumber(v, what);
  if (typeof n === 'number' && n >= 0) return n;
  if (n !== undefined) notes.push(`${n instanceof Unresolved ? n.reason : `${what} is not a number`}; priced for 1`);
  return 1;
}

/** `StoppingCondition.MaxRuntimeInSeconds` bounds one run; the API has its own default. */
function runtime(definition: Dict | undefined): RuntimeLimit {
  const stopping = dictArgOf(definition, 'StoppingCondition');
  const seconds = stopping instanceof Unresolved ? stopping : asNumber(stopping?.MaxRuntimeInSeconds, 'StoppingCondition.MaxRuntimeInSeconds');
  return { ...limitOf('MaxRuntimeInSeconds', seconds), default: 'api' };
}

function trainingJob(env: SdkEnv, call: CallSite): CostItem {
  const request: Dict = Object.fromEntries([...call.kwargs].map(([k, a]) => [k, a.value]));
  const unread = call.hasSpread && !call.kwargs.has('ResourceConfig') ? new Unresolved('ResourceConfig is in a **dict that is not a literal in this file') : undefined;
  return trainingRun(env, call, 'sagemaker create_training_job', unread ?? request);
}

/** Up to `ResourceLimits.MaxNumberOfTrainingJobs` runs of the job definition. */
function tuningJob(env: SdkEnv, call: CallSite): CostItem {
  const config = dictArg(call, 'HyperParameterTuningJobConfig');
  const limits = config instanceof Unresolved ? config : dictArgOf(config, 'ResourceLimits');
  const max = limits instanceof Unresolved ? limits : asNumber(limits?.MaxNumberOfTrainingJobs, 'ResourceLimits.MaxNumberOfTrainingJobs');
  const runs = typeof max === 'number' && max > 0
    ? { count: max, note: `up to MaxNumberOfTrainingJobs = ${max} training jobs` }
    : { count: 1, note: `${max instanceof Unresolved ? max.reason : 'ResourceLimits.MaxNumberOfTrainingJobs is not set'}; priced for 1 training job` };
  const definitions = call.kwargs.get('TrainingJobDefinitions')?.value;
  const definition = call.kwargs.has('TrainingJobDefinition') || !Array.isArray(definitions)
    ? dictArg(call, 'TrainingJobDefinition')
    : (isRecord(definitions[0]) ? definitions[0] : new Unresolved('TrainingJobDefinitions[0] is not a dict'));
  const item = trainingRun(env, call, 'sagemaker create_hyper_parameter_tuning_job', definition, runs);
  if (Array.isArray(definitions) && definitions.length > 1) item.assumptions.push(`priced with the first of ${definitions.length} TrainingJobDefinitions`);
  return item;
}

/** Each `ProductionVariants` entry is an endpoint variant, billed every hour the endpoint is up. */
function endpointConfig(env: SdkEnv, call: CallSite): CostItem[] {
  const variants = call.kwargs.get('ProductionVariants')?.value;
  if (!Array.isArray(variants)) return [];
  return variants.filter(isRecord).map((variant, i) => {
    const name = typeof variant.VariantName === 'string' ? variant.VariantName : `${i}`;
    const instances = jobInstances(env, call, {
      resource: `sagemaker create_endpoint_config variant ${name}`,
      skuArg: 'ProductionVariants',
      sku: asString(variant.InstanceType, 'InstanceType'),
      missingSku: 'InstanceType is not set',
      quantity: 1,
      notes: [ENDPOINT_UP_NOTE, ...spreadNote(call)],
    });
    const group = { ...instances, provider: 'aws' as const, cloud: 'aws' as const };
    return estimate(endpointVariant, { group, serverless: variant.ServerlessConfig !== undefined, count: countReading('InitialInstanceCount', variant.InitialInstanceCount) }, env);
  });
}

/** Batch transform: `TransformResources` for as long as the job runs, which the request does not bound. */
function transformJob(env: SdkEnv, call: CallSite): CostItem {
  const resources = dictArg(call, 'TransformResources');
  const notes = [...spreadNote(call)];
  return estimate(batchTransform, jobInstances(env, call, {
    resource: 'sagemaker create_transform_job',
    skuArg: 'TransformResources',
    sku: resources instanceof Unresolved ? resources : asString(resources?.InstanceType, 'TransformResources.InstanceType'),
    missingSku: 'TransformResources.InstanceType is not set',
    quantity: resources instanceof Unresolved ? 1 : count(resources?.InstanceCount, 'TransformResources.InstanceCount', notes),
    notes,
  }), env);
}

/** `create_notebook_instance(InstanceType=...)`: billed every hour it is InService. */
export function notebookRequest(env: SdkEnv, call: CallSite): CostItem {
  const instances = jobInstances(env, call, {
    resource: 'sagemaker notebook instance',
    skuArg: 'InstanceType',
    sku: asString(call.kwargs.get('InstanceType')?.value, 'InstanceType'),
    quantity: 1,
    notes: spreadNote(call),
  });
  return estimate(notebookInstance, { ...instances, provider: 'aws', cloud: 'aws' }, env);
}
