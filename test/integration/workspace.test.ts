import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AiFinopsApi } from '../../src/extension/extension';

const EXTENSION_ID = 'ai-finops.ai-finops';

async function api(): Promise<AiFinopsApi> {
  const ext = vscode.extensions.getExtension<AiFinopsApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

describe('workspace cost items', () => {
  it('indexes every priced resource of the workspace without opening the files', async () => {
    const items = await (await api()).workspaceItems();
    const resources = items.map((i) => i.resource).sort();
    assert.deepEqual(resources, ['aws_instance.inference', 'aws_instance.trainer']);
    const total = items.reduce((s, i) => s + (i.estimate.monthlyUsd ?? 0), 0);
    // 2 × p4d.24xlarge + 1 × g5.xlarge, 730 h
    assert.equal(Math.round(total * 100) / 100, 32058.16 + 734.38);
  });

  it('opens the cost items view from the status bar command', async () => {
    await vscode.commands.executeCommand('aiFinops.showCostItems');
    // The view's own focus command exists only when the view is contributed.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('aiFinops.costItems.focus'));
  });

  it('creates .finops.yml from a template that fits the workspace and opens it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, '.finops.yml');
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('aiFinops.createConfig');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /^version: 1$/m);
    assert.match(text, /^ {2}region: us-east-1 /m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    await vscode.workspace.fs.delete(uri);
  });
});
