import type { YAMLMap } from 'yaml';
import type { PricingModel } from '../../model';
import type { ConfigReader } from '../configReader';

export interface DefaultsSection {
  region?: string;
  hoursPerMonth?: number;
  pricing?: PricingModel;
}

const PRICING: readonly PricingModel[] = ['on-demand', 'spot', 'reserved'];

export function readDefaults(root: YAMLMap, r: ConfigReader): DefaultsSection {
  const map = r.map(root, 'defaults', 'defaults');
  return {
    region: r.string(map, 'region', 'defaults.region'),
    hoursPerMonth: r.number(map, 'hoursPerMonth', 'defaults.hoursPerMonth', 1, 744),
    pricing: r.oneOf(map, 'pricing', 'defaults.pricing', PRICING),
  };
}
