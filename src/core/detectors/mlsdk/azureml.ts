import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved } from '../../parsing/source/sourceValue';
import { estimate } from '../../resources/costModel';
import { amlComputeCluster, amlComputeInstance } from '../../resources/azure/machineLearning';
import { machineGroup, spreadNote, type SdkEnv } from './sdkItem';

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
const V2: ClusterArgs = { size: 'size', min: 'min_instances', max: 'max_instances', defaultSize: 'Standard_DS3_v2', defaultMax: 1 };

export function azureMlItems(env: SdkEnv, call: CallSite): CostItem[] {
  if (call.name === 'provisioning_configuration' && /(^|\.)AmlCompute$/.test(call.callee.replace(/\.provisioning_configuration$/, ''))) return [cluster(env, call, V1)];
  if (call.name === 'AmlComputeProvisioningConfiguration') return [cluster(env, call, V1)];
  if (call.name === 'AmlCompute' && (call.kwargs.has('size') || call.kwargs.has('max_instances') || call.kwargs.has('name'))) return [cluster(env, call, V2)];
  if (call.name === 'ComputeInstance' && call.kwargs.has('size')) return [instance(env, call)];
  return [];
}

function region(env: SdkEnv, call: CallSite, key: string): { value: string; assumption: string } {
  const own = asString(call.kwargs.get(key)?.value, key);
  if (typeof own === 'string') return { value: own, assumption: `region ${own} from ${key}=` };
  const fallback = env.catalog.meta.defaultRegions.azure;
  return { value: fallback, assumption: `region ${fallback} (default; the cluster takes the workspace's region)` };
}

/** A cluster autoscales between min and max nodes; priced with every node busy, the floor stated. */
function cluster(env: SdkEnv, call: CallSite, args: ClusterArgs): CostItem {
  const notes = [...spreadNote(call)];
  const max = nodes(call, args.max, args.defaultMax, notes);
  const min = nodes(call, args.min, 0, notes);
  const size = asString(call.kwargs.get(args.size)?.value, args.size);
  const group = machineGroup(env, call, {
    kind: 'cluster',
    provider: 'azure',
    cloud: 'azure',
    resource: `azureml ${call.callee}`,
    skuArg: args.size,
    sku: size ?? args.defaultSize,
    quantity: 1,
    region: region(env, call, 'location'),
    pricing: call.kwargs.get('tier')?.value === 'low_priority' || call.kwargs.get('vm_priority')?.value === 'lowpriority' ? 'spot' : 'on-demand',
    assumptions: notes,
  });
  const scale = { written: 'sdk' as const, min: { n: min, arg: args.min }, max: { n: max, arg: args.max } };
  return estimate(amlComputeCluster, { group, scale, notes: size === undefined ? [`${args.size} not set: the SDK uses ${args.defaultSize}`] : [] }, env);
}

function instance(env: SdkEnv, call: CallSite): CostItem {
  return estimate(amlComputeInstance, machineGroup(env, call, {
    kind: 'notebook',
    provider: 'azure',
    cloud: 'azure',
    resource: `azureml ComputeInstance`,
    skuArg: 'size',
    sku: asString(call.kwargs.get('size')?.value, 'size'),
    quantity: 1,
    region: region(env, call, 'location'),
    pricing: 'on-demand',
    assumptions: ['stop it (or set an idle shutdown) to stop the meter', ...spreadNote(call)],
  }), env);
}

function nodes(call: CallSite, key: string, fallback: number, notes: string[]): number {
  const v = asNumber(call.kwargs.get(key)?.value, key);
  if (typeof v === 'number' && v >= 0) return v;
  if (v instanceof Unresolved) notes.push(`${v.reason}; assumed ${fallback}`);
  return fallback;
}
