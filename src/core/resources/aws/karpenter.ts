/**
 * Karpenter's choice of EC2 type, priced as the cheapest it may launch: for a NodePool, the
 * cheapest type its requirements allow (per node: how many nodes depends on the pending pods);
 * for pods that select an instance family, the cheapest size of it that holds their GPUs.
 */
import type { PriceCatalog } from '../../catalog/catalog';
import { pickRegion } from '../../catalog/selection';
import type { InstanceOffer } from '../../catalog/types';
import type { RegionChoice } from '../../detectors/shared/region';
import type { PricingModel } from '../../model';
import type { CostModel } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';

/**
 * Pods selecting Karpenter families (`label`: the selector as written): the cheapest size (on
 * demand, in the region) holding one pod's GPUs, with the note saying so, or why there is none.
 */
export function cheapestFamilySize(catalog: PriceCatalog, selector: { label: string; families: string[] }, gpus: number, region: RegionChoice): { type: string; note: string } | { unresolved: string } {
  const { label, families } = selector;
  const fits = catalog
    .allInstanceTypes()
    .filter((t) => families.some((f) => t.toLowerCase().startsWith(`${f.toLowerCase()}.`)))
    .flatMap((t) => catalog.offersFor(t).filter((o) => o.cloud === 'aws' && o.service === 'ec2' && o.onDemandUsdPerHour !== null))
    .filter((o) => (o.accelerator?.count ?? 0) >= Math.max(gpus, 0) && o.region === (region.value ?? o.region));
  fits.sort((a, b) => (a.onDemandUsdPerHour ?? 0) - (b.onDemandUsdPerHour ?? 0));
  const best = fits[0];
  if (!best) return { unresolved: `no ${families.join('/')} instance in the catalog holds ${gpus} GPU(s) in ${region.value ?? 'the region'}` };
  return { type: best.instanceType, note: `${label} ${families.join('/')}: the cheapest size holding the pod's ${gpus} GPU(s) is priced; Karpenter may pick another` };
}

/** One entry of a NodePool's `spec.template.spec.requirements`. */
export interface NodeRequirement {
  key: string;
  operator: string;
  values: string[];
}

export interface NodePoolInput {
  /** The pool as one node: its name, labels and region; the type and pricing come from the requirements. */
  pool: Omit<InstanceGroup, 'sku' | 'quantity' | 'pricing' | 'notes' | 'provider' | 'cloud'>;
  requirements: NodeRequirement[];
}

const PER_NODE = 'priced per node: a NodePool is a ceiling on what Karpenter may launch, and how many nodes it launches depends on the pending pods';
const NARROWING = ['node.kubernetes.io/instance-type', 'karpenter.k8s.aws/instance-family', 'karpenter.k8s.aws/instance-category'];

export const karpenterNodePool: CostModel<NodePoolInput> = {
  id: 'aws/karpenter/node-pool',
  label: 'Karpenter NodePool (one node of the cheapest allowed type)',
  price({ pool, requirements }, ctx) {
    const pricing = capacityType(requirements);
    const node = (sku: InstanceGroup['sku'], notes: string[]) => pricedItem(ctx.catalog, ctx.options, { ...pool, provider: 'aws', cloud: 'aws', sku, quantity: 1, pricing, notes });
    if (!requirements.some((r) => NARROWING.includes(r.key) && (r.operator === 'In' || r.operator === 'NotIn'))) {
      return node({ unresolved: `no ${NARROWING.join(', ')} requirement: Karpenter may launch any EC2 type, so no node price is stated` }, [PER_NODE]);
    }
    const price = (o: InstanceOffer) => (pricing === 'spot' ? o.spotUsdPerHour : o.onDemandUsdPerHour) ?? Infinity;
    // A type without a row in the region is compared at its default-region row, as pricing
    // falls back (the regional CPU rows cover fewer families than us-east-1's).
    const home = ctx.catalog.meta.defaultRegions.aws;
    const allowed = ctx.catalog
      .allInstanceTypes()
      .map((t) => pickRegion(ctx.catalog.offersFor(t).filter(isEc2Instance), pool.region.value ?? home, home))
      .filter((o): o is InstanceOffer => o !== undefined)
      .filter((o) => (pricing === 'spot' ? o.spotUsdPerHour : o.onDemandUsdPerHour) !== null && fitsRequirements(o, requirements));
    allowed.sort((a, b) => price(a) - price(b));
    const best = allowed[0];
    if (!best) return node({ unresolved: `no EC2 type in the catalog for ${pool.region.value} satisfies the NodePool's requirements` }, [PER_NODE]);
    const shown = requirements
      .filter((r) => r.key.startsWith('karpenter') || r.key.startsWith('node.kubernetes.io') || r.key === 'kubernetes.io/arch')
      .map((r) => `${r.key.replace(/^.*\//, '')} ${r.operator} ${r.values.join('/')}`);
    const why = `the cheapest of ${allowed.length} catalog type(s) the requirements allow (${shown.join('; ')}): ${best.instanceType}; Karpenter picks per pod, so nodes may be larger`;
    return node(best.instanceType, [why, PER_NODE]);
  },
};

