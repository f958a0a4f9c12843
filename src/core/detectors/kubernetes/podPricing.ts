import { CLOUD_NAMES, type PriceCatalog } from '../../catalog/catalog';
import { isSageMakerType } from '../../catalog/naming';
import type { Cloud } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';
import { hyperPodPodShare } from '../../resources/aws/hyperpod';
import { cheapestFamilySize } from '../../resources/aws/karpenter';
import { estimate } from '../../resources/costModel';
import { gkeAttachedGpuPods } from '../../resources/gcp/gkeGpuPods';
import { tpuSlice } from '../../resources/gcp/tpu';
import { gpuHourShare } from '../../resources/kubernetes/gpuPods';
import { cheapestNodes } from '../../resources/kubernetes/nodeFit';
import { nodeTypeCloud, podsOnFittedNodes, podsOnNodeType } from '../../resources/kubernetes/wholeNodes';
import type { CostItem, PricingModel, SourceRange } from '../../model';
import { unpricedItem, type InstanceGroup } from '../../resources/instanceGroup';
import { untilItCompletes } from '../../resources/runLength';
import { chooseRegion, type RegionChoice } from '../shared/region';
import {
  GKE_ACCELERATOR_LABEL,
  GPU_PRODUCT_LABEL,
  gpuModelFromProduct,
  INSTANCE_TYPE_LABELS,
  ARCH_LABEL,
  KARPENTER_FAMILY_LABEL,
  REGION_LABELS,
  selectorPlatform,
  spotSelector,
  type PodRequirements,
} from './podRequirements';
import { tpuPods } from './tpuPods';
import type { PodGroup, Workload } from './workloads';

export interface PodPricingInput {
  catalog: PriceCatalog;
  options: EngineOptions;
  file: string;
  range: SourceRange;
  /** The manifest's top-level mapping, which owns `metadata.labels`. */
  objectRange?: SourceRange;
  workload: Workload;
  group: PodGroup;
  req: PodRequirements;
}

/** Prices one pod group by its node type, its GKE accelerator, or its GPU-hours; undefined when it asks for neither. */
export function pricePodGroup(input: PodPricingInput): CostItem | undefined {
  const { req } = input;
  const instanceType = firstOf(req.selectors, INSTANCE_TYPE_LABELS);
  if (instanceType && isSageMakerType(instanceType.value)) return onHyperPod(input, instanceType.value, [`HyperPod node type from nodeSelector/affinity ${instanceType.label}`]);
  if (instanceType) return onNodes(input, instanceType.value, [`node type from nodeSelector/affinity ${instanceType.label}`]);
  const family = req.selectors.get(KARPENTER_FAMILY_LABEL);
  if (family) return onFamily(input, family);
  if (req.tpuChips > 0) return tpuHosts(input);
  const gke = req.selectors.get(GKE_ACCELERATOR_LABEL)?.[0];
  if (gke && req.gpus > 0) return gkeNodes(input, gke) ?? gkeGpus(input, gke);
  if (req.gpus > 0) return input.options.gpuHourRate ? gpuHours(input) : (fittedNodes(input) ?? gpuHours(input));
  // CPU-only pods are sized by their requests; a pod that asks for nothing has no size to price.
  if (req.cpus > 0 || req.memoryGib > 0) return fittedNodes(input);
  return undefined;
}

function firstOf(selectors: Map<string, string[]>, labels: string[]): { label: string; value: string } | undefined {
  for (const label of labels) {
    const v = selectors.get(label)?.[0];
    if (v) return { label, value: v };
  }
  return undefined;
}

function resourceName(input: PodPricingInput): string {
  const { workload, group } = input;
  return `${workload.kind}/${workload.name}${group.role ? ` [${group.role}]` : ''}`;
}

function pricingOf(req: PodRequirements): { pricing: PricingModel; notes: string[] } {
  const spot = spotSelector(req.selectors);
  return spot ? { pricing: 'spot', notes: [`spot from node selector ${spot}`] } : { pricing: 'on-demand', notes: [] };
}

function regionFor(input: PodPricingInput, cloud: Cloud): RegionChoice {
  const written = firstOf(input.req.selectors, REGION_LABELS);
  return chooseRegion(cloud, [written && { value: written.value, from: `node selector ${written.label}` }], input.options, input.catalog);
}

