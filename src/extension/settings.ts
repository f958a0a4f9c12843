import * as vscode from 'vscode';
import { SOURCE_KINDS, type SourceKind } from '../core/spend/types';

/** Every `aiFinops.*` setting, read in this one place with its declared default. */
export interface Settings {
  codeLensEnabled: boolean;
  hoverEnabled: boolean;
  defaultRegion: string;
  hoursPerMonth: number;
  spend: SpendSettings;
}

/** The spend source from user settings; `.finops.yml`'s `spend:` wins when the workspace is trusted. */
export interface SpendSettings {
  source?: SourceKind;
  path?: string;
  url?: string;
  awsProfile?: string;
  costTag?: string;
}

export const SETTINGS_SECTION = 'aiFinops';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return {
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    defaultRegion: c.get<string>('defaultRegion', 'us-east-1'),
    hoursPerMonth: c.get<number>('hoursPerMonth', 730),
    spend: {
      source: (SOURCE_KINDS as readonly string[]).includes(c.get<string>('spend.source', '')) ? c.get<SourceKind>('spend.source') : undefined,
      path: c.get<string>('spend.path') || undefined,
      url: c.get<string>('spend.url') || undefined,
      awsProfile: c.get<string>('spend.awsProfile') || undefined,
      costTag: c.get<string>('spend.costTag') || undefined,
    },
  };
}