function isEc2Instance(o: InstanceOffer): boolean {
  return o.cloud === 'aws' && o.service === 'ec2' && o.kind === 'instance';
}

/** Spot only when `karpenter.sh/capacity-type` allows nothing but spot; Karpenter prefers spot when both are allowed, but may fall back. */
function capacityType(requirements: readonly NodeRequirement[]): PricingModel {
  const capacity = requirements.find((r) => r.key === 'karpenter.sh/capacity-type' && r.operator === 'In');
  return capacity && capacity.values.length > 0 && capacity.values.every((v) => v === 'spot') ? 'spot' : 'on-demand';
}

/** An EC2 type's family (`m5a`), category (`m`), generation (5) and whether it is Graviton (arm64). */
function ec2Shape(type: string): { family: string; category: string; generation: number; arm: boolean } | undefined {
  const family = type.toLowerCase().split('.')[0];
  const m = /^([a-z]+)(\d+)([a-z-]*)$/.exec(family);
  if (!m) return undefined;
  return { family, category: m[1], generation: Number(m[2]), arm: /g/.test(m[3]) };
}

/**
 * vCPUs of an EC2 type from the row, else from its size name: EC2 sizes double from `large`
 * (2 vCPUs) through `xlarge` (4) to `Nxlarge` (4N); burstable `t` sizes below `large` have 2.
 */
function vcpusOf(offer: InstanceOffer, category: string): number | undefined {
  if (offer.vcpus !== undefined) return offer.vcpus;
  const size = offer.instanceType.toLowerCase().split('.')[1] ?? '';
  const times = /^(\d*)xlarge$/.exec(size);
  if (times) return 4 * Number(times[1] || 1);
  if (size === 'large') return 2;
  if (['nano', 'micro', 'small', 'medium'].includes(size)) return category === 't' ? 2 : 1;
  return undefined;
}

/** Whether one requirement allows a value (string or number), per Karpenter's operators. */
function allows(req: NodeRequirement, value: string | number | undefined): boolean {
  if (value === undefined) return req.operator === 'DoesNotExist' || req.operator === 'NotIn';
  const text = String(value).toLowerCase();
  const values = req.values.map((v) => v.toLowerCase());
  switch (req.operator) {
    case 'In':
      return values.includes(text);
    case 'NotIn':
      return !values.includes(text);
    case 'Gt':
      return Number(value) > Number(req.values[0]);
    case 'Lt':
      return Number(value) < Number(req.values[0]);
    default:
      return true;
  }
}

function fitsRequirements(offer: InstanceOffer, reqs: readonly NodeRequirement[]): boolean {
  const shape = ec2Shape(offer.instanceType);
  if (!shape) return false;
  const value: Record<string, string | number | undefined> = {
    'node.kubernetes.io/instance-type': offer.instanceType,
    'karpenter.k8s.aws/instance-family': shape.family,
    'karpenter.k8s.aws/instance-category': shape.category,
    'karpenter.k8s.aws/instance-generation': shape.generation,
    'karpenter.k8s.aws/instance-size': offer.instanceType.toLowerCase().split('.')[1],
    'karpenter.k8s.aws/instance-cpu': vcpusOf(offer, shape.category),
    // Karpenter states memory in MiB.
    'karpenter.k8s.aws/instance-memory': typeof offer.memoryGib === 'number' ? offer.memoryGib * 1024 : undefined,
    'karpenter.k8s.aws/instance-gpu-count': offer.accelerator?.count ?? 0,
    'kubernetes.io/arch': shape.arm ? 'arm64' : 'amd64',
  };
  // Karpenter launches amd64 nodes unless the pool allows arm64.
  if (!reqs.some((r) => r.key === 'kubernetes.io/arch') && shape.arm) return false;
  return reqs.every((r) => !(r.key in value) || allows(r, value[r.key]));
}
