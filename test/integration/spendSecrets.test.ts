// Named to sort after spend.test.ts, which checks that nothing has loaded the spend bundle yet.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startServer, type LocalServer } from '../core/spend/localServer';
import type { AiFinopsApi } from '../../src/extension/extension';
import { EXTENSION_ID, extensionLogFile, filesUnder, logMatching, until, userDataDir } from './hostFiles';

/** The files among `files` whose bytes contain `needle` (logs and state databases alike). */
function containing(files: string[], needle: string): string[] {
  const bytes = Buffer.from(needle);
  return files.filter((f) => fs.readFileSync(f).includes(bytes));
}

const spendSettings = () => vscode.workspace.getConfiguration('aiFinops.spend');

describe('secrets stay in SecretStorage', () => {
  // Unique per run, so a hit can only come from this run's token.
  const token = `planted-${randomUUID()}`;
  let server: LocalServer;
  let calls = 0;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    // The http contract; the first answer is an error that echoes the credentials, so the
    // error path (log, panel message) runs with the token in the service's own words.
    server = await startServer((req) => {
      if (calls++ === 0) return { status: 503, body: { message: `outage; you sent ${req.headers.authorization ?? 'nothing'}` } };
      const from = req.url.searchParams.get('from') ?? '2026-01-01';
      return { body: { schemaVersion: 1, currency: 'USD', series: [{ date: from, key: 'nlp', cost: 12.5 }], resources: [{ id: 'i-planted', cost: 12.5, team: 'nlp' }] } };
    });
    await spendSettings().update('source', 'http', vscode.ConfigurationTarget.Workspace);
    await spendSettings().update('url', server.url, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('aiFinops.spend.setToken', token);
  });

  after(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    // "Open Team Spend" opened the editor-area panel: close it, so later suites have the editors to themselves.
    const panels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aiFinops.spendPanel'));
    await vscode.window.tabGroups.close(panels);
    await vscode.commands.executeCommand('aiFinops.spend.clearToken');
    // The analysis reads no spend setting, so resetting them must not rescan the workspace.
    const scans = () => {
      const file = extensionLogFile();
      return file ? (fs.readFileSync(file, 'utf8').match(/workspace scan: /g) ?? []).length : 0;
    };
    await vscode.extensions.getExtension<AiFinopsApi>(EXTENSION_ID)?.exports.workspaceItems();
    const before = scans();
    await spendSettings().update('source', undefined, vscode.ConfigurationTarget.Workspace);
    await spendSettings().update('url', undefined, vscode.ConfigurationTarget.Workspace);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(scans(), before, 'a spend setting change started a workspace scan');
    await server.close();
  });

  it('sends the token only as the Authorization header, and it reaches no log, settings or storage file', async () => {
    await vscode.commands.executeCommand('aiFinops.openSpendPanel');
    await until('the panel query that fails', () => server.requests.length >= 1);
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    await until('the panel query after a refresh', () => server.requests.length >= 2);
    for (const r of server.requests) assert.equal(r.headers.authorization, `Bearer ${token}`);
    assert.ok(server.requests.every((r) => !r.url.toString().includes(token)), 'the token is not in the query string');

    // The failure was logged: the grep below reads a log that holds the error path.
    const { file: log } = await logMatching(/spend query failed.*outage; you sent/);
    await logMatching(/spend source: [^]*spend source: /);

    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const workspaceSettings = path.join(folder, '.vscode', 'settings.json');
    assert.match(fs.readFileSync(workspaceSettings, 'utf8'), /aiFinops\.spend\.url/);
    const userSettings = path.join(userDataDir(), 'User', 'settings.json');
    const storage = [path.join(userDataDir(), 'User', 'globalStorage'), path.join(userDataDir(), 'User', 'workspaceStorage')].flatMap(filesUnder);
    const searched = new Set([log, userSettings, workspaceSettings, ...filesUnder(folder), ...filesUnder(path.join(userDataDir(), 'logs')), ...storage]);
    assert.ok(searched.size > 4, 'the log, both settings files and the workspace were searched');
    assert.deepEqual(containing([...searched], token), []);
  });

  it('never sends the token to another origin the workspace names, and offers to set one for it', async () => {
    const other = await startServer((req) => {
      const from = req.url.searchParams.get('from') ?? '2026-01-01';
      return { body: { schemaVersion: 1, currency: 'USD', series: [{ date: from, key: 'nlp', cost: 1 }] } };
    });
    try {
      await spendSettings().update('url', other.url, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('aiFinops.spend.refresh');
      await until('the panel query to the other origin', () => other.requests.length >= 1);
      assert.deepEqual(other.requests.map((r) => r.headers.authorization).filter(Boolean), []);
      await logMatching(new RegExp(`no token stored for ${new URL(other.url).origin.replace(/[.]/g, '\\.')}`));
    } finally {
      await spendSettings().update('url', server.url, vscode.ConfigurationTarget.Workspace);
      await other.close();
    }
  });
});