/** The pods' identity, count and notes, before a node type, region or cloud is known. */
function podFields(input: PodPricingInput, g: Pick<InstanceGroup, 'quantity' | 'pricing' | 'notes'>): Omit<InstanceGroup, 'sku' | 'region' | 'cloud' | 'provider'> {
  return {
    file: input.file,
    range: input.range,
    tagging: { style: 'k8s-labels', ...(input.objectRange ? { range: input.objectRange } : {}) },
    kind: 'k8s-workload',
    resource: resourceName(input),
    tags: input.group.labels,
    ...(input.group.minReplicas !== undefined ? { minQuantity: input.group.minReplicas } : {}),
    ...g,
  };
}

function group(input: PodPricingInput, g: Pick<InstanceGroup, 'sku' | 'region' | 'quantity' | 'pricing' | 'notes'> & { cloud: Cloud }): InstanceGroup {
  return { ...podFields(input, g), provider: g.cloud, ...g };
}

/** Pods on a named node type: whole nodes, packed by GPUs. */
function onNodes(input: PodPricingInput, sku: string, source: string[]): CostItem {
  const { req, group: pods } = input;
  const cloud = nodeTypeCloud(input.catalog, sku);
  const { pricing, notes: spotNotes } = pricingOf(req);
  const g = group(input, { cloud, sku, region: regionFor(input, cloud), quantity: pods.replicas, pricing, notes: [pods.replicasNote] });
  return batchAdjusted(input, estimate(podsOnNodeType, { pods: { ...g, sku }, gpusPerPod: req.gpus, source, after: spotNotes }, input));
}

/** Pods pinned to `ml.*` nodes run on a SageMaker HyperPod cluster: their share of its nodes. */
function onHyperPod(input: PodPricingInput, sku: string, notes: string[]): CostItem {
  const pods = input.group;
  const g = group(input, { cloud: 'aws', sku, region: regionFor(input, 'aws'), quantity: pods.replicas, pricing: 'on-demand', notes: [pods.replicasNote, ...notes] });
  return batchAdjusted(input, estimate(hyperPodPodShare, { pods: g, gpusPerPod: input.req.gpus }, input));
}

/** Karpenter picks a size within the family; the cheapest size that holds the pod's GPUs is priced. */
function onFamily(input: PodPricingInput, families: string[]): CostItem {
  const region = regionFor(input, 'aws');
  const choice = cheapestFamilySize(input.catalog, { label: KARPENTER_FAMILY_LABEL, families }, input.req.gpus, region);
  if ('unresolved' in choice) {
    return unpricedItem(group(input, { cloud: 'aws', sku: choice, region, quantity: input.group.replicas, pricing: 'on-demand', notes: [] }), choice.unresolved);
  }
  return onNodes(input, choice.type, [choice.note]);
}

/**
 * GKE accelerator label without a machine type, for GPUs that come in whole machine types
 * (L4 in G2, A100 in A2, H100 in A3): the cheapest such machine holding the pod, VM included.
 */
function gkeNodes(input: PodPricingInput, accelerator: string): CostItem | undefined {
  const found = input.catalog.gcpAcceleratorPrice(accelerator, input.req.gpus);
  const model = found.found ? found.offer.accelerator?.name : undefined;
  if (!model) return undefined;
  return fittedNodes(input, { cloud: 'gcp', model, note: `GPU model ${model} from ${GKE_ACCELERATOR_LABEL} ${accelerator}: GKE machine types that carry it` });
}

/** GKE accelerator label without a machine type, for GPUs attached to N1 VMs: the GPUs plus the smallest N1 VM that holds the pod. */
function gkeGpus(input: PodPricingInput, accelerator: string): CostItem {
  const { req, group: pods } = input;
  const { pricing, notes } = pricingOf(req);
  const g = group(input, { cloud: 'gcp', sku: accelerator, region: regionFor(input, 'gcp'), quantity: pods.replicas, pricing, notes: [pods.replicasNote, ...notes] });
  return batchAdjusted(input, estimate(gkeAttachedGpuPods, { pods: { ...g, sku: accelerator }, gpusPerPod: req.gpus, cpus: req.cpus, memoryGib: req.memoryGib }, input));
}

