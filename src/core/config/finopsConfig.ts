import { isMap, isScalar, LineCounter, parseDocument, type Scalar } from 'yaml';
import type { PricingModel } from '../model';
import { ConfigReader, type ConfigProblem } from './configReader';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './engineOptions';
import { readChecks, type ChecksSection } from './sections/checks';
import { readDefaults, type DefaultsSection } from './sections/defaults';
import { readLlm, type LlmSection } from './sections/llm';
import { readRates, type RatesSection } from './sections/rates';
import { readTraining, type TrainingSection } from './sections/training';
import { readTags, type TagsSection } from './sections/tags';
import { readBudgets, type BudgetsSection } from './sections/budgets';
import { readSpend, type SpendSection } from './sections/spend';

export type { ConfigProblem } from './configReader';

import { FINOPS_CONFIG_FILE } from './constants';
import { MAX_CONFIG_FILE_CHARS, oversizeMessage } from '../limits';

export { FINOPS_CONFIG_FILE };

/**
 * The workspace policy a platform team commits at the root. Each top-level key is one
 * section with its own reader in `sections/`; a new section is a new reader added here.
 */
export interface FinopsConfig {
  version: 1;
  defaults: DefaultsSection;
  rates: RatesSection;
  training: TrainingSection;
  llm: LlmSection;
  tags: TagsSection;
  checks: ChecksSection;
  spend?: SpendSection;
  budgets?: BudgetsSection;
}

export interface LoadedConfig {
  config: FinopsConfig;
  problems: ConfigProblem[];
}

export const KNOWN_KEYS: ReadonlySet<string> = new Set(['version', 'defaults', 'tags', 'checks', 'rates', 'training', 'llm', 'spend', 'budgets']);

/** Parses `.finops.yml`; a broken file yields the defaults plus problems that name their line. */
export function parseFinopsConfig(text: string): LoadedConfig {
  if (text.length > MAX_CONFIG_FILE_CHARS) {
    return { config: emptyConfig(), problems: [{ line: 1, message: oversizeMessage(FINOPS_CONFIG_FILE, text.length, MAX_CONFIG_FILE_CHARS) }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    line: lineCounter.linePos(e.pos[0]).line,
    message: e.message.split('\n')[0],
  }));
  const empty = emptyConfig();
  if (problems.length) return { config: empty, problems };
  if (doc.contents === null) return { config: empty, problems };
  if (!isMap(doc.contents)) return { config: empty, problems: [{ line: 1, message: '.finops.yml must be a mapping' }] };
  const root = doc.contents;
  const r = new ConfigReader(lineCounter, problems);
  const version: unknown = root.get('version', true);
  if (version !== undefined && !(isScalar(version) && version.value === 1)) r.problem(version as Scalar, 'version must be 1');
  for (const [key, , pair] of r.entries(root)) if (!KNOWN_KEYS.has(key)) r.problem(pair, `unknown key "${key}"`);
  const config: FinopsConfig = {
    version: 1,
    defaults: readDefaults(root, r),
    tags: readTags(root, r),
    checks: readChecks(root, r),
    rates: readRates(root, r),
    training: readTraining(root, r),
    llm: readLlm(root, r),
    spend: readSpend(root, r),
    budgets: readBudgets(root, r),
  };
  return { config, problems };
}

function emptyConfig(): FinopsConfig {
  return { version: 1, defaults: {}, tags: {}, checks: {}, rates: { gpuHour: {} }, training: { runs: {} }, llm: { calls: {} } };
}

export interface SettingsDefaults {
  defaultRegion?: string;
  hoursPerMonth?: number;
  defaultPricing?: PricingModel;
  disabledDetectors?: string[];
}

/** `.finops.yml` wins over user settings: it is the team's shared policy. */
export function engineOptionsFrom(config: FinopsConfig | undefined, settings: SettingsDefaults = {}): EngineOptions {
  const d = config?.defaults ?? {};
  const region = d.region ?? settings.defaultRegion;
  return {
    hoursPerMonth: d.hoursPerMonth ?? settings.hoursPerMonth ?? DEFAULT_ENGINE_OPTIONS.hoursPerMonth,
    defaultPricing: d.pricing ?? settings.defaultPricing ?? DEFAULT_ENGINE_OPTIONS.defaultPricing,
    disabledDetectors: settings.disabledDetectors,
    defaultRegion: region,
    defaultRegionSource: d.region ? FINOPS_CONFIG_FILE : region ? 'settings' : undefined,
    ml: config ? { rates: config.rates, training: config.training, llm: config.llm } : undefined,
  };
}
