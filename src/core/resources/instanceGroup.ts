import type { PriceCatalog } from '../catalog/catalog';
import type { Cloud, SageMakerComponent } from '../catalog/types';
import type { EngineOptions } from '../config/engineOptions';
import { priceInstances } from '../estimate/instanceEstimate';
import type { CostItem, CostKind, PricingModel, Provider, SourceRange, Tagging } from '../model';
import { EMPTY_ESTIMATE } from '../model';
import type { RegionChoice } from '../detectors/shared/region';

/** What a detector knows about one group of identical instances, before pricing. */
export interface InstanceGroup {
  file: string;
  range: SourceRange;
  skuRange?: SourceRange;
  kind: CostKind;
  resource: string;
  provider: Provider;
  /** Inferred from the catalog rows of the type when absent (Kubernetes node selectors). */
  cloud?: Cloud;
  /** The instance type, or why it could not be read. */
  sku: string | { unresolved: string };
  region: RegionChoice;
  quantity: number;
  pricing: PricingModel;
  tags: Record<string, string>;
  /** Assumptions of the source (counts, defaults), shown after the region. */
  notes: string[];
  component?: SageMakerComponent;
  /** How the tags are written, for the tag policy's quick fix; absent when the format has none. */
  tagging?: Tagging;
  /** The autoscaling floor, when the source states one. */
  minQuantity?: number;
}

/** An item for `quantity` instances of one type, priced from the catalog or saying why not. */
export function pricedItem(catalog: PriceCatalog, options: EngineOptions, g: InstanceGroup): CostItem {
  const base = baseItem(g);
  const context = [g.region.assumption, ...g.notes];
  if (typeof g.sku !== 'string') return { ...base, assumptions: context, unpricedReason: g.sku.unresolved };
  const priced = priceInstances(catalog, {
    cloud: g.cloud,
    instanceType: g.sku,
    region: g.region.value,
    quantity: g.quantity,
    pricing: g.pricing,
    hoursPerMonth: options.hoursPerMonth,
    component: g.component,
  });
  return {
    ...base,
    region: priced.region,
    accelerators: priced.accelerators,
    estimate: priced.estimate,
    assumptions: [...priced.assumptions.slice(0, 1), ...context, ...priced.assumptions.slice(1)],
    priceSource: priced.priceSource,
    unpricedReason: priced.unpricedReason,
  };
}

/** The item's identity and inputs, with no price yet. */
export function baseItem(g: InstanceGroup): CostItem {
  return {
    file: g.file,
    range: g.range,
    ...(g.skuRange ? { skuRange: g.skuRange } : {}),
    ...(g.tagging ? { tagging: g.tagging } : {}),
    ...(g.minQuantity !== undefined ? { minQuantity: g.minQuantity } : {}),
    kind: g.kind,
    resource: g.resource,
    provider: g.provider,
    region: g.region.value,
    sku: typeof g.sku === 'string' ? g.sku : null,
    quantity: g.quantity,
    pricing: g.pricing,
    accelerators: null,
    tags: g.tags,
    estimate: EMPTY_ESTIMATE,
    assumptions: [],
  };
}

/** An item that has no hourly price, saying why (serverless endpoints, pods that cannot fit): never a silent zero. */
export function unpricedItem(g: InstanceGroup, why: string): CostItem {
  return { ...baseItem(g), assumptions: [g.region.assumption, ...g.notes], unpricedReason: why };
}
