/**
 * SageMaker Pipelines `EMRStep(cluster_config={...})`: the step starts a transient EMR cluster
 * from `Instances.InstanceGroups` and ends it when the step is done.
 */
import type { CostItem } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, isRecord, type SourceValue } from '../../parsing/source/sourceValue';
import { byInstanceType, emrInstances, type EmrGroup } from '../../resources/aws/emr';
import { estimate } from '../../resources/costModel';
import { sagemakerRegion } from './sagemakerArgs';
import { spreadNote, type SdkEnv } from './sdkItem';

export function isEmrStep(call: CallSite): boolean {
  return call.name === 'EMRStep' && call.kwargs.has('cluster_config');
}

/** One item per instance type of the cluster's groups (MASTER, CORE, TASK), counts summed. */
export function emrStepItems(env: SdkEnv, call: CallSite): CostItem[] {
  const config = call.kwargs.get('cluster_config')?.value;
  const instances = isRecord(config) && isRecord(config.Instances) ? config.Instances : undefined;
  const written = Array.isArray(instances?.InstanceGroups) ? instances.InstanceGroups.filter(isRecord) : [];
  if (written.length === 0) {
    const why = instances?.InstanceFleets !== undefined ? 'the cluster uses InstanceFleets, whose instance types EMR picks at run time' : 'cluster_config has no literal Instances.InstanceGroups';
    return [cluster(env, call, { unresolved: why }, [])];
  }
  const groups: Array<EmrGroup & { sku: string }> = [];
  for (const g of written) {
    const type = asString(g.InstanceType, 'InstanceType');
    if (typeof type !== 'string') return [cluster(env, call, { unresolved: type?.reason ?? 'an instance group has no InstanceType' }, [])];
    groups.push({ sku: type, role: typeof g.InstanceRole === 'string' ? g.InstanceRole : undefined, count: instanceCount(g.InstanceCount) });
  }
  return [...byInstanceType(groups)].map(([type, ofType]) => cluster(env, call, type, ofType));
}

function instanceCount(v: SourceValue | undefined): number {
  const n = asNumber(v, 'InstanceCount');
  return typeof n === 'number' && n >= 0 ? n : 1;
}

function cluster(env: SdkEnv, call: CallSite, sku: string | { unresolved: string }, groups: EmrGroup[]): CostItem {
  const instances = {
    file: env.file,
    range: call.range,
    resource: 'sagemaker EMRStep cluster',
    sku,
    region: sagemakerRegion(env),
    tags: {},
    notes: spreadNote(call),
  };
  return estimate(emrInstances, { instances, groups, transient: true }, env);
}
