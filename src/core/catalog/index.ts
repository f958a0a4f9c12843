export { PriceCatalog, bundledCatalog } from './catalog';
export type { CheapestOptions, OfferPriceSource, OfferPricing } from './catalog';
export { inferCloud, isSageMakerType } from './naming';
export type {
  AcceleratorRef,
  AcceleratorSpec,
  CatalogData,
  CatalogMeta,
  CatalogSource,
  Cloud,
  InstanceOffer,
  LookupQuery,
  OfferKind,
  PriceLookup,
  SageMakerComponent,
} from './types';
