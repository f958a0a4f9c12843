import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asString, Unresolved } from '../../parsing/source/sourceValue';
import { amlCluster, amlComputeInstance, amlJob, amlOnlineDeployment, AZURE_ML_DEFAULT_SIZE, type AzureMlGroup } from '../../resources/azure/azureMl';
import { estimate } from '../../resources/costModel';
import { chooseRegion } from '../shared/region';
import { spreadNote, type SdkEnv } from './sdkItem';
import { countReading, nestedArgs, reading, skuOf } from './azuremlArgs';
import { clusterInFile, computeOfJob, isCommandJob, isSweep, jobSettings, sweepLimits, sweptJob } from './azuremlJobs';

/** Argument names of the v1 (`azureml-core`) and v2 (`azure-ai-ml`) SDKs. */
interface ClusterArgs {
  size: string;
  min: string;
  max: string;
  /** The SDK's default size when none is written. */
  defaultSize: string;
  /** The SDK's default node maximum. */
  defaultMax: number;
}

const V1: ClusterArgs = { size: 'vm_size', min: 'min_nodes', max: 'max_nodes', defaultSize: 'STANDARD_NC6', defaultMax: 4 };
const V2: ClusterArgs = { size: 'size', min: 'min_instances', max: 'max_instances', defaultSize: AZURE_ML_DEFAULT_SIZE, defaultMax: 4 };

/** `ManagedOnlineDeployment` runs on Azure ML's VMs, `KubernetesOnlineDeployment` on an attached cluster. */
const DEPLOYMENTS: Readonly<Record<string, 'managed' | 'kubernetes'>> = { ManagedOnlineDeployment: 'managed', KubernetesOnlineDeployment: 'kubernetes' };

export function azureMlItems(env: SdkEnv, call: CallSite): CostItem[] {
  if (call.name === 'provisioning_configuration' && /(^|\.)AmlCompute$/.test(call.callee.replace(/\.provisioning_configuration$/, ''))) return [cluster(env, call, V1)];
  if (call.name === 'AmlComputeProvisioningConfiguration') return [cluster(env, call, V1)];
  if (call.name === 'AmlCompute' && (call.kwargs.has('size') || call.kwargs.has('max_instances') || call.kwargs.has('name'))) return [cluster(env, call, V2)];
  if (call.name === 'ComputeInstance' && (call.kwargs.has('size') || call.kwargs.has('name'))) return [instance(env, call)];
  const target = DEPLOYMENTS[call.name];
  if (target && (call.kwargs.has('instance_type') || call.kwargs.has('instance_count') || call.kwargs.has('endpoint_name'))) return [deployment(env, call, target)];
  if (isCommandJob(call)) return [job(env, call)];
  if (isSweep(call)) return [sweep(env, call)];
  if (call.name === 'BatchDeployment' || call.name === 'ModelBatchDeployment') return batchDeployment(env, call);
  return [];
}

/** Written where the item is: the call, its region and its size argument. */
function groupOf(env: SdkEnv, call: CallSite, resource: string, sizeArg: string, sku: AzureMlGroup['sku'], notes: string[]): AzureMlGroup {
  const location = asString(call.kwargs.get('location')?.value, 'location');
  const sizeArgument = call.kwargs.get(sizeArg);
  return {
    file: env.file,
    range: call.range,
    ...(sizeArgument && typeof sizeArgument.value === 'string' ? { skuRange: sizeArgument.range } : {}),
    resource,
    provider: 'azure',
    sku,
    region: chooseRegion('azure', [typeof location === 'string' ? { value: location, from: 'location=' } : undefined], env.options, env.catalog, '; Azure ML uses the workspace\'s region'),
    tags: {},
    notes: [...spreadNote(call), ...notes],
  };
}