/** GKE TPU pods: the chips of all their hosts, priced per chip from the generation's slice rows. */
function tpuHosts(input: PodPricingInput): CostItem {
  const { req, group: pods } = input;
  const { pricing, notes } = pricingOf(req);
  const tpu = tpuPods(req, pods.replicas);
  const sku = 'slice' in tpu ? tpu.accelerator : 'google.com/tpu';
  const hosts = group(input, { cloud: 'gcp', sku, region: regionFor(input, 'gcp'), quantity: pods.replicas, pricing, notes: [pods.replicasNote, ...notes] });
  return batchAdjusted(input, estimate(tpuSlice, { hosts, slice: tpu, summary: `${pods.replicas} TPU host pod(s)` }, input));
}

/** No node type: whole nodes of the cheapest type that fits (GPU nodes for GPU pods, CPU nodes for CPU-only pods), stated; undefined when none fits. */
function fittedNodes(input: PodPricingInput, within?: { cloud: Cloud; model: string; note: string }): CostItem | undefined {
  const { catalog, req, group: pods } = input;
  const product = firstOf(req.selectors, [GPU_PRODUCT_LABEL]);
  const pinned = req.gpus > 0 ? (within ?? input.group.gpuModel) : undefined;
  const model = pinned?.model ?? (product ? gpuModelFromProduct(product.value) : undefined);
  if (product && !model) return undefined;
  const platform = within ? undefined : selectorPlatform(req.selectors);
  const cloud = within?.cloud ?? platform?.cloud;
  const fit = cheapestNodes(catalog, {
    pods: Math.max(pods.replicas, 1),
    gpusPerPod: req.gpus,
    vendor: req.vendor ?? 'nvidia',
    model,
    ...(req.cpus > 0 ? { cpus: req.cpus } : {}),
    ...(req.memoryGib > 0 ? { memoryGib: req.memoryGib } : {}),
    ...(req.selectors.get(ARCH_LABEL)?.includes('arm64') ? { arm: true } : {}),
    ...(cloud ? { cloud } : {}),
    ...(req.efaDevices > 0 ? { efaDevices: req.efaDevices } : {}),
  });
  if (!fit) return undefined;
  const { pricing, notes: spotNotes } = pricingOf(req);
  const named = pinned ? [pinned.note] : model ? [`GPU model ${model} from ${GPU_PRODUCT_LABEL} ${product?.value}`] : [];
  const platformNote = platform ? [`only ${CLOUD_NAMES[platform.cloud]} node types: node selector ${platform.label} ties the pod to ${CLOUD_NAMES[platform.cloud]}`] : [];
  const placed = podFields(input, { quantity: pods.replicas, pricing, notes: [pods.replicasNote] });
  return batchAdjusted(input, estimate(podsOnFittedNodes, { pods: placed, fit, subject: 'the pod', after: [...named, ...platformNote, ...spotNotes] }, input));
}

/** GPUs with no node type and a configured rate (or no node that fits): the pod's share of GPU-hours at a stated per-GPU rate. */
function gpuHours(input: PodPricingInput): CostItem {
  const { req, group: pods } = input;
  const vendor = req.vendor ?? 'nvidia';
  const product = req.selectors.get(GPU_PRODUCT_LABEL)?.[0];
  const model = product ? gpuModelFromProduct(product) : undefined;
  const region: RegionChoice = { value: null, assumption: 'no node type or region: priced per GPU-hour, not per instance' };
  const g = group(input, { cloud: 'aws', sku: `${req.gpuResource ?? 'GPU'}`, region, quantity: pods.replicas, pricing: 'on-demand', notes: [pods.replicasNote] });
  const modelNotes = product ? [model ? `GPU model ${model} from ${GPU_PRODUCT_LABEL} ${product}` : `${GPU_PRODUCT_LABEL} ${product} names no GPU the catalog knows; any ${vendor} GPU`] : [];
  return batchAdjusted(input, estimate(gpuHourShare, { pods: g, gpusPerPod: req.gpus, gpuResource: req.gpuResource, vendor, model, modelNotes }, input));
}

/** Jobs run until they finish: an hourly figure while running, no monthly one. */
function batchAdjusted(input: PodPricingInput, item: CostItem): CostItem {
  return input.workload.batch ? untilItCompletes(item, input.workload.kind) : item;
}
