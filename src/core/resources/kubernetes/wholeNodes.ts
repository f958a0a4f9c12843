/**
 * Kubernetes pods billed as the whole nodes they occupy: pods pinned to a node type are packed
 * onto its nodes by GPUs (one node per pod when they ask for none); pods that name no node type
 * run on the nodes `nodeFit.ts` chooses (the cheapest type whose whole nodes hold them).
 */
import type { PriceCatalog } from '../../catalog/catalog';
import { inferCloud } from '../../catalog/naming';
import type { Cloud } from '../../catalog/types';
import type { CostModel } from '../costModel';
import { pricedItem, unpricedItem, type InstanceGroup } from '../instanceGroup';
import type { NodeFit } from './nodeFit';

/** The cloud a node type belongs to: its catalog rows', else its name's, else AWS. */
export function nodeTypeCloud(catalog: PriceCatalog, sku: string): Cloud {
  return catalog.offersFor(sku)[0]?.cloud ?? inferCloud(sku) ?? 'aws';
}

export interface NodeTypePodsInput {
  /** The pods: `sku` the node type, `quantity` the replicas, `notes` how many and why. */
  pods: InstanceGroup & { sku: string };
  gpusPerPod: number;
  /** Where the node type came from (a node selector, a Karpenter family's cheapest size). */
  source: string[];
  /** Notes after the packing (the spot selector). */
  after: string[];
}

/** Pods packed onto whole nodes of a named type: by GPUs, or one node per pod without GPUs. */
export const podsOnNodeType: CostModel<NodeTypePodsInput> = {
  id: 'kubernetes/pods-on-node-type',
  label: 'Kubernetes pods on whole nodes of a named type',
  price({ pods, gpusPerPod, source, after }, ctx) {
    const sku = pods.sku;
    const perNode = ctx.catalog.offersFor(sku)[0]?.accelerator?.count ?? 0;
    if (gpusPerPod <= 0 || perNode < 1) {
      return pricedItem(ctx.catalog, ctx.options, { ...pods, notes: [...pods.notes, ...source, `one ${sku} node per pod`, ...after] });
    }
    const podsPerNode = Math.floor(perNode / gpusPerPod);
    if (podsPerNode < 1) return unpricedItem(pods, `each pod asks for ${gpusPerPod} GPUs but ${sku} has ${perNode}`);
    const nodes = Math.ceil(pods.quantity / podsPerNode);
    const packing = `${pods.quantity} pod(s) × ${gpusPerPod} GPU packed ${podsPerNode} per ${sku} node → ${nodes} node(s)`;
    return pricedItem(ctx.catalog, ctx.options, { ...pods, quantity: nodes, notes: [...pods.notes, ...source, packing, ...after] });
  },
};

export interface FittedNodesInput {
  /** The pods (`quantity` the replicas, 0 for none); node type, region and cloud come from `fit`. */
  pods: Omit<InstanceGroup, 'sku' | 'region' | 'cloud' | 'provider'>;
  /** The node type `cheapestNodes` chose for them. */
  fit: NodeFit;
  /** What names no node type, for the region sentence: `the pod`, `the TrainJob`. */
  subject: string;
  /** Notes after the choice (the GPU model's source, the spot selector). */
  after: string[];
}

/** Pods with no node type: the fitted nodes, in the catalog's default region of their cloud. */
export const podsOnFittedNodes: CostModel<FittedNodesInput> = {
  id: 'kubernetes/pods-on-fitted-nodes',
  label: 'Kubernetes pods on the cheapest whole nodes that hold them',
  price({ pods, fit, subject, after }, ctx) {
    const { cloud, region } = fit.offer;
    return pricedItem(ctx.catalog, ctx.options, {
      ...pods,
      provider: cloud,
      cloud,
      sku: fit.offer.instanceType,
      region: { value: region, assumption: `region ${region}: the catalog's default for ${cloud} (${subject} names no node type or region)` },
      quantity: pods.quantity === 0 ? 0 : fit.nodes,
      notes: [...pods.notes, fit.basis, ...after],
    });
  },
};
