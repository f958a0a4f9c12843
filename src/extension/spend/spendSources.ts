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
import { tokenSecretKey } from './tokenSecrets';

export interface ResolvedSource {
  config: SourceConfig;
  budgets: BudgetSpec[];
  /** Why the workspace's choice was not used, shown in the panel. */
  restrictedNote?: string;
}

/**
 * Where spend comes from: `.finops.yml`'s `spend:` (the team's shared choice), else settings,
 * else the bundled sample. In an untrusted workspace the file may not choose a network
 * source (VS Code already ignores restricted workspace settings there). An `http` source gets
 * the token stored for its own origin only; with none, the user is offered to set one.
 */
export async function resolveSource(secrets: vscode.SecretStorage): Promise<ResolvedSource> {
  const { section, baseDir, budgets, refused, timeoutMs } = await currentSection();
  const origin = httpOrigin(section);
  const token = origin ? await secrets.get(tokenSecretKey(origin)) : undefined;
  if (origin && !token) offerToken(origin);
  return { config: { ...section, baseDir, token, timeoutMs }, budgets, restrictedNote: refused };
}

async function currentSection() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const settings = readSettings(folder?.uri).spend;
  const fromSettings: SpendSection = {
    source: settings.source, path: settings.path, url: settings.url, profile: settings.awsProfile, region: settings.awsRegion, costTag: settings.costTag,
    table: settings.table, layout: settings.tableLayout, workgroup: settings.workgroup, outputLocation: settings.outputLocation, project: settings.gcpProject, location: settings.location,
    maxScanGigabytes: settings.maxScanGigabytes,
  };
  const baseDir = folder?.uri.scheme === 'file' ? folder.uri.fsPath : process.cwd();
  const file = folder ? await readConfig(path.join(baseDir, FINOPS_CONFIG_FILE)) : undefined;
  const { section, refused } = loadSpend().chooseSpendSection(file?.spend, fromSettings, vscode.workspace.isTrusted);
  return { section, baseDir, budgets: file?.budgets?.budgets ?? [], refused, timeoutMs: settings.requestTimeoutMs };
}

/** The origin (scheme, host, port) an `http` source would send its token to. */
function httpOrigin(section: SpendSection): string | undefined {
  const { sourceKind, originOf } = loadSpend();
  return sourceKind(section) === 'http' ? originOf(section.url) : undefined;
}

async function readConfig(file: string) {
  const text = await editorReader.readText(file);
  if (text === undefined) return undefined;
  const { config, problems } = loadSpend().parseFinopsConfig(text);
  for (const p of problems) log().warn(`${file}:${p.line}: ${p.message}`);
  return config;
}

const offered = new Set<string>();

/** Once per origin and session: the workspace names a service no token is stored for. */
function offerToken(origin: string): void {
  if (offered.has(origin)) return;
  offered.add(origin);
  log().info(`spend source: no token stored for ${origin}; requests go without one`);
  const action = `Set Token for ${origin}`;
  void vscode.window
    .showInformationMessage(`The Team Spend source is the http service at ${origin}, which has no token stored for it; requests go without one. A token stored for another service is never sent there.`, action)
    .then((chosen) => chosen === action && vscode.commands.executeCommand('aiFinops.spend.setToken', undefined, origin));
}

/**
 * Keeps a spend service token in SecretStorage, keyed by the origin it is for. The origin is
 * the one given, else asked for (prefilled with the current source's); a token given without
 * an origin (a setup script, a test) is for the current source's origin.
 */
export async function setToken(secrets: vscode.SecretStorage, given?: unknown, forOrigin?: unknown): Promise<boolean> {
  const { originOf } = loadSpend();
  const current = httpOrigin((await currentSection()).section);
  const origin = originOf(typeof forOrigin === 'string' ? forOrigin : undefined) ?? (typeof given === 'string' ? current : await askOrigin(current));
  if (!origin) {
    if (typeof given === 'string') void vscode.window.showErrorMessage('No http spend source is configured: give the service URL the token is for.');
    return false;
  }
  const token = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: `Spend service token for ${origin}`, prompt: `Bearer token sent only to ${origin}; stored in VS Code SecretStorage.`, password: true, ignoreFocusOut: true });
  if (!token) return false;
  await secrets.store(tokenSecretKey(origin), token.trim());
  return true;
}

async function askOrigin(current: string | undefined): Promise<string | undefined> {
  const { originOf } = loadSpend();
  const url = await vscode.window.showInputBox({
    title: 'Spend service URL',
    prompt: 'The http spend service this token is for; it is sent to this scheme, host and port only.',
    value: current ?? 'https://',
    ignoreFocusOut: true,
    validateInput: (v) => (originOf(v) ? undefined : 'An http:// or https:// URL'),
  });
  return originOf(url);
}

/** Forgets the token of the given origin, else of the current source's. */
export async function clearToken(secrets: vscode.SecretStorage, forOrigin?: unknown): Promise<void> {
  const origin = loadSpend().originOf(typeof forOrigin === 'string' ? forOrigin : undefined) ?? httpOrigin((await currentSection()).section);
  if (origin) await secrets.delete(tokenSecretKey(origin));
}
