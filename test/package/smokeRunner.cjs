// Runs inside the VS Code extension host, loaded as the extensionTestsPath of a throwaway
// runner extension (scripts/test-package.mjs), against the AI FinOps extension INSTALLED
// from the .vsix: it checks the extension comes from the extensions folder, not the
// source tree, and that its lenses, hover and commands work from the package.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'ai-finops.ai-finops';

async function poll(fn, ok, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const tests = [
  ['is installed from the extensions folder, without sources', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const dir = fs.realpathSync(process.env.AI_FINOPS_EXTENSIONS_DIR);
    assert.ok(fs.realpathSync(ext.extensionPath).startsWith(dir + path.sep), `${ext.extensionPath} is not under ${dir}`);
    for (const gone of ['src', 'test', 'node_modules', 'tsconfig.json']) assert.ok(!fs.existsSync(path.join(ext.extensionPath, gone)), `${gone} shipped in the package`);
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'wasm', 'tree-sitter-terraform.wasm')));
  }],
  ['shows priced lenses on a Terraform file', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'infra', 'main.tf'));
    await vscode.window.showTextDocument(doc);
    const titles = await poll(
      async () => ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri)) ?? []).map((l) => l.command?.title ?? ''),
      (t) => t.length >= 2,
    );
    assert.ok(titles.some((t) => /^\$[\d.,]+\/h · \$[\d.,]+\/mo · 2× p4d\.24xlarge \(16× A100 40GB\)/.test(t)), titles.join('\n'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext.isActive, 'opening a .tf file activated the installed extension');
  }],
  ['shows the price hover with its source', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'infra', 'main.tf'));
    const at = doc.positionAt(doc.getText().indexOf('p4d.24xlarge') + 2);
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at)) ?? [];
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /\*\*p4d\.24xlarge\*\*/);
    assert.match(text, /Prices: bundled, \d{4}-\d{2}/);
  }],
  ['registers its commands, and Refresh Prices runs without error while live prices are off', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['aiFinops.showLog', 'aiFinops.refreshPrices']) assert.ok(commands.includes(id), `${id} not registered`);
    await vscode.commands.executeCommand('aiFinops.refreshPrices');
  }],
  ['indexes the workspace through its exported API', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(typeof ext.exports?.workspaceItems, 'function', 'the installed extension exports workspaceItems()');
    const items = await ext.exports.workspaceItems();
    assert.ok(items.some((i) => i.sku === 'p4d.24xlarge' && i.estimate.monthlyUsd > 0), JSON.stringify(items.map((i) => i.sku)));
  }],
  ['opens its views, if the package contributes any', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const containers = ext.packageJSON.contributes?.viewsContainers?.activitybar ?? [];
    for (const c of containers) await vscode.commands.executeCommand(`workbench.view.extension.${c.id}`);
  }],
];

exports.run = async function run() {
  const result = { done: false, passed: 0, failed: 0, pending: 0, tests: [] };
  const save = () => fs.writeFileSync(process.env.AI_FINOPS_TEST_RESULT, JSON.stringify(result, null, 2));
  for (const [title, fn] of tests) {
    const started = Date.now();
    try {
      await fn();
      result.passed++;
      result.tests.push({ title, fullTitle: `package: ${title}`, state: 'passed', durationMs: Date.now() - started });
    } catch (err) {
      result.failed++;
      result.tests.push({ title, fullTitle: `package: ${title}`, state: 'failed', durationMs: Date.now() - started, error: { message: err.message, stack: err.stack } });
    }
    save();
  }
  result.done = true;
  save();
};
