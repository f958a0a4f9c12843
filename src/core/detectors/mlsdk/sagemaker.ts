import type { SageMakerComponent } from '../../catalog/types';
import type { CostItem } from '../../model';
import { receiverOf, type CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved } from '../../parsing/source/sourceValue';
import { sagemakerCallShape } from './sagemakerCallShapes';
import { countArg, machineItem, spreadNote, type RunLength, type SdkEnv } from './sdkItem';

/** Estimator classes of the SageMaker Python SDK (framework and generic). */
export const SAGEMAKER_ESTIMATORS = new Set([
  'Estimator', 'Framework', 'HuggingFace', 'PyTorch', 'TensorFlow', 'SKLearn', 'XGBoost', 'MXNet', 'Chainer',
  'RLEstimator', 'JumpStartEstimator', 'AlgorithmEstimator',
]);
const MODELS = new Set([
  'Model', 'HuggingFaceModel', 'PyTorchModel', 'TensorFlowModel', 'SKLearnModel', 'XGBoostModel', 'MXNetModel',
  'JumpStartModel', 'ModelPackage', 'FrameworkModel',
]);
const PROCESSORS = new Set([
  'Processor', 'ScriptProcessor', 'SKLearnProcessor', 'PyTorchProcessor', 'HuggingFaceProcessor', 'FrameworkProcessor',
  'PySparkProcessor', 'SparkJarProcessor', 'TensorFlowProcessor', 'XGBoostProcessor', 'MXNetProcessor',
]);

/** The SDK's default `max_run` / `max_runtime_in_seconds`: 24 hours. */
const DEFAULT_MAX_RUN_S = 86400;
const REGION_NOTE = 'SageMaker takes the region from the session at run time';

function region(env: SdkEnv): { value: string | null; assumption: string } {
  const configured = env.options.defaultRegion;
  const value = configured ?? env.catalog.meta.defaultRegions.aws;
  const from = configured ? (env.options.defaultRegionSource ?? 'settings') : 'default';
  return { value, assumption: `region ${value} (${from}; ${REGION_NOTE})` };
}

/** Items for one call, or none when it is not a SageMaker call this module prices. */
export function sagemakerItems(env: SdkEnv, written: CallSite): CostItem[] {
  const call = sagemakerCallShape(env.source, written, (name) => MODELS.has(name) || SAGEMAKER_ESTIMATORS.has(name));
  if (SAGEMAKER_ESTIMATORS.has(call.name) && looksLikeSageMaker(call)) return [estimator(env, call)];
  if (PROCESSORS.has(call.name) && call.kwargs.has('instance_type')) return [processor(env, call)];
  if (call.name === 'Transformer' || (call.name === 'transformer' && call.kwargs.has('instance_type'))) return [transformer(env, call)];
  if (call.name === 'HyperparameterTuner') return tuner(env, call);
  if (call.name === 'deploy' && isSageMakerDeploy(env, call)) return [deploy(env, call)];
  if (call.name === 'create_notebook_instance' || (call.name === 'NotebookInstance' && call.kwargs.has('InstanceType'))) return [notebookInstance(env, call)];
  return [];
}

/** boto3 `create_notebook_instance(InstanceType=...)`: billed every hour it is InService. */
function notebookInstance(env: SdkEnv, call: CallSite): CostItem {
  return machineItem(env, call, {
    kind: 'notebook',
    provider: 'aws',
    cloud: 'aws',
    resource: 'sagemaker notebook instance',
    skuArg: 'InstanceType',
    sku: asString(call.kwargs.get('InstanceType')?.value, 'InstanceType'),
    quantity: 1,
    region: region(env),
    pricing: 'on-demand',
    component: 'notebook',
    assumptions: ['a notebook instance is billed every hour it is running; stop it when idle', ...spreadNote(call)],
  });
}

/** Both SDKs have `Estimator`-like names; SageMaker's take `instance_type` or a role. */
function looksLikeSageMaker(call: CallSite): boolean {
  return ['instance_type', 'instance_count', 'role', 'entry_point', 'image_uri', 'model_id', 'max_run', 'model_data'].some((k) => call.kwargs.has(k));
}

function maxRun(call: CallSite, arg: string): RunLength {
  const v = asNumber(call.kwargs.get(arg)?.value, arg);
  if (typeof v === 'number' && v > 0) return { hours: v / 3600, note: `${arg} = ${v} s is the run's upper bound; a job that finishes sooner costs less` };
  const why = v instanceof Unresolved ? `${v.reason}; ` : '';
  return { hours: DEFAULT_MAX_RUN_S / 3600, note: `${why}run length is the SDK's default ${arg} of ${DEFAULT_MAX_RUN_S} s (24 h), an upper bound` };
}

