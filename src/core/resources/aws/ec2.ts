/** EC2 instances: a single instance or an Auto Scaling group of one instance type. */
import type { CostModel } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';
import { groupSize, type CountReading } from './groupSize';

export interface Ec2InstancesInput {
  /** Everything but the count, which `sizing` gives for a group. */
  group: InstanceGroup;
  /** An Auto Scaling group's desired and minimum capacity readings, in that order; absent for one instance. */
  sizing?: readonly CountReading[];
}

export const ec2Instances: CostModel<Ec2InstancesInput> = {
  id: 'aws/ec2/instances',
  label: 'EC2 instance or Auto Scaling group',
  price({ group, sizing }, ctx) {
    if (!sizing) return pricedItem(ctx.catalog, ctx.options, group);
    const size = groupSize(sizing, 'instance');
    return pricedItem(ctx.catalog, ctx.options, { ...group, quantity: size.n * group.quantity, notes: [size.note, ...group.notes] });
  },
};
