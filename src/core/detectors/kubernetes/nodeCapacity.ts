import type { PriceCatalog } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';
import type { CostItem, PricingModel, SourceRange } from '../../model';
import { pricedItem, type InstanceGroup } from '../../resources/instanceGroup';
import { chooseRegion } from '../shared/region';
import { isPlainObject, type Plain } from '../shared/yamlSource';
import { at, labelsOf, obj } from './workloads';

/** One node group of an eksctl ClusterConfig or a Karpenter NodePool, before it is placed in the file. */
export interface CapacityGroup {
  /** `ClusterConfig/prod [managedNodeGroups/gpu]`. */
  resource: string;
  /** Path of the node the lens points at, relative to the object. */
  path: (string | number)[];
  item: (range: SourceRange) => CostItem;
}

interface Ctx {
  catalog: PriceCatalog;
  options: EngineOptions;
  file: string;
}

/** eksctl's default node type and count when a node group names neither (eksctl docs, "Managing nodegroups"). */
const EKSCTL_DEFAULT_TYPE = 'm5.large';
const EKSCTL_DEFAULT_COUNT = 2;

function count(group: Plain): { n: number; note: string } {
  for (const field of ['desiredCapacity', 'minSize']) {
    const v = at(group, field);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { n: v, note: `${field} = ${v}` };
  }
  return { n: EKSCTL_DEFAULT_COUNT, note: `no desiredCapacity or minSize; eksctl creates ${EKSCTL_DEFAULT_COUNT} nodes` };
}

function instanceTypeOf(group: Plain): { type: string; note: string } {
  const written = at(group, 'instanceType');
  if (typeof written === 'string' && written.trim() && written !== 'mixed') return { type: written.trim(), note: 'instanceType' };
  const listed = at(group, 'instanceTypes') ?? at(group, 'instancesDistribution', 'instanceTypes');
  const first = Array.isArray(listed) ? listed.find((t) => typeof t === 'string') : undefined;
  if (typeof first === 'string') return { type: first, note: `the first of instanceTypes (${(listed as Plain[]).join(', ')})` };
  return { type: EKSCTL_DEFAULT_TYPE, note: `no instanceType; eksctl's default ${EKSCTL_DEFAULT_TYPE}` };
}

/** eksctl `ClusterConfig`: each managed and self-managed node group's type × desiredCapacity (else minSize). */
export function eksctlNodeGroups(ctx: Ctx, doc: { [key: string]: Plain }): CapacityGroup[] {
  const name = typeof at(doc.metadata, 'name') === 'string' ? String(at(doc.metadata, 'name')) : '(unnamed)';
  const region = at(doc.metadata, 'region');
  const out: CapacityGroup[] = [];
  for (const key of ['managedNodeGroups', 'nodeGroups']) {
    const groups = doc[key];
    (Array.isArray(groups) ? groups : []).forEach((group, i) => {
      if (!isPlainObject(group)) return;
      const groupName = typeof group.name === 'string' ? group.name : `#${i + 1}`;
      const type = instanceTypeOf(group);
      const n = count(group);
      const spot = group.spot === true || at(group, 'instancesDistribution', 'onDemandPercentageAboveBaseCapacity') === 0;
      const resource = `ClusterConfig/${name} [${key}/${groupName}]`;
      const g = (range: SourceRange): InstanceGroup => ({
        file: ctx.file,
        range,
        kind: 'compute',
        resource,
        provider: 'aws',
        cloud: 'aws',
        sku: type.type,
        region: chooseRegion('aws', [typeof region === 'string' ? { value: region, from: 'metadata.region' } : undefined], ctx.options, ctx.catalog),
        quantity: n.n,
        pricing: spot ? 'spot' : 'on-demand',
        tags: labelsOf(group.tags, group.labels),
        notes: [`node type from ${type.note}`, n.note, ...(spot ? ['spot node group'] : [])],
        ...(typeof group.minSize === 'number' ? { minQuantity: group.minSize } : {}),
      });
      out.push({ resource, path: [key, i], item: (range) => pricedItem(ctx.catalog, ctx.options, g(range)) });
    });
  }
  return out;
}

type Requirement = { key: string; operator: string; values: string[] };