function estimator(env: SdkEnv, call: CallSite, resource = `sagemaker ${call.name}`): CostItem {
  const notes: string[] = [...spreadNote(call)];
  const spot = call.kwargs.get('use_spot_instances')?.value === true;
  if (spot) notes.push('managed spot training: SageMaker bills the used spot capacity, often far below on-demand');
  const quantity = countArg(call, 'instance_count', 1, notes);
  return machineItem(env, call, {
    kind: 'training-run',
    provider: 'aws',
    cloud: 'aws',
    resource,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    missingSku: call.name === 'JumpStartEstimator' ? 'instance_type is not set; JumpStart picks the model\'s default type at run time' : undefined,
    quantity,
    region: region(env),
    pricing: spot ? 'spot' : 'on-demand',
    component: 'training',
    run: maxRun(call, 'max_run'),
    assumptions: notes,
  });
}

function processor(env: SdkEnv, call: CallSite): CostItem {
  return onDemandJob(env, call, [...spreadNote(call)], 'processing', maxRun(call, 'max_runtime_in_seconds'));
}

function transformer(env: SdkEnv, call: CallSite): CostItem {
  const notes = ['batch transform is billed per instance-hour while the job runs', ...spreadNote(call)];
  return onDemandJob(env, call, notes, 'hosting');
}

/** Processing and batch transform: `instance_count` × `instance_type`, on demand, for the job's run. */
function onDemandJob(env: SdkEnv, call: CallSite, notes: string[], component: SageMakerComponent, run?: ReturnType<typeof maxRun>): CostItem {
  return machineItem(env, call, {
    kind: 'compute',
    provider: 'aws',
    cloud: 'aws',
    resource: `sagemaker ${call.name}`,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    quantity: countArg(call, 'instance_count', 1, notes),
    region: region(env),
    pricing: 'on-demand',
    component,
    ...(run === undefined ? {} : { run }),
    assumptions: notes,
  });
}

/** A tuning job runs up to `max_jobs` training jobs of its estimator. */
function tuner(env: SdkEnv, call: CallSite): CostItem[] {
  const estimatorCall = bindingOf(env, call);
  const maxJobs = asNumber(call.kwargs.get('max_jobs')?.value, 'max_jobs');
  if (!estimatorCall || !SAGEMAKER_ESTIMATORS.has(estimatorCall.name)) {
    return [unpricedTuner(env, call, 'its estimator is not an Estimator(...) constructed in this file')];
  }
  const jobs = typeof maxJobs === 'number' && maxJobs > 0 ? maxJobs : 1;
  const jobsNote = typeof maxJobs === 'number'
    ? `up to max_jobs = ${jobs} training jobs`
    : `${maxJobs instanceof Unresolved ? `${maxJobs.reason}; ` : ''}max_jobs defaults to 1 in the SDK (Grid strategy excepted)`;
  const item = estimator(env, sagemakerCallShape(env.source, estimatorCall, () => true), `sagemaker HyperparameterTuner(${estimatorCall.name})`);
  const perRun = item.estimate.perRunUsd;
  return [{
    ...item,
    range: call.range,
    estimate: { ...item.estimate, perRunUsd: perRun === null ? null : Math.round(perRun * jobs * 100) / 100 },
    assumptions: [...item.assumptions, jobsNote],
  }];
}

function bindingOf(env: SdkEnv, call: CallSite): CallSite | undefined {
  const arg = call.kwargs.get('estimator') ?? call.positional[0];
  if (!arg) return undefined;
  return arg.name ? env.source.bindings.get(arg.name) : undefined;
}

function unpricedTuner(env: SdkEnv, call: CallSite, why: string): CostItem {
  return { ...estimator(env, call, 'sagemaker HyperparameterTuner'), sku: null, unpricedReason: `tuning job not priced: ${why}` };
}

function isSageMakerDeploy(env: SdkEnv, call: CallSite): boolean {
  if (call.kwargs.has('initial_instance_count') || call.kwargs.has('serverless_inference_config')) return true;
  if (['machine_type', 'min_replica_count', 'accelerator_type'].some((k) => call.kwargs.has(k))) return false;
  if (call.kwargs.has('instance_type')) return true;
  const receiver = receiverOf(env.source, call);
  if (!receiver || !(MODELS.has(receiver.name) || SAGEMAKER_ESTIMATORS.has(receiver.name))) return false;
  return looksLikeSageMaker(receiver);
}

/** A real-time endpoint: billed every hour it exists. */
function deploy(env: SdkEnv, call: CallSite): CostItem {
  const notes = ['an endpoint is billed every hour it is up, whether or not it serves requests', ...spreadNote(call)];
  const serverless = call.kwargs.has('serverless_inference_config');
  const receiver = receiverOf(env.source, call);
  return machineItem(env, call, {
    kind: 'endpoint',
    provider: 'aws',
    cloud: 'aws',
    resource: `sagemaker ${receiver ? `${receiver.name}.` : ''}deploy`,
    skuArg: 'instance_type',
    sku: serverless ? undefined : asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    missingSku: serverless ? 'serverless inference is billed per request and compute-second, not per instance-hour' : undefined,
    quantity: countArg(call, 'initial_instance_count', 1, notes),
    region: region(env),
    pricing: 'on-demand',
    component: 'hosting',
    assumptions: notes,
  });
}
