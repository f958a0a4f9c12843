/**
 * Azure Machine Learning compute: clusters (AmlCompute) that scale between a minimum and a
 * maximum node count, compute instances billed while running, and managed online deployments
 * of `instance_count` instances. All bill the VM size's rate per node-hour.
 */
import type { CostModel } from '../costModel';
import type { Count } from '../count';
import { pricedItem, type InstanceGroup } from '../instanceGroup';

/**
 * How a cluster's size is written. Terraform's `scale_settings`: a minimum above zero always
 * runs and is priced, else the maximum with every node busy. The SDKs' `min`/`max` arguments:
 * the maximum with every node busy, the minimum stated as the idle floor.
 */
export type ClusterScale =
  | { written: 'scale_settings'; min?: Count; max?: Count }
  | { written: 'sdk'; min: { n: number; arg: string }; max: { n: number; arg: string } };

export interface AmlClusterInput {
  /** The cluster's nodes; `quantity` multiplies the cluster (Terraform `count`). */
  group: InstanceGroup;
  scale: ClusterScale;
  /** Shown after the size note, e.g. the SDK's default VM size. */
  notes?: string[];
}

export const amlComputeCluster: CostModel<AmlClusterInput> = {
  id: 'azure/machine-learning/compute-cluster',
  label: 'Azure ML compute cluster',
  price({ group, scale, notes = [] }, ctx) {
    const size = clusterSize(scale);
    return pricedItem(ctx.catalog, ctx.options, {
      ...group,
      quantity: size.n * group.quantity,
      ...(size.min !== undefined ? { minQuantity: size.min * group.quantity } : {}),
      notes: [...group.notes, size.note, ...notes],
    });
  },
};

function clusterSize(scale: ClusterScale): { n: number; note: string; min?: number } {
  if (scale.written === 'sdk') {
    const { min, max } = scale;
    return { n: max.n, note: `priced with all ${max.n} node${max.n === 1 ? '' : 's'} busy (${max.arg}); it scales down to ${min.n} (${min.arg}) when idle` };
  }
  const { min, max } = scale;
  const floor = min ? { min: min.n } : {};
  if (min && min.n > 0) return { n: min.n, note: `${min.note} (always running)`, ...floor };
  const running = max ?? { n: 1, note: 'no scale_settings; priced as 1 node' };
  return { n: running.n, note: `priced at ${running.note} (all nodes busy); the cluster idles at ${min ? min.n : 0} nodes`, ...floor };
}

/** A compute instance: one VM, billed every hour it is running. */
export const amlComputeInstance: CostModel<InstanceGroup> = {
  id: 'azure/machine-learning/compute-instance',
  label: 'Azure ML compute instance',
  price(group, ctx) {
    return pricedItem(ctx.catalog, ctx.options, { ...group, kind: 'notebook', pricing: 'on-demand', notes: [...group.notes, 'billed while the compute instance is running'] });
  },
};

export interface OnlineDeploymentInput {
  /** The deployment's `instance_type`; its count comes from `instanceCount`. */
  group: InstanceGroup;
  /** `instance_count`; Azure ML's default is 1. */
  instanceCount?: Count;
}

/** A managed online deployment: `instance_count` instances billed every hour the deployment exists. */
export const amlOnlineDeployment: CostModel<OnlineDeploymentInput> = {
  id: 'azure/machine-learning/online-deployment',
  label: 'Azure ML managed online deployment',
  price({ group, instanceCount }, ctx) {
    const count = instanceCount ?? { n: 1, note: 'instance_count not set: Azure ML deploys 1 instance' };
    return pricedItem(ctx.catalog, ctx.options, {
      ...group,
      kind: 'endpoint',
      quantity: count.n * group.quantity,
      notes: [...group.notes, count.note, 'a deployment is billed every hour it exists, whether or not it serves requests'],
    });
  },
};
