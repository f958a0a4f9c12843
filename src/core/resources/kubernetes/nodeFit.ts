import type { PriceCatalog } from '../../catalog/catalog';
import type { Cloud, InstanceOffer } from '../../catalog/types';
import { sameGpu, vendorLabel, vendorOf, type GpuVendor } from './gpuRate';

/** What a group of identical pods asks for, when no node type is named. */
export interface NodeRequest {
  pods: number;
  /** GPUs per pod; 0 for a CPU-only pod, which is then fitted on CPU nodes by vCPUs and memory. */
  gpusPerPod: number;
  vendor: GpuVendor;
  /** A GPU model named by a node selector (`A100`), when there is one. */
  model?: string;
  /** Requested vCPUs and memory per pod, when written. */
  cpus?: number;
  memoryGib?: number;
  /** The pod selects `kubernetes.io/arch: arm64`, so Arm hosts are what it wants. */
  arm?: boolean;
  /** Only this cloud's node types (a GKE node selector), when the pod names one. */
  cloud?: Cloud;
  /** EFA devices (`vpc.amazonaws.com/efa`) per pod, when asked for. */
  efaDevices?: number;
}

/**
 * EFA devices of the Neuron instance types that have them, per the AWS Neuron documentation
 * ("How to prepare trn1.32xlarge for multi-node execution": trn1.32xlarge has 8 EFA devices,
 * trn1n.32xlarge 16; EFA is not available on the smaller sizes). A Neuron pod asking for EFA
 * devices is a multi-node training pod, which only these hold.
 */
const NEURON_EFA_DEVICES: Readonly<Record<string, number>> = { 'trn1.32xlarge': 8, 'trn1n.32xlarge': 16 };

/** The cheapest way to run the pods on whole nodes of one type. */
export interface NodeFit {
  offer: InstanceOffer;
  nodes: number;
  podsPerNode: number;
  /** The sentence that says how the node type was chosen. */
  basis: string;
}

/** Clouds whose managed Kubernetes (EKS, GKE, AKS) offers node pools of a VM type; Lambda sells VMs only. */
const KUBERNETES_CLOUDS: ReadonlySet<Cloud> = new Set<Cloud>(['aws', 'gcp', 'azure']);

/**
 * GPUs a cluster is not given for compute today: K80 (Kepler) is not supported by CUDA 12, and
 * M60 is the Azure NV-series part sold for remote visualisation.
 */
const NOT_FOR_COMPUTE = /^(K80|M60)$/i;

/** Arm hosts by the providers' names: AWS Graviton families end their generation in `g` (`g5g`, `m7g`, `c6gn`), GCP's are t2a/c4a. */
export function isArmInstance(offer: InstanceOffer): boolean {
  if (offer.cloud === 'aws') return /^[a-z]+\d+g[a-z]*\./i.test(offer.instanceType);
  if (offer.cloud === 'gcp') return /^(t2a|c4a)-/i.test(offer.instanceType);
  return false;
}

type RowKind = 'gpu' | 'cpu';

/** One row per instance type (in the catalog's default region for its cloud), per kind, built once per catalog. */
const rowCache = new WeakMap<PriceCatalog, Map<RowKind, InstanceOffer[]>>();

function isNodeRow(o: InstanceOffer, kind: RowKind): boolean {
  if (o.kind !== 'instance' || o.service === 'sagemaker') return false;
  // Fractional GPUs (Azure NVv4-style slices) are not what a `nvidia.com/gpu: 1` request gets.
  if (kind === 'gpu') return !!o.accelerator && Number.isInteger(o.accelerator.count) && o.accelerator.count >= 1;
  // A CPU node is only fitted when the catalog states its vCPUs and memory.
  return !o.accelerator && typeof o.vcpus === 'number' && typeof o.memoryGib === 'number';
}

function nodeRows(catalog: PriceCatalog, kind: RowKind): InstanceOffer[] {
  let byKind = rowCache.get(catalog);
  if (!byKind) rowCache.set(catalog, (byKind = new Map()));
  const cached = byKind.get(kind);
  if (cached) return cached;
  const rows: InstanceOffer[] = [];
  for (const type of catalog.allInstanceTypes()) {
    // GCP lists a machine type twice: with its GPUs and as the VM part alone; only whole rows are nodes.
    const offers = catalog.offersFor(type).filter((o) => isNodeRow(o, kind));
    const first = offers[0];
    if (!first) continue;
    const home = catalog.meta.defaultRegions[first.cloud];
    const row = offers.find((o) => o.region === home && o.onDemandUsdPerHour !== null) ?? offers.find((o) => o.onDemandUsdPerHour !== null);
    if (row) rows.push(row);
  }
  byKind.set(kind, rows);
  return rows;
}

