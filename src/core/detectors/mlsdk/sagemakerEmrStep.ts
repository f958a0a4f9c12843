/**
 * SageMaker Pipelines `EMRStep(cluster_config={...})`: the step starts a transient EMR cluster
 * from `Instances.InstanceGroups` and ends it when the step is done.
 */
import { round } from '../../estimate/instanceEstimate';
import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, isRecord, type SourceValue } from '../../parsing/source/sourceValue';
import { sagemakerRegion } from './sagemakerArgs';
import { machineItem, spreadNote, type SdkEnv } from './sdkItem';

export function isEmrStep(call: CallSite): boolean {
  return call.name === 'EMRStep' && call.kwargs.has('cluster_config');
}

/** One item per instance type of the cluster's groups (MASTER, CORE, TASK), counts summed. */
export function emrStepItems(env: SdkEnv, call: CallSite): CostItem[] {
  const config = call.kwargs.get('cluster_config')?.value;
  const instances = isRecord(config) && isRecord(config.Instances) ? config.Instances : undefined;
  const groups = Array.isArray(instances?.InstanceGroups) ? instances.InstanceGroups.filter(isRecord) : [];
  if (groups.length === 0) {
    const why = instances?.InstanceFleets !== undefined ? 'the cluster uses InstanceFleets, whose instance types EMR picks at run time' : 'cluster_config has no literal Instances.InstanceGroups';
    return [unreadable(env, call, why)];
  }
  const byType = new Map<string, { count: number; roles: string[] }>();
  for (const g of groups) {
    const type = asString(g.InstanceType, 'InstanceType');
    if (typeof type !== 'string') return [unreadable(env, call, type?.reason ?? 'an instance group has no InstanceType')];
    const entry = byType.get(type) ?? { count: 0, roles: [] };
    entry.count += instanceCount(g.InstanceCount);
    entry.roles.push(`${typeof g.InstanceRole === 'string' ? g.InstanceRole : 'group'} × ${instanceCount(g.InstanceCount)}`);
    byType.set(type, entry);
  }
  return [...byType].map(([type, { count, roles }]) => withoutEmrFee(clusterItem(env, call, type, count, [`instance groups: ${roles.join(', ')}`])));
}

function instanceCount(v: SourceValue | undefined): number {
  const n = asNumber(v, 'InstanceCount');
  return typeof n === 'number' && n >= 0 ? n : 1;
}

function clusterItem(env: SdkEnv, call: CallSite, sku: string | undefined, quantity: number, notes: string[]): CostItem {
  return machineItem(env, call, {
    kind: 'cluster',
    provider: 'aws',
    cloud: 'aws',
    resource: 'sagemaker EMRStep cluster',
    skuArg: 'cluster_config',
    sku,
    quantity,
    region: sagemakerRegion(env),
    pricing: 'on-demand',
    whileRunning: 'the transient cluster is billed while the step runs; its length is not in the code',
    assumptions: [...notes, ...spreadNote(call)],
  });
}

/**
 * EMR bills each instance's EC2 price plus an EMR fee per instance-hour; the catalog has the
 * first and not the second, so the item gives the EC2 part in its reason instead of a figure
 * that would be too low.
 */
function withoutEmrFee(item: CostItem): CostItem {
  if (item.unpricedReason || item.estimate.hourlyUsd === null) return item;
  const ec2 = round(item.estimate.hourlyUsd, 4);
  return {
    ...item,
    estimate: { ...item.estimate, hourlyUsd: null, monthlyUsd: null },
    unpricedReason: `EMR bills the EC2 price ($${ec2}/h for these ${item.quantity} instances) plus its own per-instance fee, which the bundled catalog does not carry`,
  };
}

function unreadable(env: SdkEnv, call: CallSite, reason: string): CostItem {
  return { ...clusterItem(env, call, undefined, 1, []), unpricedReason: reason };
}
