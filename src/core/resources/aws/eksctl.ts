/**
 * eksctl node groups (a `ClusterConfig`'s `managedNodeGroups` and `nodeGroups`): nodes of one
 * instance type, sized by the Auto Scaling rule of `groupSize.ts` (desiredCapacity, else
 * minSize), with eksctl's own defaults where EKS's differ: m5.large and 2 nodes when the config
 * names neither (eksctl docs, "Managing nodegroups").
 */
import type { CostModel } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';
import { groupSize, type CountReading } from './groupSize';

export const EKSCTL_DEFAULT_INSTANCE_TYPE = 'm5.large';
export const EKSCTL_DEFAULT_NODE_COUNT = 2;

export interface EksctlNodeGroupInput {
  /** Everything but the type, count and pricing, which the model decides. */
  group: Omit<InstanceGroup, 'sku' | 'pricing' | 'quantity'>;
  /** `instanceType` as written; absent when the group names none or defers to a list (`mixed`). */
  instanceType?: string;
  /** `instanceTypes` (or `instancesDistribution.instanceTypes`) as written. */
  instanceTypes?: readonly unknown[];
  /** `desiredCapacity` then `minSize`. */
  sizing: readonly CountReading[];
  /** `spot: true`, or an instances distribution with no on-demand share above its base. */
  spot: boolean;
}

export const eksctlNodeGroup: CostModel<EksctlNodeGroupInput> = {
  id: 'aws/eksctl/node-group',
  label: 'eksctl node group',
  price(input, ctx) {
    const type = nodeType(input);
    const size = groupSize(input.sizing, 'node', {
      n: EKSCTL_DEFAULT_NODE_COUNT,
      note: `no ${input.sizing.map((r) => r.name).join(' or ')}; eksctl creates ${EKSCTL_DEFAULT_NODE_COUNT} nodes`,
    });
    return pricedItem(ctx.catalog, ctx.options, {
      ...input.group,
      sku: type.sku,
      quantity: size.n,
      pricing: input.spot ? 'spot' : 'on-demand',
      notes: [...input.group.notes, type.note, size.note, ...(input.spot ? ['spot node group'] : [])],
    });
  },
};

/** The written type, else the first string of the list, else eksctl's default. */
function nodeType(input: EksctlNodeGroupInput): { sku: string; note: string } {
  const written = input.instanceType?.trim();
  if (written) return { sku: written, note: 'node type from instanceType' };
  const first = input.instanceTypes?.find((t): t is string => typeof t === 'string');
  if (first !== undefined) return { sku: first, note: `node type from the first of instanceTypes (${input.instanceTypes?.join(', ')})` };
  return { sku: EKSCTL_DEFAULT_INSTANCE_TYPE, note: `instanceType not set: eksctl defaults to ${EKSCTL_DEFAULT_INSTANCE_TYPE}` };
}