/** How many of the pods one node holds: by GPUs (when asked), then by vCPUs and memory when the pod asks for them. */
function podsPerNode(offer: InstanceOffer, req: NodeRequest): number {
  let n = req.gpusPerPod > 0 ? Math.floor((offer.accelerator?.count ?? 0) / req.gpusPerPod) : Number.MAX_SAFE_INTEGER;
  if (req.cpus && offer.vcpus) n = Math.min(n, Math.floor(offer.vcpus / req.cpus));
  if (req.memoryGib && offer.memoryGib) n = Math.min(n, Math.floor(offer.memoryGib / req.memoryGib));
  return Math.min(n, req.pods);
}

/** Why a row is not a realistic default node for this request, or undefined when it is. */
function unrealistic(offer: InstanceOffer, req: NodeRequest): string | undefined {
  if (!KUBERNETES_CLOUDS.has(offer.cloud)) return 'clouds without a managed Kubernetes node pool (Lambda)';
  if (isArmInstance(offer) && !req.arm) return 'Arm hosts (AWS Graviton, e.g. g5g, m7g), which x86 container images do not run on, unless the pod selects kubernetes.io/arch arm64';
  if (req.gpusPerPod > 0 && !req.model && NOT_FOR_COMPUTE.test(offer.accelerator?.name ?? '')) return 'GPUs not offered for compute (K80, M60)';
  return undefined;
}

function matches(catalog: PriceCatalog, offer: InstanceOffer, req: NodeRequest): boolean {
  if (req.cloud && offer.cloud !== req.cloud) return false;
  if (req.gpusPerPod <= 0) return true;
  if (vendorOf(catalog, offer) !== req.vendor) return false;
  if (req.vendor === 'aws-neuron' && (req.efaDevices ?? 0) > 0 && (NEURON_EFA_DEVICES[offer.instanceType] ?? 0) < (req.efaDevices ?? 0)) return false;
  return !req.model || sameGpu(catalog, offer.accelerator?.name ?? '', req.model);
}

/**
 * The node type whose whole nodes hold all the pods for the least on-demand money: 16 GPUs as
 * 2 pods × 8 land on two 8-GPU nodes, not on sixteen GPU-hours of the cheapest 1-GPU card; a
 * CPU-only pod of 2 vCPU / 4 GiB lands on the cheapest CPU node with that much. Node types a
 * Kubernetes cluster would not realistically get by default are left out (and the basis says
 * so) unless nothing else fits.
 */
export function cheapestNodes(catalog: PriceCatalog, req: NodeRequest): NodeFit | undefined {
  if (req.pods < 1 || req.gpusPerPod < 0) return undefined;
  if (req.gpusPerPod === 0 && !req.cpus && !req.memoryGib) return undefined;
  const candidates = nodeRows(catalog, req.gpusPerPod > 0 ? 'gpu' : 'cpu').filter((o) => matches(catalog, o, req));
  const excluded = new Set<string>();
  const realistic = candidates.filter((o) => {
    const why = unrealistic(o, req);
    if (why) excluded.add(why);
    return !why;
  });
  const best = cheapestOf(realistic, req) ?? cheapestOf(candidates, req);
  if (!best) return undefined;
  const { offer, nodes, perNode } = best;
  const usedExcluded = !realistic.includes(offer);
  const hardware = req.gpusPerPod > 0 ? `whole-GPU node` : `CPU node`;
  const asks = [
    req.gpusPerPod > 0 ? `${req.gpusPerPod} ${req.model ?? vendorLabel(req.vendor)} GPU` : '',
    req.cpus ? `${req.cpus} vCPU` : '',
    req.memoryGib ? `${req.memoryGib} GiB` : '',
    req.efaDevices ? `${req.efaDevices} EFA devices` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const shape = req.gpusPerPod > 0 ? `${offer.accelerator?.count} × ${offer.accelerator?.name}` : `${offer.vcpus} vCPU, ${offer.memoryGib} GiB`;
  const left = excluded.size > 0 && !usedExcluded ? `; not considered: ${[...excluded].join('; ')}` : '';
  return {
    offer,
    nodes,
    podsPerNode: perNode,
    basis: `no node type: priced as the cheapest ${hardware} that fits ${req.pods} pod(s) of ${asks}: ${nodes} × ${offer.instanceType} (${shape}, ${offer.cloud} ${offer.region}, ${perNode} pod(s) per node)${left}; your cluster's nodes may differ`,
  };
}

function cheapestOf(rows: readonly InstanceOffer[], req: NodeRequest): { offer: InstanceOffer; nodes: number; perNode: number; total: number } | undefined {
  let best: { offer: InstanceOffer; nodes: number; perNode: number; total: number } | undefined;
  for (const offer of rows) {
    const perNode = podsPerNode(offer, req);
    if (perNode < 1) continue;
    const nodes = Math.ceil(req.pods / perNode);
    const total = nodes * (offer.onDemandUsdPerHour ?? Infinity);
    // At equal cost, smaller nodes: one pod per node is how distributed jobs usually spread.
    if (!best || total < best.total || (total === best.total && nodes > best.nodes)) best = { offer, nodes, perNode, total };
  }
  return best;
}
