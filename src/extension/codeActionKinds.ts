import * as vscode from 'vscode';

/** Fix-all for the tag policy: every resource of the file, values left empty to fill in. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('aiFinops');

/** The kinds the policy code actions provide, declared when the provider is registered. */
export const POLICY_ACTION_KINDS = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];
