import type { PriceCatalog } from '../../catalog/catalog';
import { inferCloud, isSageMakerType } from '../../catalog/naming';
import type { Cloud } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';
import { hyperPodPodShare } from '../../resources/aws/hyperpod';
import { estimate } from '../../resources/costModel';
import { hourlyEstimate } from '../../resources/hours';
import { tpuSlice } from '../../resources/gcp/tpu';
import { attachedGpuRate } from '../../resources/gcp/computeEngine';
import { gpuHourShare } from '../../resources/kubernetes/gpuPods';
import type { CostItem, PricingModel, SourceRange } from '../../model';
import { baseItem, pricedItem, unpricedItem, type InstanceGroup } from '../../resources/instanceGroup';
import { chooseRegion, type RegionChoice } from '../shared/region';
import {
  GKE_ACCELERATOR_LABEL,
  GPU_PRODUCT_LABEL,
  gpuModelFromProduct,
  INSTANCE_TYPE_LABELS,
  ARCH_LABEL,
  KARPENTER_FAMILY_LABEL,
  REGION_LABELS,
  spotSelector,
  type PodRequirements,
} from './podRequirements';
import { cheapestNodes } from './nodeFit';
import { tpuPods } from './tpuPods';
import { n1MachineFor } from './gkeN1Machine';
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

function group(input: PodPricingInput, g: Omit<InstanceGroup, 'file' | 'range' | 'kind' | 'resource' | 'provider' | 'tags'> & { cloud: Cloud }): InstanceGroup {
  return {
    file: input.file,
    range: input.range,
    tagging: { style: 'k8s-labels', ...(input.objectRange ? { range: input.objectRange } : {}) },
    kind: 'k8s-workload',
    resource: resourceName(input),
    provider: g.cloud,
    tags: input.group.labels,
    ...(input.group.minReplicas !== undefined ? { minQuantity: input.group.minReplicas } : {}),
    ...g,
  };
}

/** Pods packed onto whole nodes by GPUs (each pod on its own node when it asks for none). */
function onNodes(input: PodPricingInput, sku: string, notes: string[]): CostItem {
  const { catalog, req, group: pods } = input;
  const offers = catalog.offersFor(sku);
  const cloud = offers[0]?.cloud ?? inferCloud(sku) ?? 'aws';
  const perNode = offers[0]?.accelerator?.count ?? 0;
  const { pricing, notes: spotNotes } = pricingOf(req);
  let nodes = pods.replicas;
  const packing: string[] = [];
  if (req.gpus > 0 && perNode >= 1) {
    const podsPerNode = Math.floor(perNode / req.gpus);
    if (podsPerNode < 1) {
      const why = `each pod asks for ${req.gpus} GPUs but ${sku} has ${perNode}`;
      return unpricedItem(group(input, { cloud, sku, region: regionFor(input, cloud), quantity: pods.replicas, pricing, notes: [pods.replicasNote] }), why);
    }
    nodes = Math.ceil(pods.replicas / podsPerNode);
    packing.push(`${pods.replicas} pod(s) × ${req.gpus} GPU packed ${podsPerNode} per ${sku} node → ${nodes} node(s)`);
  } else {
    packing.push(`one ${sku} node per pod`);
  }
  const item = pricedItem(catalog, input.options, group(input, { cloud, sku, region: regionFor(input, cloud), quantity: nodes, pricing, notes: [pods.replicasNote, ...notes, ...packing, ...spotNotes] }));
  return batchAdjusted(input, item);
}

/** Pods pinned to `ml.*` nodes run on a SageMaker HyperPod cluster: their share of its nodes. */
function onHyperPod(input: PodPricingInput, sku: string, notes: string[]): CostItem {
  const pods = input.group;
  const g = group(input, { cloud: 'aws', sku, region: regionFor(input, 'aws'), quantity: pods.replicas, pricing: 'on-demand', notes: [pods.replicasNote, ...notes] });
  return batchAdjusted(input, estimate(hyperPodPodShare, { pods: g, gpusPerPod: input.req.gpus }, input));
}

