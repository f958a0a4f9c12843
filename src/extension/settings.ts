import * as vscode from 'vscode';
import type { PricingModel } from '../core/model';
import { SOURCE_KINDS, TABLE_LAYOUTS, type SourceKind, type TableLayout } from '../core/spend/types';

export type LensVerbosity = 'full' | 'compact';

/** Every `aiFinops.*` setting, read in this one place with its declared default. */
export interface Settings {
  codeLensEnabled: boolean;
  hoverEnabled: boolean;
  codeLensVerbosity: LensVerbosity;
  defaultRegion: string;
  defaultPricing: PricingModel;
  hoursPerMonth: number;
  /** Fetch prices from the clouds' price APIs (off unless the user turns it on). */
  livePricesEnabled: boolean;
  /** Named AWS profile for the Price List API; the default credential chain when empty. */
  livePricesAwsProfile: string;
  /** Detector ids the user turned off. */
  disabledDetectors: string[];
  spend: SpendSettings;
}

/** The spend source from user settings; `.finops.yml`'s `spend:` wins when the workspace is trusted. */
export interface SpendSettings {
  source?: SourceKind;
  path?: string;
  url?: string;
  awsProfile?: string;
  awsRegion?: string;
  costTag?: string;
  /** athena and bigquery: the FOCUS table, where queries run, and the most one may scan. */
  table?: string;
  tableLayout?: TableLayout;
  workgroup?: string;
  outputLocation?: string;
  gcpProject?: string;
  location?: string;
  maxScanGigabytes: number;
  /** Deadline of each request to a network source. */
  requestTimeoutMs: number;
}

export const SETTINGS_SECTION = 'aiFinops';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  // Window- and application-scoped settings have one value per window; reading them with a
  // resource scope makes VS Code log a warning on every read.
  const w = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    codeLensVerbosity: c.get<LensVerbosity>('codeLens.verbosity', 'full'),
    defaultRegion: c.get<string>('defaultRegion', 'us-east-1'),
    defaultPricing: c.get<PricingModel>('defaultPricing', 'on-demand'),
    hoursPerMonth: c.get<number>('hoursPerMonth', 730),
    livePricesEnabled: w.get<boolean>('livePrices.enabled', false),
    livePricesAwsProfile: w.get<string>('livePrices.awsProfile', '').trim(),
    disabledDetectors: Object.entries(c.get<Record<string, boolean>>('detectors', {}))
      .filter(([, on]) => on === false)
      .map(([id]) => id),
    spend: {
      source: (SOURCE_KINDS as readonly string[]).includes(w.get<string>('spend.source', '')) ? w.get<SourceKind>('spend.source') : undefined,
      path: w.get<string>('spend.path') || undefined,
      url: w.get<string>('spend.url') || undefined,
      awsProfile: w.get<string>('spend.awsProfile') || undefined,
      costTag: w.get<string>('spend.costTag') || undefined,
      awsRegion: w.get<string>('spend.awsRegion') || undefined,
      table: w.get<string>('spend.table') || undefined,
      tableLayout: (TABLE_LAYOUTS as readonly string[]).includes(w.get<string>('spend.tableLayout', '')) ? w.get<TableLayout>('spend.tableLayout') : undefined,
      workgroup: w.get<string>('spend.workgroup') || undefined,
      outputLocation: w.get<string>('spend.outputLocation') || undefined,
      gcpProject: w.get<string>('spend.gcpProject') || undefined,
      location: w.get<string>('spend.location') || undefined,
      maxScanGigabytes: Math.max(0.01, w.get<number>('spend.maxScanGigabytes', 10)),
      requestTimeoutMs: Math.max(1, w.get<number>('spend.requestTimeoutSeconds', 30)) * 1000,
    },
  };
}
