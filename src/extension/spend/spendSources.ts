import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BudgetSpec } from '../../core/config/sections/budgets';
import type { SpendSection } from '../../core/config/sections/spend';
import { FINOPS_CONFIG_FILE } from '../../core/config/constants';
import type { SourceConfig } from '../../core/spend/backendFactory';
import { log } from '../log';
import { readSettings } from '../settings';
import { editorReader } from '../workspaceReader';
import { loadSpend } from './spendLoader';

export const TOKEN_SECRET = 'aiFinops.spend.token';

export interface ResolvedSource {
  config: SourceConfig;
  budgets: BudgetSpec[];
  /** Why the workspace's choice was not used, shown in the panel. */
  restrictedNote?: string;
}

/**
 * Where spend comes from: `.finops.yml`'s `spend:` (the team's shared choice), else settings,
 * else the bundled sample. In an untrusted workspace the file may not choose a network
 * source (VS Code already ignores restricted workspace settings there).
 */
export async function resolveSource(secrets: vscode.SecretStorage): Promise<ResolvedSource> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const settings = readSettings(folder?.uri).spend;
  const fromSettings: SpendSection = { source: settings.source, path: settings.path, url: settings.url, profile: settings.awsProfile, costTag: settings.costTag };
  const baseDir = folder?.uri.scheme === 'file' ? folder.uri.fsPath : process.cwd();
  const file = folder ? await readConfig(path.join(baseDir, FINOPS_CONFIG_FILE)) : undefined;
  const { chooseSpendSection, sourceKind } = loadSpend();
  const { section, refused } = chooseSpendSection(file?.spend, fromSettings, vscode.workspace.isTrusted);
  const token = sourceKind(section) === 'http' ? await secrets.get(TOKEN_SECRET) : undefined;
  return { config: { ...section, baseDir, token, timeoutMs: settings.requestTimeoutMs }, budgets: file?.budgets?.budgets ?? [], restrictedNote: refused };
}

async function readConfig(file: string) {
  const text = await editorReader.readText(file);
  if (text === undefined) return undefined;
  const { config, problems } = loadSpend().parseFinopsConfig(text);
  for (const p of problems) log().warn(`${file}:${p.line}: ${p.message}`);
  return config;
}

/**
 * Keeps the spend service token in SecretStorage only: the one given (a setup script or a
 * test running the command with it), else the one the user types into a password box.
 */
export async function setToken(secrets: vscode.SecretStorage, given?: unknown): Promise<boolean> {
  const token = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: 'Spend service token', prompt: 'Bearer token for the http spend source; stored in VS Code SecretStorage.', password: true, ignoreFocusOut: true });
  if (!token) return false;
  await secrets.store(TOKEN_SECRET, token.trim());
  return true;
}
