import type { Cloud } from '../../catalog/types';
import type { GpuVendor } from '../../resources/kubernetes/gpuRate';
import { isPlainObject, type Plain } from '../shared/yamlSource';
import { cpuQuantity, memoryGib } from './resourceQuantity';

/** What a pod asks of its node: accelerators, and the node labels it must land on. */
export interface PodRequirements {
  gpus: number;
  vendor: GpuVendor | undefined;
  /** The resource name the GPUs were asked by, e.g. `nvidia.com/gpu`. */
  gpuResource?: string;
  /** GKE TPU chips (`google.com/tpu`) the pod asks for, one host's share of a slice. */
  tpuChips: number;
  /** vCPUs and GiB the pod requests (else its limits), summed over its containers; 0 when unwritten. */
  cpus: number;
  /** Elastic Fabric Adapter devices (`vpc.amazonaws.com/efa`) the pod asks for: multi-node training. */
  efaDevices: number;
  memoryGib: number;
  /** Node label → allowed values, from `nodeSelector` and required node affinity (`In`). */
  selectors: Map<string, string[]>;
}

const GPU_RESOURCES: Readonly<Record<string, GpuVendor>> = {
  'nvidia.com/gpu': 'nvidia',
  'amd.com/gpu': 'amd',
  'aws.amazon.com/neuron': 'aws-neuron',
  'aws.amazon.com/neurondevice': 'aws-neuron',
};

function list(v: Plain | undefined): Plain[] {
  return Array.isArray(v) ? v : [];
}

function at(root: Plain | undefined, ...path: string[]): Plain | undefined {
  let v = root;
  for (const k of path) v = isPlainObject(v) ? v[k] : undefined;
  return v;
}

/** `limits` wins over `requests` (extended resources must match when both are given). */
function containerGpus(container: Plain): { count: number; resource?: string } {
  for (const [resource] of Object.entries(GPU_RESOURCES)) {
    const v = at(container, 'resources', 'limits', resource) ?? at(container, 'resources', 'requests', resource);
    const n = Number(v);
    if (v !== undefined && Number.isFinite(n) && n > 0) return { count: n, resource };
  }
  return { count: 0 };
}

export const TPU_RESOURCE = 'google.com/tpu';
const EFA_RESOURCE = 'vpc.amazonaws.com/efa';

/** A resource the scheduler reserves: the request, else the limit (which then is the request). */
function reserved(container: Plain, resource: string): Plain | undefined {
  return at(container, 'resources', 'requests', resource) ?? at(container, 'resources', 'limits', resource);
}

export function podRequirements(podSpec: Plain): PodRequirements {
  let gpus = 0;
  let resource: string | undefined;
  let tpuChips = 0;
  let efaDevices = 0;
  let cpus = 0;
  let memory = 0;
  for (const c of list(at(podSpec, 'containers'))) {
    const g = containerGpus(c);
    gpus += g.count;
    resource ??= g.resource;
    const tpu = Number(at(c, 'resources', 'limits', TPU_RESOURCE) ?? at(c, 'resources', 'requests', TPU_RESOURCE));
    if (Number.isFinite(tpu) && tpu > 0) tpuChips += tpu;
    cpus += cpuQuantity(reserved(c, 'cpu')) ?? 0;
    const efa = Number(reserved(c, EFA_RESOURCE));
    if (Number.isFinite(efa) && efa > 0) efaDevices += efa;
    memory += memoryGib(reserved(c, 'memory')) ?? 0;
  }
  // Init containers run before the app containers, so the pod needs the larger of the two.
  for (const c of list(at(podSpec, 'initContainers'))) {
    const g = containerGpus(c);
    if (g.count > gpus) {
      gpus = g.count;
      resource ??= g.resource;
    }
  }
  return {
    gpus,
    vendor: resource ? GPU_RESOURCES[resource] : undefined,
    gpuResource: resource,
    tpuChips,
    cpus: Math.round(cpus * 1000) / 1000,
    efaDevices,
    memoryGib: Math.round(memory * 1000) / 1000,
    selectors: nodeSelectors(podSpec),
  };
}

