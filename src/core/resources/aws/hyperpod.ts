/**
 * SageMaker HyperPod: a cluster's instance groups (`ml.*` types × instance count), billed per
 * instance-hour while the cluster exists, and the share of a HyperPod node that Kubernetes pods
 * pinned to it take (EKS-orchestrated clusters).
 */
import type { CostItem } from '../../model';
import type { CostModel, PricingContext } from '../costModel';
import { hourlyEstimate } from '../hours';
import { pricedItem, type InstanceGroup } from '../instanceGroup';
import { groupSize, type CountReading } from './groupSize';

/** What the price is: the catalog has SageMaker rows per use, none for HyperPod itself. */
export const HYPERPOD_RATE_NOTE = 'HyperPod bills each cluster instance per hour while the cluster exists; priced at the SageMaker rate of the type';

export interface HyperPodGroupInput {
  /** One instance group: its `ml.*` type; its count comes from `count`. */
  group: Omit<InstanceGroup, 'kind' | 'component' | 'pricing'>;
  /** `instance_count` / `InstanceCount`. */
  count: CountReading;
}

export const hyperPodInstanceGroup: CostModel<HyperPodGroupInput> = {
  id: 'aws/sagemaker/hyperpod-instance-group',
  label: 'SageMaker HyperPod cluster instance group',
  price({ group, count }, ctx) {
    const size = groupSize([count], 'instance');
    return pricedItem(ctx.catalog, ctx.options, {
      ...group,
      kind: 'cluster',
      component: 'training',
      pricing: 'on-demand',
      quantity: size.n * group.quantity,
      notes: [...group.notes, size.note, HYPERPOD_RATE_NOTE],
    });
  },
};

export interface HyperPodPodShareInput {
  /** The pods: `sku` is the HyperPod node type they are pinned to, `quantity` the replica count. */
  pods: InstanceGroup;
  /** GPUs each pod asks for; 0 takes a whole node per pod. */
  gpusPerPod: number;
}

/**
 * Pods on a HyperPod node: the node is billed on its cluster, so the pods are priced at their
 * GPUs' share of the node's rate (a pod asking for no GPUs at one whole node each); a pod
 * asking for more GPUs than the node holds cannot run there.
 */
export const hyperPodPodShare: CostModel<HyperPodPodShareInput> = {
  id: 'aws/sagemaker/hyperpod-pod-share',
  label: 'Kubernetes pods on SageMaker HyperPod nodes',
  price({ pods, gpusPerPod }, ctx) {
    const node = pricedItem(ctx.catalog, ctx.options, { ...pods, cloud: 'aws', component: 'training', quantity: 1 });
    const perNode = node.accelerators?.count ?? 0;
    if (perNode > 0 && gpusPerPod > perNode) {
      return { ...node, quantity: pods.quantity, estimate: { ...node.estimate, hourlyUsd: null, monthlyUsd: null }, unpricedReason: `each pod asks for ${gpusPerPod} GPUs but ${String(node.sku)} has ${perNode}` };
    }
    const whole = gpusPerPod <= 0 || perNode <= 0;
    const share = whole ? 1 : gpusPerPod / perNode;
    const basis = whole
      ? `one whole ${String(node.sku)} HyperPod node per pod`
      : `each pod's ${gpusPerPod} of the node's ${perNode} GPUs: ${round4(share)} of a ${String(node.sku)} HyperPod node`;
    return shareOf(ctx, node, pods.quantity, share, [basis, 'the node itself is billed on its HyperPod cluster (AWS::SageMaker::Cluster / aws_sagemaker_cluster): this is the pods\' share of it, not an extra charge']);
  },
};

function shareOf(ctx: PricingContext, node: CostItem, pods: number, share: number, notes: string[]): CostItem {
  const nodeHourly = node.estimate.hourlyUsd;
  const item = { ...node, quantity: pods, summary: `${pods} pod(s) on HyperPod ${String(node.sku)}` };
  if (nodeHourly === null || node.unpricedReason) return { ...item, assumptions: [...node.assumptions, ...notes] };
  const [hours, ...rest] = node.assumptions;
  return {
    ...item,
    accelerators: node.accelerators && { ...node.accelerators, count: round4(node.accelerators.count * share * pods) },
    estimate: hourlyEstimate(nodeHourly * share * pods, ctx.options.hoursPerMonth),
    assumptions: [hours, ...rest, ...notes],
  };
}

function round4(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
