import type { PriceCatalog } from '../../catalog/catalog';
import type { EngineOptions } from '../../config/engineOptions';
import type { CostItem, SourceRange } from '../../model';
import { eksctlNodeGroup, type EksctlNodeGroupInput } from '../../resources/aws/eksctl';
import { countValue, type CountReading } from '../../resources/aws/groupSize';
import { karpenterNodePool, type NodeRequirement } from '../../resources/aws/karpenter';
import { estimate } from '../../resources/costModel';
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

/** A size field as written: a whole number, why it is not one, or absent. */
function sizeReading(group: Plain, field: string): CountReading {
  return { name: field, value: countValue(at(group, field), (v) => `${field} is ${JSON.stringify(v)}, not a whole number`) };
}

/** eksctl `ClusterConfig`: each managed and self-managed node group, read into the eksctl node group model's input. */
function eksctlNodeGroups(ctx: Ctx, doc: { [key: string]: Plain }): CapacityGroup[] {
  const name = typeof at(doc.metadata, 'name') === 'string' ? String(at(doc.metadata, 'name')) : '(unnamed)';
  const region = at(doc.metadata, 'region');
  const out: CapacityGroup[] = [];
  for (const key of ['managedNodeGroups', 'nodeGroups']) {
    const groups = doc[key];
    (Array.isArray(groups) ? groups : []).forEach((group, i) => {
      if (!isPlainObject(group)) return;
      const groupName = typeof group.name === 'string' ? group.name : `#${i + 1}`;
      const written = at(group, 'instanceType');
      const listed = at(group, 'instanceTypes') ?? at(group, 'instancesDistribution', 'instanceTypes');
      const resource = `ClusterConfig/${name} [${key}/${groupName}]`;
      const input = (range: SourceRange): EksctlNodeGroupInput => ({
        group: {
          file: ctx.file,
          range,
          kind: 'compute',
          resource,
          provider: 'aws',
          cloud: 'aws',
          region: chooseRegion('aws', [typeof region === 'string' ? { value: region, from: 'metadata.region' } : undefined], ctx.options, ctx.catalog),
          tags: labelsOf(group.tags, group.labels),
          notes: [],
          ...(typeof group.minSize === 'number' ? { minQuantity: group.minSize } : {}),
        },
        // `instanceType: mixed` defers to the instances distribution's list.
        ...(typeof written === 'string' && written !== 'mixed' ? { instanceType: written } : {}),
        ...(Array.isArray(listed) ? { instanceTypes: listed } : {}),
        sizing: [sizeReading(group, 'desiredCapacity'), sizeReading(group, 'minSize')],
        spot: group.spot === true || at(group, 'instancesDistribution', 'onDemandPercentageAboveBaseCapacity') === 0,
      });
      out.push({ resource, path: [key, i], item: (range) => estimate(eksctlNodeGroup, input(range), ctx) });
    });
  }
  return out;
}

function requirementsOf(nodePool: Plain): NodeRequirement[] {
  const list = at(nodePool, 'spec', 'template', 'spec', 'requirements');
  return (Array.isArray(list) ? list : []).flatMap((r) => {
    const key = at(r, 'key');
    const operator = at(r, 'operator');
    const values = at(r, 'values');
    if (typeof key !== 'string' || typeof operator !== 'string') return [];
    return [{ key, operator, values: (Array.isArray(values) ? values : []).filter((v) => v !== null && typeof v !== 'object').map(String) }];
  });
}

/** Karpenter `NodePool`: its requirements, region and labels, priced by the NodePool model (one node of the cheapest allowed type). */
function karpenterNodePools(ctx: Ctx, doc: { [key: string]: Plain }): CapacityGroup[] {
  const name = typeof at(doc.metadata, 'name') === 'string' ? String(at(doc.metadata, 'name')) : '(unnamed)';
  const requirements = requirementsOf(doc);
  const zoneRegion = requirements.find((r) => r.key === 'topology.kubernetes.io/region' && r.operator === 'In')?.values[0];
  const region = chooseRegion('aws', [zoneRegion ? { value: zoneRegion, from: 'requirement topology.kubernetes.io/region' } : undefined], ctx.options, ctx.catalog);
  const resource = `${typeof doc.kind === 'string' ? doc.kind : 'NodePool'}/${name}`;
  const tags = labelsOf(at(doc.metadata, 'labels'), at(doc, 'spec', 'template', 'metadata', 'labels'));
  const item = (range: SourceRange): CostItem => estimate(karpenterNodePool, { pool: { file: ctx.file, range, kind: 'compute', resource, region, tags }, requirements }, ctx);
  return [{ resource, path: ['kind'], item }];
}

/** Node capacity declared in a manifest (eksctl node groups, Karpenter pools), or none. */
export function capacityGroups(ctx: Ctx, doc: Plain): CapacityGroup[] {
  if (!isPlainObject(doc)) return [];
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  if (doc.kind === 'ClusterConfig' && apiVersion.startsWith('eksctl.io/')) return eksctlNodeGroups(ctx, doc);
  if (doc.kind === 'NodePool' && apiVersion.startsWith('karpenter.sh/')) return karpenterNodePools(ctx, obj(doc));
  if (doc.kind === 'Provisioner' && apiVersion.startsWith('karpenter.sh/v1alpha')) return karpenterNodePools(ctx, provisionerAsNodePool(obj(doc)));
  return [];
}

/** Karpenter's v1alpha5 `Provisioner` (before v0.32) keeps at `spec` what a NodePool keeps at `spec.template.spec`. */
function provisionerAsNodePool(doc: { [key: string]: Plain }): { [key: string]: Plain } {
  const spec = obj(doc.spec);
  return { ...doc, spec: { template: { metadata: { labels: spec.labels ?? null }, spec: { requirements: spec.requirements ?? [] } } } };
}
