import type { PricingModel } from '../model';
import type { LlmSection } from './sections/llm';
import type { RatesSection } from './sections/rates';
import type { TrainingSection } from './sections/training';

/** The `.finops.yml` sections the ML detectors read (LLM volumes, training runs, GPU rates). */
export interface MlOptions {
  rates: RatesSection;
  training: TrainingSection;
  llm: LlmSection;
}

/** What every estimate depends on besides the document: settings merged with `.finops.yml`. */
export interface EngineOptions {
  hoursPerMonth: number;
  /** Region when neither the resource nor its provider names one; the catalog's default otherwise. */
  defaultRegion?: string;
  /** Where `defaultRegion` came from, for the assumption text. */
  defaultRegionSource?: string;
  defaultPricing: PricingModel;
  /** Absent without a `.finops.yml`. */
  ml?: MlOptions;
  /** Root of the workspace folder: `.finops.yml` keys files relative to it. */
  workspaceRoot?: string;
  /**
   * USD per GPU-hour for GPUs asked for with no instance type (Kubernetes pods); derived from
   * the catalog when absent. `source` names where the rate came from, for the assumption.
   */
  gpuHourRate?: { usdPerHour: number; source: string };
  /** Detector ids turned off in settings. */
  disabledDetectors?: string[];
}

export const DEFAULT_HOURS_PER_MONTH = 730;

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  hoursPerMonth: DEFAULT_HOURS_PER_MONTH,
  defaultPricing: 'on-demand',
};
