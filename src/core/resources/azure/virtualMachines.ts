/** Azure virtual machines (Linux or Windows) of one size, at the Linux rate the catalog holds. */
import type { CostModel } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';

/** Why a Windows VM's figure is low: the catalog's rows are Linux rates. */
export const WINDOWS_LICENSE_NOTE = 'Linux rate: the Windows license is billed on top and is not in the bundled catalog';

export interface AzureVmInput {
  group: InstanceGroup;
  windows: boolean;
}

export const azureVm: CostModel<AzureVmInput> = {
  id: 'azure/virtual-machines/vm',
  label: 'Azure virtual machine',
  price({ group, windows }, ctx) {
    return pricedItem(ctx.catalog, ctx.options, windows ? { ...group, notes: [...group.notes, WINDOWS_LICENSE_NOTE] } : group);
  },
};
