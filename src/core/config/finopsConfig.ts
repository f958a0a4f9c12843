import { isMap, LineCounter, parseDocument } from 'yaml';
import type { PricingModel } from '../model';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './engineOptions';

export const FINOPS_CONFIG_FILE = '.finops.yml';

/** The workspace policy a platform team commits at the root. Later sections slot in beside `defaults`. */
export interface FinopsConfig {
  version: 1;
  defaults: {
    region?: string;
    hoursPerMonth?: number;
    pricing?: PricingModel;
  };
}

export interface ConfigProblem {
  /** 1-based line in `.finops.yml`. */
  line: number;
  message: string;
}

export interface LoadedConfig {
  config: FinopsConfig;
  problems: ConfigProblem[];
}

const PRICING: readonly PricingModel[] = ['on-demand', 'spot', 'reserved'];

/** Parses `.finops.yml`; a broken file yields the defaults plus problems that name their line. */
export function parseFinopsConfig(text: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    line: lineCounter.linePos(e.pos[0]).line,
    message: e.message.split('\n')[0],
  }));
  const config: FinopsConfig = { version: 1, defaults: {} };
  if (problems.length || !isMap(doc.contents)) return { config, problems };
  const defaults = doc.get('defaults', true);
  if (isMap(defaults)) {
    const line = (key: string) => {
      const pair = defaults.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === key);
      const range = (pair?.value as { range?: [number] } | null)?.range;
      return range ? lineCounter.linePos(range[0]).line : 1;
    };
    const region = defaults.get('region');
    if (typeof region === 'string') config.defaults.region = region;
    else if (region !== undefined) problems.push({ line: line('region'), message: 'defaults.region must be a string' });
    const hours = defaults.get('hoursPerMonth');
    if (typeof hours === 'number' && hours > 0 && hours <= 744) config.defaults.hoursPerMonth = hours;
    else if (hours !== undefined) problems.push({ line: line('hoursPerMonth'), message: 'defaults.hoursPerMonth must be a number of hours between 1 and 744' });
    const pricing = defaults.get('pricing');
    if (PRICING.includes(pricing as PricingModel)) config.defaults.pricing = pricing as PricingModel;
    else if (pricing !== undefined) problems.push({ line: line('pricing'), message: `defaults.pricing must be one of ${PRICING.join(', ')}` });
  }
  return { config, problems };
}

export interface SettingsDefaults {
  defaultRegion?: string;
  hoursPerMonth?: number;
}

/** `.finops.yml` wins over user settings: it is the team's shared policy. */
export function engineOptionsFrom(config: FinopsConfig | undefined, settings: SettingsDefaults = {}): EngineOptions {
  const d = config?.defaults ?? {};
  const region = d.region ?? settings.defaultRegion;
  return {
    hoursPerMonth: d.hoursPerMonth ?? settings.hoursPerMonth ?? DEFAULT_ENGINE_OPTIONS.hoursPerMonth,
    defaultPricing: d.pricing ?? DEFAULT_ENGINE_OPTIONS.defaultPricing,
    defaultRegion: region,
    defaultRegionSource: d.region ? FINOPS_CONFIG_FILE : region ? 'settings' : undefined,
  };
}
