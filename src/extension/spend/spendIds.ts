/**
 * Ids package.json and activation (extension.ts) share with the spend code; this file imports
 * nothing, so the thin activation bundle can use it without loading the features.
 */

/** The Team Spend sidebar view. */
export const SPEND_VIEW_ID = 'aiFinops.spend';

/** The editor-area Team Spend panel's view type; `onWebviewPanel:` activates for it to restore one. */
export const SPEND_PANEL_TYPE = 'aiFinops.spendPanel';
