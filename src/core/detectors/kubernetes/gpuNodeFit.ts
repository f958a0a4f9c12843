import type { PriceCatalog } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';
import { sameGpu, vendorLabel, vendorOf, type GpuVendor } from '../shared/gpuRate';

/** What a group of identical pods asks for, when no node type is named. */
export interface GpuNodeRequest {
  pods: number;
  gpusPerPod: number;
  vendor: GpuVendor;
  /** A GPU model named by a node selector (`A100`), when there is one. */
  model?: string;
  /** Requested vCPUs and memory per pod, when written. */
  cpus?: number;
  memoryGib?: number;
}

/** The cheapest way to run the pods on whole nodes of one GPU-bearing type. */
export interface GpuNodeFit {
  offer: InstanceOffer;
  nodes: number;
  podsPerNode: number;
  /** The sentence that says how the node type was chosen. */
  basis: string;
}

/** One row per GPU instance type (in the catalog's default region for its cloud), built once per catalog. */
const gpuRows = new WeakMap<PriceCatalog, InstanceOffer[]>();

function wholeGpuNodes(catalog: PriceCatalog): InstanceOffer[] {
  const cached = gpuRows.get(catalog);
  if (cached) return cached;
  const rows: InstanceOffer[] = [];
  for (const type of catalog.allInstanceTypes()) {
    const offers = catalog.offersFor(type);
    const first = offers[0];
    // Fractional GPUs (Azure NVv4-style slices) are not what a `nvidia.com/gpu: 1` request gets.
    if (!first || first.kind !== 'instance' || first.service === 'sagemaker' || !first.accelerator || !Number.isInteger(first.accelerator.count) || first.accelerator.count < 1) continue;
    const home = catalog.meta.defaultRegions[first.cloud];
    const row = offers.find((o) => o.region === home && o.onDemandUsdPerHour !== null) ?? offers.find((o) => o.onDemandUsdPerHour !== null);
    if (row) rows.push(row);
  }
  gpuRows.set(catalog, rows);
  return rows;
}

/** How many of the pods one node holds: by GPUs, then by vCPUs and memory when the pod asks for them. */
function podsPerNode(offer: InstanceOffer, req: GpuNodeRequest): number {
  let n = Math.floor((offer.accelerator?.count ?? 0) / req.gpusPerPod);
  if (req.cpus && offer.vcpus) n = Math.min(n, Math.floor(offer.vcpus / req.cpus));
  if (req.memoryGib && offer.memoryGib) n = Math.min(n, Math.floor(offer.memoryGib / req.memoryGib));
  return n;
}

/**
 * The node type whose whole nodes hold all the pods for the least on-demand money: 16 GPUs as
 * 2 pods × 8 land on two 8-GPU nodes, not on sixteen GPU-hours of the cheapest 1-GPU card.
 */
export function cheapestGpuNodes(catalog: PriceCatalog, req: GpuNodeRequest): GpuNodeFit | undefined {
  if (req.pods < 1 || req.gpusPerPod <= 0) return undefined;
  let best: { offer: InstanceOffer; nodes: number; perNode: number; total: number } | undefined;
  for (const offer of wholeGpuNodes(catalog)) {
    if (vendorOf(catalog, offer) !== req.vendor) continue;
    if (req.model && !sameGpu(catalog, offer.accelerator?.name ?? '', req.model)) continue;
    const perNode = podsPerNode(offer, req);
    if (perNode < 1) continue;
    const nodes = Math.ceil(req.pods / perNode);
    const total = nodes * (offer.onDemandUsdPerHour ?? Infinity);
    if (!best || total < best.total || (total === best.total && nodes < best.nodes)) best = { offer, nodes, perNode, total };
  }
  if (!best) return undefined;
  const { offer, nodes, perNode } = best;
  const asks = [`${req.gpusPerPod} ${req.model ?? vendorLabel(req.vendor)} GPU`, req.cpus ? `${req.cpus} vCPU` : '', req.memoryGib ? `${req.memoryGib} GiB` : ''].filter(Boolean).join(', ');
  return {
    offer,
    nodes,
    podsPerNode: perNode,
    basis: `no node type: priced as the cheapest whole-GPU node that fits ${req.pods} pod(s) of ${asks}: ${nodes} × ${offer.instanceType} (${offer.accelerator?.count} × ${offer.accelerator?.name}, ${offer.cloud} ${offer.region}, ${perNode} pod(s) per node); your cluster's nodes may differ`,
  };
}
