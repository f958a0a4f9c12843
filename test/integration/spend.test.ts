import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ai-finops.ai-finops';

function loaded(pattern: RegExp): string[] {
  return Object.keys(require.cache).filter((k) => pattern.test(k));
}

describe('team spend in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('registers the Team Spend commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['aiFinops.spend.refresh', 'aiFinops.spend.setToken', 'aiFinops.spend.clearToken']) assert.ok(commands.includes(c), c);
  });

  it('keeps DuckDB, the spend bundle and the AWS SDK out of activation until the panel queries', () => {
    assert.deepEqual(loaded(/[\\/]dist[\\/]spend\.js$/), []);
    assert.deepEqual(loaded(/duckdb/i), []);
    assert.deepEqual(loaded(/client-cost-explorer/), []);
  });

  it('"Open Team Spend" opens the panel in the editor area too, with the same page, and it loads a report', async function () {
    this.timeout(60_000);
    const viewType = await vscode.commands.executeCommand<string>('aiFinops.openSpendPanel');
    assert.equal(viewType, 'aiFinops.spendPanel');
    const spendTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aiFinops.spendPanel'));
    // The tab model follows the window a moment after the panel is created.
    const tabDeadline = Date.now() + 10_000;
    while (spendTabs().length === 0 && Date.now() < tabDeadline) await new Promise((r) => setTimeout(r, 100));
    const panel = spendTabs()[0];
    assert.ok(panel, `no Team Spend tab among ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
    assert.equal(panel.label, 'Team Spend');
    const deadline = Date.now() + 45_000;
    let state: { status: string; lastGood?: { total: number } } | undefined;
    while (Date.now() < deadline) {
      state = await vscode.commands.executeCommand<typeof state>('aiFinops.spend.state');
      if (state?.status === 'ready' && state.lastGood) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(state?.status, 'ready', JSON.stringify(state));
    assert.ok((state?.lastGood?.total ?? 0) > 0);
    // A second click reveals the same panel rather than opening another.
    await vscode.commands.executeCommand('aiFinops.openSpendPanel');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(spendTabs().length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
