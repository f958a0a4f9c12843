import type { CostItem } from '../../model';
import { bindingAt, receiverOf, type CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved } from '../../parsing/source/sourceValue';
import { countReading, ENDPOINT_UP_NOTE, isLocalMode, jobInstances, limitOf } from './sagemakerArgs';
import { boto3Items, BOTO3_CALLS, notebookRequest } from './sagemakerBoto3';
import { itemsOverVariants } from '../shared/variantItems';
import { batchTransform, endpointVariant } from '../../resources/aws/sagemaker';
import { sagemakerProcessingJob, sagemakerTrainingJob } from '../../resources/aws/sagemakerTraining';
import { estimate } from '../../resources/costModel';
import type { RunCount } from '../../resources/runLength';
import { sagemakerCallShape } from './sagemakerCallShapes';
import { emrStepItems, isEmrStep } from './sagemakerEmrStep';
import { functionStep, isFunctionStep, isModelTrainer, modelTrainer } from './sagemakerModelTrainer';
import { countArg, spreadNote, type SdkEnv } from './sdkItem';

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
  'SageMakerClarifyProcessor',
]);

/** Items for one call, or none when it is not a SageMaker call this module prices. */
export function sagemakerItems(env: SdkEnv, written: CallSite): CostItem[] {
  const call = sagemakerCallShape(env.source, written, (name) => MODELS.has(name) || SAGEMAKER_ESTIMATORS.has(name));
  if (BOTO3_CALLS.has(call.name)) return boto3Items(env, call);
  if (isModelTrainer(call)) return [modelTrainer(env, call)];
  if (isFunctionStep(call)) return [functionStep(env, call)];
  if (isEmrStep(call)) return emrStepItems(env, call);
  if ((SAGEMAKER_ESTIMATORS.has(call.name) || PROCESSORS.has(call.name)) && isLocalMode(env, call)) return [];
  if (SAGEMAKER_ESTIMATORS.has(call.name) && looksLikeSageMaker(call)) return [estimator(env, call)];
  if (PROCESSORS.has(call.name) && call.kwargs.has('instance_type')) return [processor(env, call)];
  if (call.name === 'Transformer' || (call.name === 'transformer' && call.kwargs.has('instance_type'))) return [transformer(env, call)];
  if (call.name === 'HyperparameterTuner') return tuner(env, call);
  if (call.name === 'deploy' && isSageMakerDeploy(env, call)) return [deploy(env, call)];
  if (call.name === 'NotebookInstance' && call.kwargs.has('InstanceType')) return [notebookRequest(env, call)];
  return [];
}

/** Both SDKs have `Estimator`-like names; SageMaker's take `instance_type` or a role. */
function looksLikeSageMaker(call: CallSite): boolean {
  return ['instance_type', 'instance_count', 'role', 'entry_point', 'image_uri', 'model_id', 'max_run', 'model_data'].some((k) => call.kwargs.has(k));
}

/** An estimator's training job (`.fit()`), or each of a tuner's `runs` of it. */
function estimator(env: SdkEnv, call: CallSite, resource = `sagemaker ${call.name}`, runs?: RunCount): CostItem {
  const notes: string[] = [...spreadNote(call)];
  const quantity = countArg(call, 'instance_count', 1, notes);
  const instances = jobInstances(env, call, {
    resource,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    missingSku: call.name === 'JumpStartEstimator' ? 'instance_type is not set; JumpStart picks the model\'s default type at run time' : undefined,
    quantity,
    notes,
  });
  const runtime = { ...limitOf('max_run', asNumber(call.kwargs.get('max_run')?.value, 'max_run')), default: 'sdk' as const };
  return estimate(sagemakerTrainingJob, { instances, spot: call.kwargs.get('use_spot_instances')?.value === true, runtime, runs }, env);
}

/**
 * A processing job runs until its script ends: `max_runtime_in_seconds` bounds one run; without
 * it the SDK sends no stopping condition, so the figure is hourly while it runs.
 */
function processor(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const instances = jobInstances(env, call, {
    resource: `sagemaker ${call.name}`,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    quantity: countArg(call, 'instance_count', 1, notes),
    notes,
  });
  const runtime = limitOf('max_runtime_in_seconds', asNumber(call.kwargs.get('max_runtime_in_seconds')?.value, 'max_runtime_in_seconds'));
  return estimate(sagemakerProcessingJob, { instances, runtime }, env);
}

/** `Transformer(...)` / `model.transformer(...)`: each `.transform(...)` is a job billed while it runs. */
function transformer(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  return estimate(batchTransform, jobInstances(env, call, {
    resource: `sagemaker ${call.name}`,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    quantity: countArg(call, 'instance_count', 1, notes),
    notes,
  }), env);
}

/** A tuning job runs up to `max_jobs` training jobs of its estimator. */
function tuner(env: SdkEnv, call: CallSite): CostItem[] {
  const estimatorCall = bindingOf(env, call);
  const maxJobs = asNumber(call.kwargs.get('max_jobs')?.value, 'max_jobs');
  if (!estimatorCall || !SAGEMAKER_ESTIMATORS.has(estimatorCall.name)) {
    return [unpricedTuner(env, call, 'its estimator is not an Estimator(...) constructed in this file')];
  }
  const count = typeof maxJobs === 'number' && maxJobs > 0 ? maxJobs : 1;
  const note = typeof maxJobs === 'number'
    ? `up to max_jobs = ${count} training jobs`
    : `${maxJobs instanceof Unresolved ? `${maxJobs.reason}; ` : ''}max_jobs defaults to 1 in the SDK (Grid strategy excepted)`;
  // The estimator's own run-time choices (a pipeline parameter's default) are priced as they are for the estimator itself.
  const resource = `sagemaker HyperparameterTuner(${estimatorCall.name})`;
  const [item] = itemsOverVariants(sagemakerCallShape(env.source, estimatorCall, () => true), (c) => [estimator(env, c, resource, { count, note })]);
  return [{ ...item, range: call.range }];
}

function bindingOf(env: SdkEnv, call: CallSite): CallSite | undefined {
  const arg = call.kwargs.get('estimator') ?? call.positional[0];
  if (!arg) return undefined;
  return arg.name ? bindingAt(env.source, arg.name, call) : undefined;
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
  const serverless = call.kwargs.has('serverless_inference_config');
  const receiver = receiverOf(env.source, call);
  const instances = jobInstances(env, call, {
    resource: `sagemaker ${receiver ? `${receiver.name}.` : ''}deploy`,
    skuArg: 'instance_type',
    sku: asString(call.kwargs.get('instance_type')?.value, 'instance_type'),
    missingSku: receiver?.name === 'JumpStartModel' ? 'instance_type is not set; JumpStart deploys on the model\'s default instance type, looked up at run time' : undefined,
    quantity: 1,
    notes: [ENDPOINT_UP_NOTE, ...spreadNote(call)],
  });
  const count = countReading('initial_instance_count', call.kwargs.get('initial_instance_count')?.value);
  return estimate(endpointVariant, { group: { ...instances, provider: 'aws', cloud: 'aws' }, serverless, count }, env);
}
