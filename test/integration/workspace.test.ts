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
    // The Terraform module's items (ml/ holds the ML fixtures, tested in ml.test.ts). Other
    // suites create and delete files; the index follows them within its debounce.
    const tfItems = async () => (await (await api()).workspaceItems()).filter((i) => i.file.endsWith('.tf'));
    const deadline = Date.now() + 10_000;
    let items = await tfItems();
    while (items.length !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      items = await tfItems();
    }
    const resources = items.map((i) => i.resource).sort();
    assert.deepEqual(resources, ['aws_instance.inference', 'aws_instance.trainer']);
    const total = items.reduce((s, i) => s + (i.estimate.monthlyUsd ?? 0), 0);
    // 2 × p4d.24xlarge + 1 × g5.xlarge, 730 h
    assert.equal(Math.round(total * 100) / 100, 32058.16 + 734.38);
  });

  it('rescans the workspace when a setting the analysis reads changes, and not for one only lenses read', async function () {
    this.timeout(60_000);
    const settings = () => vscode.workspace.getConfiguration('aiFinops');
    const trainer = async () => (await (await api()).workspaceItems()).find((i) => i.resource === 'aws_instance.trainer');
    const settle = () => new Promise((r) => setTimeout(r, 3000));
    const first = await trainer();
    assert.ok(first);
    try {
      await settings().update('codeLens.verbosity', 'compact', vscode.ConfigurationTarget.Workspace);
      await settle();
      // No rescan: the index holds the very item it held before.
      assert.equal(await trainer(), first);
      await settings().update('hoursPerMonth', 100, vscode.ConfigurationTarget.Workspace);
      const deadline = Date.now() + 20_000;
      while ((await trainer())?.estimate.monthlyUsd === first.estimate.monthlyUsd && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      const rescanned = await trainer();
      assert.ok(rescanned && rescanned !== first);
      // 100 hours a month instead of 730
      const expected = (first.estimate.hourlyUsd ?? 0) * 100;
      assert.ok(Math.abs((rescanned.estimate.monthlyUsd ?? 0) - expected) < 0.01 * expected, `${rescanned.estimate.monthlyUsd} for ${expected}`);
    } finally {
      await settings().update('codeLens.verbosity', undefined, vscode.ConfigurationTarget.Workspace);
      await settings().update('hoursPerMonth', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const deadline = Date.now() + 20_000;
    while ((await trainer())?.estimate.monthlyUsd !== first.estimate.monthlyUsd && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.equal((await trainer())?.estimate.monthlyUsd, first.estimate.monthlyUsd);
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

  it('drops unsaved items a rescan picked up once the edits are reverted', async function () {
    this.timeout(60_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'revert-probe.tf');
    const finops = vscode.Uri.joinPath(folder.uri, '.finops.yml');
    const skuOf = async () => (await (await api()).workspaceItems()).find((i) => i.file === uri.fsPath)?.sku;
    const waitFor = async (sku: string | undefined, what: string) => {
      const deadline = Date.now() + 15_000;
      while ((await skuOf()) !== sku && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      assert.equal(await skuOf(), sku, what);
    };
    // VS Code in the browser saves after a delay by default; the desktop default is off. The
    // harness turns it off for the run; this test needs it off whatever ran it.
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect<string>('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('resource "aws_instance" "probe" {\n  instance_type = "g5.xlarge"\n}\n'));
    try {
      await waitFor('g5.xlarge', 'the new file is indexed from disk');
      const editor = await vscode.window.showTextDocument(uri);
      const at = editor.document.getText().indexOf('g5.xlarge');
      await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 9)), 'p5.48xlarge'));
      // A new .finops.yml rescans the workspace, which reads the open editor's unsaved text.
      await vscode.workspace.fs.writeFile(finops, new TextEncoder().encode('version: 1\n'));
      await waitFor('p5.48xlarge', 'the rescan read the unsaved edit');
      // The new file's events may start more than one rescan; the revert must come after the last.
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(await skuOf(), 'p5.48xlarge');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).includes('g5.xlarge'), true, 'the edit was never saved');
      await waitFor('g5.xlarge', 'after the revert the index holds what is on disk');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
      await vscode.workspace.fs.delete(finops).then(undefined, () => undefined);
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    }
    await waitFor(undefined, 'the deleted file leaves the index');
  });
});
