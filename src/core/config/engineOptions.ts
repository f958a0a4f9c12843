import type { PricingModel } from '../model';

/** What every estimate depends on besides the document: settings merged with `.finops.yml`. */
export interface EngineOptions {
  hoursPerMonth: number;
  /** Region when neither the resource nor its provider names one; the catalog's default otherwise. */
  defaultRegion?: string;
  /** Where `defaultRegion` came from, for the assumption text. */
  defaultRegionSource?: string;
  defaultPricing: PricingModel;
  /** Detector ids turned off in settings. */
  disabledDetectors?: string[];
}

export const DEFAULT_HOURS_PER_MONTH = 730;

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  hoursPerMonth: DEFAULT_HOURS_PER_MONTH,
  defaultPricing: 'on-demand',
};
