import * as vscode from 'vscode';

/** Every `aiFinops.*` setting, read in this one place with its declared default. */
export interface Settings {
  codeLensEnabled: boolean;
  hoverEnabled: boolean;
  defaultRegion: string;
  hoursPerMonth: number;
  /** Fetch prices from the clouds' price APIs (off unless the user turns it on). */
  livePricesEnabled: boolean;
  /** Named AWS profile for the Price List API; the default credential chain when empty. */
  livePricesAwsProfile: string;
}

export const SETTINGS_SECTION = 'aiFinops';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return {
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    defaultRegion: c.get<string>('defaultRegion', 'us-east-1'),
    hoursPerMonth: c.get<number>('hoursPerMonth', 730),
    livePricesEnabled: c.get<boolean>('livePrices.enabled', false),
    livePricesAwsProfile: c.get<string>('livePrices.awsProfile', '').trim(),
  };
}