function cluster(env: SdkEnv, call: CallSite, args: ClusterArgs): CostItem {
  const written = skuOf(call.kwargs.get(args.size)?.value, args.size);
  const notes = written === undefined ? [`${args.size} not set: the default size is ${args.defaultSize}`] : [];
  const tier = call.kwargs.get('tier')?.value ?? call.kwargs.get('vm_priority')?.value;
  return estimate(amlCluster, {
    group: groupOf(env, call, `azureml ${call.callee}`, args.size, written ?? args.defaultSize, notes),
    min: reading(call, args.min),
    max: reading(call, args.max),
    defaultMax: args.defaultMax,
    lowPriority: typeof tier === 'string' && /^low_?priority$/i.test(tier),
  }, env);
}

function instance(env: SdkEnv, call: CallSite): CostItem {
  const written = skuOf(call.kwargs.get('size')?.value, 'size');
  const notes = written === undefined ? [`size not set: the service uses ${AZURE_ML_DEFAULT_SIZE}`] : [];
  return estimate(amlComputeInstance, groupOf(env, call, 'azureml ComputeInstance', 'size', written ?? AZURE_ML_DEFAULT_SIZE, notes), env);
}

function deployment(env: SdkEnv, call: CallSite, target: 'managed' | 'kubernetes'): CostItem {
  const written = skuOf(call.kwargs.get('instance_type')?.value, 'instance_type');
  const sku = written ?? { unresolved: `instance_type is not set on ${call.name}` };
  return estimate(amlOnlineDeployment, { group: groupOf(env, call, `azureml ${call.name}`, 'instance_type', sku, []), target, count: reading(call, 'instance_count') }, env);
}

/** A command job: serverless (`instance_type`), on a cluster of this file, or on one defined elsewhere. */
function job(env: SdkEnv, call: CallSite): CostItem {
  const settings = jobSettings(env, call);
  const compute = computeOfJob(env, call, settings.instanceType);
  const group = groupOf(env, call, `azureml ${call.callee} job`, settings.instanceType !== undefined ? 'instance_type' : 'compute', compute.sku, compute.notes);
  const count = settings.instanceCount ?? reading(call, 'instance_count');
  return estimate(amlJob, { group, count, ...(settings.timeoutSeconds !== undefined ? { timeoutSeconds: settings.timeoutSeconds } : {}) }, env);
}

/** A sweep runs up to `max_total_trials` trials of the command job it is made from, on its compute. */
function sweep(env: SdkEnv, call: CallSite): CostItem {
  const source = sweptJob(env, call);
  const settings = source ? jobSettings(env, source) : {};
  const compute = computeOfJob(env, !call.kwargs.has('compute') && source ? source : call, settings.instanceType);
  const group = groupOf(env, call, 'azureml sweep job', 'compute', compute.sku, source ? compute.notes : [...compute.notes, 'the command job it sweeps is not built in this file; priced as 1 node']);
  const limits = sweepLimits(env, call);
  return estimate(amlJob, {
    group,
    count: settings.instanceCount ?? (source ? reading(source, 'instance_count') : { name: 'instance_count', value: undefined }),
    ...(limits.trialTimeout !== undefined ? { timeoutSeconds: limits.trialTimeout } : {}),
    trials: { name: 'max_total_trials', value: limits.trials },
  }, env);
}

/**
 * A batch deployment runs its jobs on a compute cluster. When that cluster is created in this
 * file, its item carries the cost (per node-hour) and the deployment adds none; otherwise the
 * deployment says which cluster bills it.
 */
function batchDeployment(env: SdkEnv, call: CallSite): CostItem[] {
  const compute = call.kwargs.get('compute');
  if (!compute || clusterInFile(env, compute)) return [];
  const name = asString(compute.value, 'compute');
  const why = name instanceof Unresolved ? name.reason : `runs on compute "${String(name).replace(/^azureml:/, '')}", whose VM size is not defined in this file`;
  const settings = nestedArgs(env, call, 'settings') ?? nestedArgs(env, call, 'resources') ?? {};
  const count = settings.instance_count !== undefined ? countReading(settings.instance_count, 'instance_count') : reading(call, 'instance_count');
  return [estimate(amlJob, { group: groupOf(env, call, `azureml ${call.name}`, 'compute', { unresolved: why }, []), count }, env)];
}
