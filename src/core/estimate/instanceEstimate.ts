import type { PriceCatalog } from '../catalog/catalog';
import type { Cloud, InstanceOffer, SageMakerComponent } from '../catalog/types';
import type { AcceleratorSummary, Estimate, PriceSource, PricingModel } from '../model';
import { EMPTY_ESTIMATE } from '../model';
import { hourlyEstimate } from '../resources/hours';
import { UNSTATED_REGION } from '../catalog/selection';

export interface InstanceRequest {
  cloud?: Cloud;
  instanceType: string;
  /** The region asked for; the catalog's default region for the cloud when null. */
  region: string | null;
  quantity: number;
  pricing: PricingModel;
  hoursPerMonth: number;
  component?: SageMakerComponent;
}

export interface PricedInstance {
  estimate: Estimate;
  /** The region whose price is used (may differ from the one asked; see assumptions). */
  region: string | null;
  accelerators: AcceleratorSummary | null;
  assumptions: string[];
  priceSource?: PriceSource;
  unpricedReason?: string;
  offer?: InstanceOffer;
}

/** Prices `quantity` instances of one type, hourly and monthly, saying what it assumed. */
export function priceInstances(catalog: PriceCatalog, req: InstanceRequest): PricedInstance {
  const found = catalog.lookup({
    instanceType: req.instanceType,
    cloud: req.cloud,
    region: req.region,
    component: req.component,
  });
  if (!found.found) {
    return { estimate: EMPTY_ESTIMATE, region: req.region, accelerators: null, assumptions: [], unpricedReason: found.reason };
  }
  const { offer } = found;
  const assumptions = [...found.notes];
  const unit = unitPrice(offer, req.pricing, assumptions);
  if (unit === null) {
    return {
      estimate: EMPTY_ESTIMATE,
      region: offer.region,
      accelerators: acceleratorsOf(catalog, offer, req.quantity),
      assumptions,
      unpricedReason: `the bundled catalog has no ${req.pricing} price for ${offer.instanceType} in ${offer.region}`,
    };
  }
  const hourly = unit * req.quantity;
  assumptions.unshift(`${req.hoursPerMonth} h/month`);
  return {
    estimate: hourlyEstimate(hourly, req.hoursPerMonth),
    // A price table that states no region says nothing of where the resource runs: keep the asked region (the note says so).
    region: offer.region === UNSTATED_REGION ? (req.region ?? offer.region) : offer.region,
    accelerators: acceleratorsOf(catalog, offer, req.quantity),
    assumptions,
    priceSource: catalog.priceSource(offer),
    offer,
  };
}

/** Spot falls back to on-demand with a note; the catalog has no reserved prices. */
function unitPrice(offer: InstanceOffer, pricing: PricingModel, notes: string[]): number | null {
  if (pricing === 'spot') {
    if (offer.spotUsdPerHour !== null) {
      notes.push('spot price is the lowest across zones when the catalog was built; it changes continuously');
      return offer.spotUsdPerHour;
    }
    notes.push(`no spot price for ${offer.instanceType} in ${offer.region}; using on-demand`);
    return offer.onDemandUsdPerHour;
  }
  if (pricing === 'reserved') notes.push('reserved prices are not in the bundled catalog; using on-demand');
  return offer.onDemandUsdPerHour;
}

export function acceleratorsOf(catalog: PriceCatalog, offer: InstanceOffer, quantity: number): AcceleratorSummary | null {
  const acc = offer.accelerator;
  if (!acc) return null;
  const spec = catalog.accelerator(acc.name);
  return {
    name: spec?.name ?? acc.name,
    count: round(acc.count * quantity, 4),
    memoryGib: acc.memoryGib ?? spec?.memoryGib ?? undefined,
  };
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
