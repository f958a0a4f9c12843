import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asString } from '../../parsing/source/sourceValue';
import { amlCluster, amlComputeInstance, amlJob, amlOnlineDeployment, AZURE_ML_DEFAULT_SIZE, type AzureMlGroup } from '../../resources/azure/azureMl';
import { estimate } from '../../resources/costModel';
import { chooseRegion } from '../shared/region';
import { spreadNote, type SdkEnv } from './sdkItem';
import { reading, skuOf } from './azuremlArgs';
import { computeOfJob, jobSettings } from './azuremlJobs';

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
  return [];
}

/** `command(command=..., environment=...)` of `azure.ai.ml` (a common word, so its own arguments must be there too). */
function isCommandJob(call: CallSite): boolean {
  if (call.name === 'CommandJob') return call.kwargs.has('command');
  if (call.name !== 'command' || !/^(command|[\w.]*ml\.command)$/.test(call.callee)) return false;
  return call.kwargs.has('command') && ['environment', 'compute', 'code', 'resources', 'instance_type'].some((k) => call.kwargs.has(k));
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