function nodeSelectors(podSpec: Plain): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const selector = at(podSpec, 'nodeSelector');
  if (isPlainObject(selector)) for (const [k, v] of Object.entries(selector)) if (v !== null && typeof v !== 'object') out.set(k, [String(v)]);
  const terms = list(at(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
  // Terms are ORed; the first term's `In` expressions are where the pod can go first.
  for (const expr of list(at(terms[0], 'matchExpressions'))) {
    const key = at(expr, 'key');
    const values = list(at(expr, 'values')).filter((v) => v !== null && typeof v !== 'object').map(String);
    if (typeof key === 'string' && at(expr, 'operator') === 'In' && values.length > 0 && !out.has(key)) out.set(key, values);
  }
  return out;
}

export const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];
export const GKE_ACCELERATOR_LABEL = 'cloud.google.com/gke-accelerator';
export const GKE_TPU_ACCELERATOR_LABEL = 'cloud.google.com/gke-tpu-accelerator';
export const GKE_TPU_TOPOLOGY_LABEL = 'cloud.google.com/gke-tpu-topology';
export const ARCH_LABEL = 'kubernetes.io/arch';
export const KARPENTER_FAMILY_LABEL = 'karpenter.k8s.aws/instance-family';
export const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];

/** Node labels that put a pod on spot capacity, per cloud's node provisioner. */
export function spotSelector(selectors: Map<string, string[]>): string | undefined {
  const is = (k: string, v: string) => selectors.get(k)?.length === 1 && selectors.get(k)?.[0].toLowerCase() === v;
  if (is('karpenter.sh/capacity-type', 'spot')) return 'karpenter.sh/capacity-type';
  if (is('eks.amazonaws.com/capacityType', 'spot')) return 'eks.amazonaws.com/capacityType';
  if (is('cloud.google.com/gke-spot', 'true')) return 'cloud.google.com/gke-spot';
  if (is('cloud.google.com/gke-preemptible', 'true')) return 'cloud.google.com/gke-preemptible';
  if (is('kubernetes.azure.com/scalesetpriority', 'spot')) return 'kubernetes.azure.com/scalesetpriority';
  return undefined;
}

/** Label-key prefixes only one platform's nodes carry; Karpenter's own `karpenter.sh/` keys and the Azure provider's are told apart. */
const PLATFORM_KEYS: readonly [RegExp, Cloud][] = [
  [/^(eks\.amazonaws\.com|karpenter\.k8s\.aws|k8s\.amazonaws\.com|vpc\.amazonaws\.com)\//, 'aws'],
  [/^cloud\.google\.com\//, 'gcp'],
  [/^(kubernetes\.azure\.com|karpenter\.azure\.com)\//, 'azure'],
];

/**
 * The cloud a pod's node selectors and affinity tie it to, when they name one: a provider's own
 * node label keys, or Karpenter (`karpenter.sh/` keys, or a label value naming it), whose
 * provider is AWS's unless Azure's keys say otherwise. Undefined when nothing names a cloud,
 * or the labels name more than one.
 */
export function selectorPlatform(selectors: Map<string, string[]>): { cloud: Cloud; label: string } | undefined {
  const byKey = new Map<Cloud, string>();
  let karpenter: string | undefined;
  for (const [key, values] of selectors) {
    const cloud = PLATFORM_KEYS.find(([re]) => re.test(key))?.[1];
    if (cloud && !byKey.has(cloud)) byKey.set(cloud, key);
    const named = values.find((v) => /\bkarpenter\b/i.test(v));
    karpenter ??= key.startsWith('karpenter.sh/') ? key : named !== undefined ? `${key}=${named}` : undefined;
  }
  if (byKey.size > 1) return undefined;
  const [only] = byKey;
  if (only) return { cloud: only[0], label: only[1] };
  return karpenter ? { cloud: 'aws', label: karpenter } : undefined;
}

/** NVIDIA GPU feature discovery's product label (`NVIDIA-A100-SXM4-80GB`, `Tesla-T4`) → a catalog GPU name. */
export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';

const GPU_MODELS = /(GH200|GB200|B200|H200|H100|A100|A10G|A10|L40S|L4|T4|V100|A6000)/i;

export function gpuModelFromProduct(product: string): string | undefined {
  const model = GPU_MODELS.exec(product)?.[1]?.toUpperCase();
  if (!model) return undefined;
  const memory = /(\d+)GB/i.exec(product)?.[1];
  // The catalog names the larger A100 and V100 parts by memory; the base names are the smaller ones.
  if ((model === 'A100' && memory === '80') || (model === 'V100' && memory === '32')) return `${model}-${memory}GB`;
  return model;
}
