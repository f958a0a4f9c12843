import * as vscode from 'vscode';
import type { PricingModel } from '../core/model';

export type LensVerbosity = 'full' | 'compact';

/** Every `aiFinops.*` setting, read in this one place with its declared default. */
export interface Settings {
  codeLensEnabled: boolean;
  hoverEnabled: boolean;
  codeLensVerbosity: LensVerbosity;
  defaultRegion: string;
  defaultPricing: PricingModel;
  hoursPerMonth: number;
  /** Detector ids the user turned off. */
  disabledDetectors: string[];
}

export const SETTINGS_SECTION = 'aiFinops';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return {
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    codeLensVerbosity: c.get<LensVerbosity>('codeLens.verbosity', 'full'),
    defaultRegion: c.get<string>('defaultRegion', 'us-east-1'),
    defaultPricing: c.get<PricingModel>('defaultPricing', 'on-demand'),
    hoursPerMonth: c.get<number>('hoursPerMonth', 730),
    disabledDetectors: Object.entries(c.get<Record<string, boolean>>('detectors', {}))
      .filter(([, on]) => on === false)
      .map(([id]) => id),
  };
}
