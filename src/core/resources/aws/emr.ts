/**
 * An EMR cluster's instance groups (MASTER, CORE, TASK): each instance bills its EC2 price plus
 * EMR's own fee per instance-hour. The bundled catalog carries the EC2 rate and not the fee, so
 * an item gives the EC2 part in its reason instead of a figure that would be too low. Used by
 * SageMaker Pipelines' `EMRStep(cluster_config=...)`, whose cluster is transient.
 */
import { round } from '../../estimate/instanceEstimate';
import type { CostItem } from '../../model';
import type { CostModel } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';
import { whileRunning } from '../runLength';

/** Why a transient cluster has no monthly figure: it ends with its step. */
export const TRANSIENT_CLUSTER_NOTE = 'the transient cluster is billed while the step runs; its length is not in the code';

/** One instance group as written: its role (`MASTER`, `CORE`, `TASK`, or none written) and count. */
export interface EmrGroup {
  role: string | undefined;
  count: number;
}

export interface EmrInstancesInput {
  /** The cluster's identity, region and the groups' instance type (or why it is unknown); the count comes from `groups`. */
  instances: Omit<InstanceGroup, 'kind' | 'component' | 'pricing' | 'provider' | 'cloud' | 'quantity'>;
  /** The cluster's groups of that type; none when the groups could not be read. */
  groups: EmrGroup[];
  /** A transient cluster (one a pipeline step starts and ends) is billed per hour while it runs, never monthly. */
  transient: boolean;
}

/** The instances of one type in an EMR cluster: their groups' counts summed, at the EC2 rate plus EMR's fee. */
export const emrInstances: CostModel<EmrInstancesInput> = {
  id: 'aws/emr/instance-groups',
  label: 'EMR cluster instances of one instance type',
  price({ instances, groups, transient }, ctx) {
    const quantity = groups.length > 0 ? groups.reduce((n, g) => n + g.count, 0) : 1;
    const roles = groups.length > 0 ? [`instance groups: ${groups.map((g) => `${g.role ?? 'group'} × ${g.count}`).join(', ')}`] : [];
    const ec2 = pricedItem(ctx.catalog, ctx.options, {
      ...instances,
      kind: 'cluster',
      provider: 'aws',
      cloud: 'aws',
      pricing: 'on-demand',
      quantity,
      notes: [...roles, ...instances.notes],
    });
    return withoutEmrFee(transient ? whileRunning(ec2, TRANSIENT_CLUSTER_NOTE) : ec2);
  },
};

/** A cluster's groups by instance type, in the order the types first appear: one item per type. */
export function byInstanceType(groups: ReadonlyArray<EmrGroup & { sku: string }>): Map<string, EmrGroup[]> {
  const byType = new Map<string, EmrGroup[]>();
  for (const { sku, role, count } of groups) byType.set(sku, [...(byType.get(sku) ?? []), { role, count }]);
  return byType;
}

/** The EC2 part goes in the reason: without EMR's fee a figure would understate the cluster. */
function withoutEmrFee(item: CostItem): CostItem {
  if (item.unpricedReason || item.estimate.hourlyUsd === null) return item;
  const ec2 = round(item.estimate.hourlyUsd, 4);
  return {
    ...item,
    estimate: { ...item.estimate, hourlyUsd: null, monthlyUsd: null },
    unpricedReason: `EMR bills the EC2 price ($${ec2}/h for these ${item.quantity} instances) plus its own per-instance fee, which the bundled catalog does not carry`,
  };
}
