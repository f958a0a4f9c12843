/** What an Azure ML v2 command job runs on: its resources, the compute it names and its time limit. */
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import type { CountReading } from '../../resources/aws/groupSize';
import { AZURE_ML_DEFAULT_SIZE, type AzureMlGroup } from '../../resources/azure/azureMl';
import { countReading, nestedArgs, skuOf } from './azuremlArgs';
import type { SdkEnv } from './sdkItem';

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
    const bound = arg.name ? env.source.bindings.get(arg.name) : undefined;
    if (bound?.name === 'AmlCompute') return clusterSize(bound, 'the AmlCompute(...) it is given');
    const name = asString(arg.value, 'compute');
    if (name instanceof Unresolved) return { sku: { unresolved: name.reason }, notes: [] };
    if (name !== undefined) {
      const cluster = name.replace(/^azureml:/, '');
      const defined = env.source.calls.find((c) => c.name === 'AmlCompute' && c.kwargs.get('name')?.value === cluster);
      if (defined) return clusterSize(defined, `AmlCompute(name="${cluster}") in this file`);
      return { sku: { unresolved: `runs on compute "${cluster}", whose VM size is not defined in this file` }, notes: [] };
    }
  }
  if (instanceType !== undefined) {
    const sku = skuOf(instanceType, 'instance_type');
    return { sku: sku ?? { unresolved: 'instance_type is not set' }, notes: ['serverless compute of the size instance_type names'] };
  }
  return { sku: { unresolved: 'no compute or instance_type: the job runs on serverless compute (or the workspace default) whose VM size is chosen at run time' }, notes: [] };
}

function clusterSize(cluster: CallSite, where: string): { sku: AzureMlGroup['sku']; notes: string[] } {
  const size = skuOf(cluster.kwargs.get('size')?.value, 'the cluster\'s size');
  return size === undefined
    ? { sku: AZURE_ML_DEFAULT_SIZE, notes: [`the cluster (${where}) sets no size: the SDK uses ${AZURE_ML_DEFAULT_SIZE}`] }
    : { sku: size, notes: [`VM size from ${where}`] };
}
