/**
 * Cloud TPU slices, priced per chip from the generation's slice rows; GKE TPU pods (one pod per
 * host, so the pods' chips are the slice paid for) price through it.
 */
import type { TpuSlice } from '../../catalog/tpu';
import { round } from '../../estimate/instanceEstimate';
import type { CostItem } from '../../model';
import type { CostModel } from '../costModel';
import { hourlyEstimate } from '../hours';
import { baseItem, type InstanceGroup } from '../instanceGroup';

export interface TpuSliceInput {
  /** The TPU hosts: `sku` the accelerator as written, `quantity` the host (pod) count. */
  hosts: InstanceGroup;
  /** The chips paid for, or why they could not be read. */
  slice: { slice: TpuSlice; notes: string[] } | { unresolved: string };
  summary: string;
}

export const tpuSlice: CostModel<TpuSliceInput> = {
  id: 'gcp/tpu/slice',
  label: 'Cloud TPU slice',
  price({ hosts, slice, summary }, ctx) {
    const base: CostItem = { ...baseItem(hosts), summary };
    const context = [hosts.region.assumption, ...hosts.notes];
    if ('unresolved' in slice) return { ...base, assumptions: context, unpricedReason: slice.unresolved };
    const { chips, generation } = slice.slice;
    const assumptions = [...context, ...slice.notes];
    if (chips === 0) return { ...base, estimate: { hourlyUsd: 0, monthlyUsd: 0, perRunUsd: null, perCallUsd: null }, assumptions };
    const found = ctx.catalog.tpuPrice(slice.slice, hosts.region.value);
    if (!found.found) return { ...base, assumptions, unpricedReason: found.reason };
    const { offer } = found;
    const unit = hosts.pricing === 'spot' ? (offer.spotUsdPerHour ?? offer.onDemandUsdPerHour) : offer.onDemandUsdPerHour;
    if (unit === null) return { ...base, assumptions, unpricedReason: `no ${hosts.pricing} price for ${offer.instanceType} in ${offer.region}` };
    const hours = ctx.options.hoursPerMonth;
    return {
      ...base,
      region: offer.region,
      accelerators: { name: `TPU ${generation} (${offer.instanceType})`, count: chips },
      estimate: hourlyEstimate(unit, hours),
      assumptions: [`${hours} h/month`, ...assumptions, `$${round(unit / chips, 4)}/chip-hour × ${chips} chips (${offer.instanceType})`, ...found.notes],
      priceSource: ctx.catalog.priceSource(offer),
    };
  },
};
