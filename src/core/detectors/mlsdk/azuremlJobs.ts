/** What an Azure ML v2 command job runs on: its resources, the compute it names and its time limit. */
import { receiverOf, type Argument, type CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import type { CountReading } from '../../resources/aws/groupSize';
import { AZURE_ML_DEFAULT_SIZE, type AzureMlGroup } from '../../resources/azure/azureMl';
import { countReading, nestedArgs, skuOf } from './azuremlArgs';
import type { SdkEnv } from './sdkItem';

/** `command(command=..., environment=...)` of `azure.ai.ml` (a common word, so its own arguments must be there too). */
export function isCommandJob(call: CallSite): boolean {
  if (call.name === 'CommandJob') return call.kwargs.has('command');
  if (call.name !== 'command' || !/^(command|[\w.]*ml\.command)$/.test(call.callee)) return false;
  return call.kwargs.has('command') && ['environment', 'compute', 'code', 'resources', 'instance_type'].some((k) => call.kwargs.has(k));
}

/** `job.sweep(compute=..., sampling_algorithm=..., primary_metric=...)`. */
export function isSweep(call: CallSite): boolean {
  return call.name === 'sweep' && call.receiverName !== undefined && (call.kwargs.has('sampling_algorithm') || call.kwargs.has('primary_metric'));
}

/** The command job a sweep is made from: `job = command(...)`, `trial = job(lr=Uniform(...))`, `trial.sweep(...)`. */
export function sweptJob(env: SdkEnv, call: CallSite): CallSite | undefined {
  let current = receiverOf(env.source, call);
  for (let step = 0; current && step < 3; step++) {
    if (isCommandJob(current)) return current;
    current = env.source.bindings.get(current.callee) ?? receiverOf(env.source, current);
  }
  return undefined;
}

/** `sweep_job.set_limits(max_total_trials=..., trial_timeout=...)` or `limits=SweepJobLimits(...)`. */
export function sweepLimits(env: SdkEnv, call: CallSite): { trials?: number; trialTimeout?: number } {
  const limits = nestedArgs(env, call, 'limits') ?? {};
  const set = call.assignedTo ? env.source.calls.find((c) => c.name === 'set_limits' && c.receiverName === call.assignedTo) : undefined;
  const read = (key: string) => {
    const v = asNumber(set?.kwargs.get(key)?.value ?? limits[key], key);
    return typeof v === 'number' && v > 0 ? v : undefined;
  };
  const trials = read('max_total_trials');
  const trialTimeout = read('trial_timeout');
  return { ...(trials !== undefined ? { trials } : {}), ...(trialTimeout !== undefined ? { trialTimeout } : {}) };
}

export interface JobSettings {
  /** `instance_type=` or `resources.instance_type`: the VM of serverless compute. */
  instanceType?: SourceValue;
  /** `resources.instance_count`, else `instance_count=`. */
  instanceCount?: CountReading;
  /** `limits.timeout` or `job.set_limits(timeout=...)`, seconds. */
  timeoutSeconds?: number;
}

export function jobSettings(env: SdkEnv, call: CallSite): JobSettings {
  const resources = nestedArgs(env, call, 'resources') ?? {};
  const instanceType = call.kwargs.get('instance_type')?.value ?? resources.instance_type;
  const count = resources.instance_count !== undefined ? countReading(resources.instance_count, 'resources.instance_count') : undefined;
  const timeout = timeoutOf(env, call);
  return {
    ...(instanceType !== undefined && instanceType !== null ? { instanceType } : {}),
    ...(count ? { instanceCount: count } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
  };
}

/** `limits=CommandJobLimits(timeout=...)` on the call, or `job.set_limits(timeout=...)` on what it is bound to. */
function timeoutOf(env: SdkEnv, call: CallSite): number | undefined {
  const limits = nestedArgs(env, call, 'limits');
  const set = call.assignedTo ? env.source.calls.find((c) => c.name === 'set_limits' && c.receiverName === call.assignedTo) : undefined;
  const v = asNumber(limits?.timeout ?? set?.kwargs.get('timeout')?.value, 'timeout');
  return typeof v === 'number' && v > 0 ? v : undefined;
}

/**
 * The VM size a job runs on. A named compute is a cluster: its size comes from the
 * `AmlCompute(name=...)` of this file (or the object passed), else it is unknown here.
 * Without a compute, `instance_type` is the serverless VM; with neither, the service picks.
 */
export function computeOfJob(env: SdkEnv, call: CallSite, instanceType: SourceValue | undefined): { sku: AzureMlGroup['sku']; notes: string[] } {
  const arg = call.kwargs.get('compute');
  if (arg) {
    const cluster = clusterInFile(env, arg);
    if (cluster) return clusterSize(cluster.call, cluster.where);
    const name = asString(arg.value, 'compute');
    if (name instanceof Unresolved) return { sku: { unresolved: name.reason }, notes: [] };
    if (name !== undefined) return { sku: { unresolved: `runs on compute "${name.replace(/^azureml:/, '')}", whose VM size is not defined in this file` }, notes: [] };
  }
  if (instanceType !== undefined) {
    const sku = skuOf(instanceType, 'instance_type');
    return { sku: sku ?? { unresolved: 'instance_type is not set' }, notes: ['serverless compute of the size instance_type names'] };
  }
  return { sku: { unresolved: 'no compute or instance_type: the job runs on serverless compute (or the workspace default) whose VM size is chosen at run time' }, notes: [] };
}

/** The `AmlCompute(...)` of this file a `compute=` argument names or passes, and how it was found. */
export function clusterInFile(env: SdkEnv, arg: Argument): { call: CallSite; where: string } | undefined {
  const bound = arg.name ? env.source.bindings.get(arg.name) : undefined;
  if (bound?.name === 'AmlCompute') return { call: bound, where: 'the AmlCompute(...) it is given' };
  if (typeof arg.value !== 'string') return undefined;
  const cluster = arg.value.replace(/^azureml:/, '');
  const defined = env.source.calls.find((c) => c.name === 'AmlCompute' && c.kwargs.get('name')?.value === cluster);
  return defined ? { call: defined, where: `AmlCompute(name="${cluster}") in this file` } : undefined;
}

function clusterSize(cluster: CallSite, where: string): { sku: AzureMlGroup['sku']; notes: string[] } {
  const size = skuOf(cluster.kwargs.get('size')?.value, 'the cluster\'s size');
  return size === undefined
    ? { sku: AZURE_ML_DEFAULT_SIZE, notes: [`the cluster (${where}) sets no size: the SDK uses ${AZURE_ML_DEFAULT_SIZE}`] }
    : { sku: size, notes: [`VM size from ${where}`] };
}