function requirementsOf(nodePool: Plain): Requirement[] {
  const list = at(nodePool, 'spec', 'template', 'spec', 'requirements');
  return (Array.isArray(list) ? list : []).flatMap((r) => {
    const key = at(r, 'key');
    const operator = at(r, 'operator');
    const values = at(r, 'values');
    if (typeof key !== 'string' || typeof operator !== 'string') return [];
    return [{ key, operator, values: (Array.isArray(values) ? values : []).filter((v) => v !== null && typeof v !== 'object').map(String) }];
  });
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
function allows(req: Requirement, value: string | number | undefined): boolean {
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

const NARROWING = ['node.kubernetes.io/instance-type', 'karpenter.k8s.aws/instance-family', 'karpenter.k8s.aws/instance-category'];

function fitsRequirements(offer: InstanceOffer, reqs: readonly Requirement[]): boolean {
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

/**
 * Karpenter `NodePool`: the cheapest EC2 type its requirements allow, per node. The pool is a
 * ceiling on what Karpenter may launch; how many nodes depends on the pods it must place.
 */
export function karpenterNodePool(ctx: Ctx, doc: { [key: string]: Plain }): CapacityGroup[] {
  const name = typeof at(doc.metadata, 'name') === 'string' ? String(at(doc.metadata, 'name')) : '(unnamed)';
  const reqs = requirementsOf(doc);
  const capacity = reqs.find((r) => r.key === 'karpenter.sh/capacity-type' && r.operator === 'In');
  const pricing: PricingModel = capacity && capacity.values.length > 0 && capacity.values.every((v) => v === 'spot') ? 'spot' : 'on-demand';
  const zoneRegion = reqs.find((r) => r.key === 'topology.kubernetes.io/region' && r.operator === 'In')?.values[0];
  const region = chooseRegion('aws', [zoneRegion ? { value: zoneRegion, from: 'requirement topology.kubernetes.io/region' } : undefined], ctx.options, ctx.catalog);
  const resource = `${typeof doc.kind === 'string' ? doc.kind : 'NodePool'}/${name}`;
  const perNode = 'priced per node: a NodePool is a ceiling on what Karpenter may launch, and how many nodes it launches depends on the pending pods';
  const g = (range: SourceRange, sku: InstanceGroup['sku'], notes: string[]): InstanceGroup => ({
    file: ctx.file,
    range,
    kind: 'compute',
    resource,
    provider: 'aws',
    cloud: 'aws',
    sku,
    region,
    quantity: 1,
    pricing,
    tags: labelsOf(at(doc.metadata, 'labels'), at(doc, 'spec', 'template', 'metadata', 'labels')),
    notes,
  });
  const item = (range: SourceRange): CostItem => {
    if (!reqs.some((r) => NARROWING.includes(r.key) && (r.operator === 'In' || r.operator === 'NotIn'))) {
      return pricedItem(ctx.catalog, ctx.options, g(range, { unresolved: `no ${NARROWING.join(', ')} requirement: Karpenter may launch any EC2 type, so no node price is stated` }, [perNode]));
    }
    // A type without a row in the region is compared at its row in the catalog's AWS region, the
    // fallback pricing uses too (the catalog's CPU rows are us-east-1 only).
    const home = ctx.catalog.meta.defaultRegions.aws;
    const allowed = ctx.catalog
      .allInstanceTypes()
      .flatMap((t) => {
        const rows = ctx.catalog.offersFor(t).filter((o) => o.cloud === 'aws' && o.service === 'ec2' && o.kind === 'instance');
        const inRegion = rows.filter((o) => o.region === region.value);
        return inRegion.length > 0 ? inRegion : rows.filter((o) => o.region === home);
      })
      .filter((o) => (pricing === 'spot' ? o.spotUsdPerHour : o.onDemandUsdPerHour) !== null && fitsRequirements(o, reqs));
    const price = (o: InstanceOffer) => (pricing === 'spot' ? o.spotUsdPerHour : o.onDemandUsdPerHour) ?? Infinity;
    allowed.sort((a, b) => price(a) - price(b));
    const best = allowed[0];
    if (!best) return pricedItem(ctx.catalog, ctx.options, g(range, { unresolved: `no EC2 type in the catalog for ${region.value} satisfies the NodePool's requirements` }, [perNode]));
    const shown = reqs.filter((r) => r.key.startsWith('karpenter') || r.key.startsWith('node.kubernetes.io') || r.key === 'kubernetes.io/arch').map((r) => `${r.key.replace(/^.*\//, '')} ${r.operator} ${r.values.join('/')}`);
    const why = `the cheapest of ${allowed.length} catalog type(s) the requirements allow (${shown.join('; ')}): ${best.instanceType}; Karpenter picks per pod, so nodes may be larger`;
    return pricedItem(ctx.catalog, ctx.options, g(range, best.instanceType, [why, perNode]));
  };
  return [{ resource, path: ['kind'], item }];
}

/** Node capacity declared in a manifest (eksctl node groups, Karpenter pools), or none. */
export function capacityGroups(ctx: Ctx, doc: Plain): CapacityGroup[] {
  if (!isPlainObject(doc)) return [];
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  if (doc.kind === 'ClusterConfig' && apiVersion.startsWith('eksctl.io/')) return eksctlNodeGroups(ctx, doc);
  if (doc.kind === 'NodePool' && apiVersion.startsWith('karpenter.sh/')) return karpenterNodePool(ctx, obj(doc));
  if (doc.kind === 'Provisioner' && apiVersion.startsWith('karpenter.sh/v1alpha')) return karpenterNodePool(ctx, provisionerAsNodePool(obj(doc)));
  return [];
}

/** Karpenter's v1alpha5 `Provisioner` (before v0.32) keeps at `spec` what a NodePool keeps at `spec.template.spec`. */
function provisionerAsNodePool(doc: { [key: string]: Plain }): { [key: string]: Plain } {
  const spec = obj(doc.spec);
  return { ...doc, spec: { template: { metadata: { labels: spec.labels ?? null }, spec: { requirements: spec.requirements ?? [] } } } };
}
