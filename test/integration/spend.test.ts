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
