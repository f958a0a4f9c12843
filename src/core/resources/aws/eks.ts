/** EKS managed node groups: nodes of one instance type, sized by their scaling configuration. */
import type { CostModel } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';
import { groupSize, type CountReading } from './groupSize';

/** The type EKS launches when a node group names none (and has no launch template). */
export const EKS_DEFAULT_INSTANCE_TYPE = 't3.medium';

export interface EksNodeGroupInput {
  /** Everything but the type, count and pricing, which the model decides. */
  group: Omit<InstanceGroup, 'sku' | 'pricing'>;
  /** The instance types list as written (`instance_types`, `InstanceTypes`). */
  instanceTypes: { attr: string; value: readonly unknown[] | { unresolved: string } | undefined };
  /** The launch template's instance type, when the group names a template instead of types. */
  launchTemplate?: { sku: string | { unresolved: string }; notes: string[] };
  /** Desired then minimum size readings; absent when the group has no scaling configuration. */
  sizing?: readonly CountReading[];
  /** The capacity type attribute, when it says SPOT. */
  spotFrom?: string;
}

export const eksNodeGroup: CostModel<EksNodeGroupInput> = {
  id: 'aws/eks/node-group',
  label: 'EKS managed node group',
  price(input, ctx) {
    const size = input.sizing ? groupSize(input.sizing, 'node') : { n: 1, note: 'no scaling configuration; priced as 1 node' };
    const { sku, notes } = nodeType(input);
    const spot = input.spotFrom ? [`spot from ${input.spotFrom} = "SPOT"`] : [];
    return pricedItem(ctx.catalog, ctx.options, {
      ...input.group,
      sku,
      quantity: size.n * input.group.quantity,
      pricing: input.spotFrom ? 'spot' : 'on-demand',
      notes: [...input.group.notes, size.note, ...notes, ...spot],
    });
  },
};

/** The first listed type, else the launch template's, else EKS's default. */
function nodeType(input: EksNodeGroupInput): { sku: InstanceGroup['sku']; notes: string[] } {
  const { attr, value } = input.instanceTypes;
  if (Array.isArray(value) && value.length > 0) {
    const first = value[0];
    const more = value.length > 1 ? [`first of ${value.length} ${attr} priced`] : [];
    return { sku: typeof first === 'string' ? first : { unresolved: `${attr}[0] is not a string` }, notes: more };
  }
  if (value !== undefined && !Array.isArray(value)) return { sku: { unresolved: `${attr}: ${(value as { unresolved: string }).unresolved}` }, notes: [] };
  if (input.launchTemplate) return input.launchTemplate;
  return { sku: EKS_DEFAULT_INSTANCE_TYPE, notes: [`${attr} not set: EKS defaults to ${EKS_DEFAULT_INSTANCE_TYPE}`] };
}