/** Karpenter picks a size within the family; the cheapest size that holds the pod's GPUs is priced. */
function onFamily(input: PodPricingInput, families: string[]): CostItem {
  const { catalog, req } = input;
  const region = regionFor(input, 'aws');
  const fits = catalog
    .allInstanceTypes()
    .filter((t) => families.some((f) => t.toLowerCase().startsWith(`${f.toLowerCase()}.`)))
    .flatMap((t) => catalog.offersFor(t).filter((o) => o.cloud === 'aws' && o.service === 'ec2' && o.onDemandUsdPerHour !== null))
    .filter((o) => (o.accelerator?.count ?? 0) >= Math.max(req.gpus, 0) && o.region === (region.value ?? o.region));
  fits.sort((a, b) => (a.onDemandUsdPerHour ?? 0) - (b.onDemandUsdPerHour ?? 0));
  const best = fits[0];
  if (!best) {
    const g = group(input, { cloud: 'aws', sku: { unresolved: `no ${families.join('/')} instance in the catalog holds ${req.gpus} GPU(s) in ${region.value ?? 'the region'}` }, region, quantity: input.group.replicas, pricing: 'on-demand', notes: [] });
    return pricedItem(catalog, input.options, g);
  }
  return onNodes(input, best.instanceType, [
    `${KARPENTER_FAMILY_LABEL} ${families.join('/')}: the cheapest size holding the pod's ${req.gpus} GPU(s) is priced; Karpenter may pick another`,
  ]);
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
  const { catalog, req, group: pods } = input;
  const { pricing, notes } = pricingOf(req);
  const region = regionFor(input, 'gcp');
  const total = req.gpus * pods.replicas;
  const g = group(input, { cloud: 'gcp', sku: accelerator, region, quantity: pods.replicas, pricing, notes: [pods.replicasNote, ...notes] });
  const base = { ...baseItem(g), summary: `${pods.replicas} pod(s) on ${accelerator}` };
  const context = [region.assumption, pods.replicasNote, ...notes, 'GPUs only: the node machine type is not named, so its VM price is not included'];
  if (total === 0) return { ...base, estimate: { hourlyUsd: 0, monthlyUsd: 0, perRunUsd: null, perCallUsd: null }, assumptions: context };
  // GKE attaches the GPUs per node, so one pod's set is the unit that is priced.
  const found = attachedGpuRate(catalog, accelerator, req.gpus, region.value, pricing);
  if (!found.found) return { ...base, assumptions: context, unpricedReason: found.reason };
  const gpuUnit = found.usdPerHour;
  const vm = n1MachineFor(catalog, req.cpus, req.memoryGib, found.offer.region, pricing);
  const unit = gpuUnit + (vm?.usdPerHour ?? 0);
  const item: CostItem = {
    ...base,
    sku: vm ? `${vm.offer.instanceType} + ${accelerator}` : base.sku,
    region: found.offer.region,
    accelerators: { name: found.offer.accelerator?.name ?? accelerator, count: total },
    estimate: hourlyEstimate(unit * pods.replicas, input.options.hoursPerMonth),
    assumptions: [
      `${input.options.hoursPerMonth} h/month`,
      ...(vm ? context.slice(0, -1) : context),
      `${pods.replicas} pod(s) × ${req.gpus} ${accelerator} ($${gpuUnit}/h per pod's GPUs)`,
      ...(vm ? [vm.note] : []),
      ...found.notes,
    ],
    priceSource: catalog.priceSource(found.offer),
  };
  return batchAdjusted(input, item);
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
  const fit = cheapestNodes(catalog, {
    pods: Math.max(pods.replicas, 1),
    gpusPerPod: req.gpus,
    vendor: req.vendor ?? 'nvidia',
    model,
    ...(req.cpus > 0 ? { cpus: req.cpus } : {}),
    ...(req.memoryGib > 0 ? { memoryGib: req.memoryGib } : {}),
    ...(req.selectors.get(ARCH_LABEL)?.includes('arm64') ? { arm: true } : {}),
    ...(within ? { cloud: within.cloud } : {}),
    ...(req.efaDevices > 0 ? { efaDevices: req.efaDevices } : {}),
  });
  if (!fit) return undefined;
  const nodes = pods.replicas === 0 ? 0 : fit.nodes;
  const region: RegionChoice = { value: fit.offer.region, assumption: `region ${fit.offer.region}: the catalog's default for ${fit.offer.cloud} (the pod names no node type or region)` };
  const { pricing, notes: spotNotes } = pricingOf(req);
  const named = pinned ? [pinned.note] : model ? [`GPU model ${model} from ${GPU_PRODUCT_LABEL} ${product?.value}`] : [];
  const notes = [pods.replicasNote, fit.basis, ...named, ...spotNotes];
  const item = pricedItem(catalog, input.options, group(input, { cloud: fit.offer.cloud, sku: fit.offer.instanceType, region, quantity: nodes, pricing, notes }));
  return batchAdjusted(input, item);
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
  if (!input.workload.batch || item.estimate.hourlyUsd === null) return item;
  return {
    ...item,
    estimate: { ...item.estimate, monthlyUsd: null },
    assumptions: [...item.assumptions.filter((a) => !a.endsWith(' h/month')), `${input.workload.kind} runs until it completes: cost per hour while running`],
  };
}
