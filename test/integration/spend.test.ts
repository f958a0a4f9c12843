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
});

interface PageState {
  status: string;
  lastGood?: { total: number; readAt: string };
  drawnReadAt?: string;
}

/** What the sidebar view's page, or the editor-area panel's, shows (undefined when it is not open). */
const pageState = (host: 'view' | 'panel') => vscode.commands.executeCommand<PageState | undefined>('aiFinops.spend.state', host);

/** Polls a page's state until its page has drawn a report read after `since`. */
async function drawnAfter(host: 'view' | 'panel', since: string): Promise<PageState> {
  const deadline = Date.now() + 60_000;
  let state: PageState | undefined;
  while (Date.now() < deadline) {
    state = await pageState(host);
    if (state?.status === 'ready' && state.drawnReadAt && state.drawnReadAt > since && state.drawnReadAt === state.lastGood?.readAt) return state;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the ${host}'s page drew no report read after ${since}; last state: ${JSON.stringify(state)}`);
}

const spendTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aiFinops.spendPanel'));

async function waitForTabs(count: number): Promise<void> {
  // The tab model follows the window a moment after a panel opens or closes.
  const deadline = Date.now() + 10_000;
  while (spendTabs().length !== count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(spendTabs().length, count, `Team Spend tabs among ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
}

describe('team spend in the editor area and the side bar', function () {
  this.timeout(180_000);
  const start = new Date(0).toISOString();

  after(async () => {
    await vscode.window.tabGroups.close(spendTabs());
  });

  it('"Open Team Spend" opens one editor-area panel beside the view, and each page draws its own report', async () => {
    await vscode.commands.executeCommand('aiFinops.spend.focus');
    const view = await drawnAfter('view', start);
    assert.ok((view.lastGood?.total ?? 0) > 0);
    await vscode.commands.executeCommand('aiFinops.openSpendPanel');
    await waitForTabs(1);
    assert.equal(spendTabs()[0]?.label, 'Team Spend');
    const panel = await drawnAfter('panel', start);
    assert.equal(panel.lastGood?.total, view.lastGood?.total, 'the same sample, the same default request');
    // A second run reveals the panel rather than opening another.
    await vscode.commands.executeCommand('aiFinops.openSpendPanel');
    await new Promise((r) => setTimeout(r, 500));
    await waitForTabs(1);
  });

  it('the view keeps receiving and drawing reports after the panel closes', async () => {
    const before = await pageState('view');
    assert.ok(before?.drawnReadAt);
    await vscode.window.tabGroups.close(spendTabs());
    await waitForTabs(0);
    assert.equal(await pageState('panel'), undefined, 'the closed panel has no page');
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    await drawnAfter('view', before.drawnReadAt);
  });

  it('a panel opened again works while the side bar is closed, and the view draws again when it is back', async () => {
    await vscode.commands.executeCommand('aiFinops.openSpendPanel');
    await waitForTabs(1);
    const panel = await drawnAfter('panel', start);
    const view = await pageState('view');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    await drawnAfter('panel', panel.drawnReadAt ?? start);
    // Shown again, the view's page reloads and asks for its report by itself.
    await vscode.commands.executeCommand('aiFinops.spend.focus');
    await drawnAfter('view', view?.drawnReadAt ?? start);
  });
});
