import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AiFinopsApi } from '../../src/extension/extension';

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function until<T>(get: () => T | Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AI FinOps');

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

const UNTAGGED = ['policy', 'untagged.tf'];
/** Never opened in an editor: its findings come from the workspace scan. */
const UNOPENED = ['policy', 'unopened', 'main.tf'];

/**
 * Written for this suite and removed after it, so the workspace-wide index that other suites
 * assert on sees only the shared fixture. `.finops.yml` at the root holds the tag policy.
 */
const UNTAGGED_TF = [
  '# Resources that break the tag policy in ../.finops.yml.',
  '',
  'resource "aws_instance" "api" {',
  '  ami           = "ami-0123456789abcdef0"',
  '  instance_type = "m5.large"',
  '',
  '  tags = {',
  '    team = "ml-platform"',
  '  }',
  '}',
  '',
  'resource "aws_instance" "bare" {',
  '  ami           = "ami-0123456789abcdef0"',
  '  instance_type = "m5.large"',
  '}',
].join('\n') + '\n';

async function dropFromIndex(dir: vscode.Uri): Promise<void> {
  fs.rmSync(dir.fsPath, { recursive: true, force: true });
  const ext = vscode.extensions.getExtension<AiFinopsApi>('ai-finops.ai-finops');
  assert.ok(ext);
  const api = await ext.activate();
  await until(async () => (await api.workspaceItems()).filter((i) => i.file.startsWith(dir.fsPath)).length, (n) => n === 0, 'policy fixtures gone from the workspace index');
}

describe('.finops.yml policy in VS Code', function () {
  this.timeout(60_000);
  before(() => {
    fs.mkdirSync(workspaceUri('policy').fsPath, { recursive: true });
    fs.writeFileSync(workspaceUri(...UNTAGGED).fsPath, UNTAGGED_TF);
    fs.mkdirSync(workspaceUri('policy', 'unopened').fsPath, { recursive: true });
    fs.writeFileSync(workspaceUri(...UNOPENED).fsPath, UNTAGGED_TF);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await dropFromIndex(workspaceUri('policy'));
  });
  it('warns on the first line of each resource that breaks the tag policy', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(...UNTAGGED));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until(() => ours(doc.uri), (d) => d.length >= 2, 'tag diagnostics');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity, d.message, d.code]),
      [
        [2, vscode.DiagnosticSeverity.Warning, 'Missing cost-allocation tags: project, env (required by .finops.yml)', 'tagPolicy'],
        [11, vscode.DiagnosticSeverity.Warning, 'Missing cost-allocation tags: team, project, env (required by .finops.yml)', 'tagPolicy'],
      ],
    );
  });

  it('lists the findings of files no editor has opened, from the workspace scan', async () => {
    const uri = workspaceUri(...UNOPENED);
    // "Rescan Workspace" runs the background scan again, as activation does, over the file written in before().
    await vscode.commands.executeCommand('aiFinops.costItems.refresh');
    const diagnostics = await until(() => ours(uri), (d) => d.length >= 2, 'tag diagnostics of an unopened file');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was never opened');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity, d.message, d.code]),
      [
        [2, vscode.DiagnosticSeverity.Warning, 'Missing cost-allocation tags: project, env (required by .finops.yml)', 'tagPolicy'],
        [11, vscode.DiagnosticSeverity.Warning, 'Missing cost-allocation tags: team, project, env (required by .finops.yml)', 'tagPolicy'],
      ],
    );
    // Deleting the file takes its findings out of the Problems panel.
    fs.rmSync(workspaceUri('policy', 'unopened').fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand('aiFinops.costItems.refresh');
    await until(() => ours(uri).length, (n) => n === 0, 'findings of a deleted file gone');
  });

  it('quick fix inserts the missing keys into the existing map, with tab stops', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(...UNTAGGED));
    await vscode.window.showTextDocument(doc);
    await until(() => ours(doc.uri), (d) => d.length >= 2, 'tag diagnostics');
    const before = doc.getText();
    try {
      const actions = await codeActions(doc.uri, new vscode.Range(2, 0, 2, 0));
      const fix = actions.find((a) => a.title === 'Add missing tags: project, env');
      assert.ok(fix?.command, `quick fix among ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true);
      // The env choice starts on the first allowed value; project is an empty tab stop.
      assert.equal(doc.getText(), before.replace('    team = "ml-platform"\n', '    team = "ml-platform"\n    project = ""\n    env = "dev"\n'));
    } finally {
      await revert(doc);
    }
  });

  it('fix-all adds a tags attribute where there is none and keys where some are missing', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(...UNTAGGED));
    await vscode.window.showTextDocument(doc);
    await until(() => ours(doc.uri), (d) => d.length >= 2, 'tag diagnostics');
    const before = doc.getText();
    try {
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await codeActions(doc.uri, all, 'source.fixAll.aiFinops');
      const action = actions.find((a) => a.kind?.value === 'source.fixAll.aiFinops');
      assert.ok(action?.edit, `a fix-all action with an edit among ${actions.map((a) => `${a.title} (${a.kind?.value})`).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      const expected = before
        .replace('    team = "ml-platform"\n', '    team = "ml-platform"\n    project = ""\n    env = ""\n')
        .replace('  instance_type = "m5.large"\n}\n', '  instance_type = "m5.large"\n  tags = {\n    team = ""\n    project = ""\n    env = ""\n  }\n}\n');
      assert.equal(doc.getText(), expected);
    } finally {
      await revert(doc);
    }
  });

  it('keeps CRLF line endings and tabs byte for byte', async () => {
    const uri = workspaceUri('policy', 'crlf', 'main.tf');
    fs.mkdirSync(vscode.Uri.joinPath(uri, '..').fsPath, { recursive: true });
    const text = 'resource "aws_instance" "tabbed" {\r\n\tinstance_type = "m5.large"\r\n\ttags = {\r\n\t\tteam = "x"\r\n\t}\r\n}\r\n';
    fs.writeFileSync(uri.fsPath, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await until(() => ours(doc.uri), (d) => d.length >= 1, 'tag diagnostics on the CRLF file');
    try {
      const fix = (await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0))).find((a) => a.title === 'Add missing tags: project, env');
      assert.ok(fix?.command);
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.equal(doc.getText(), text.replace('\t\tteam = "x"\r\n', '\t\tteam = "x"\r\n\t\tproject = ""\r\n\t\tenv = "dev"\r\n'));
    } finally {
      await revert(doc);
    }
  });

  it('states the spot saving on an on-demand trainer and its quick fix makes it spot', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('infra', 'main.tf'));
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').indexOf('resource "aws_instance" "trainer" {');
    const spot = await until(() => ours(doc.uri).filter((d) => d.code === 'spotForTraining'), (d) => d.length > 0, 'spot diagnostic');
    assert.equal(spot[0].range.start.line, line);
    assert.equal(spot[0].severity, vscode.DiagnosticSeverity.Information);
    assert.match(spot[0].message, /on-demand p4d\.24xlarge: spot is \$2\.47\/h vs \$21\.96\/h in us-east-1; about \$[\d,]+\/month less/);
    const before = doc.getText();
    try {
      const fix = (await codeActions(doc.uri, new vscode.Range(line, 0, line, 0))).find((a) => a.title === 'Use spot capacity (instance_market_options)');
      assert.ok(fix?.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(doc.getText(), before.replace('    team = "ml-platform"\n  }\n}\n', '    team = "ml-platform"\n  }\n\n  instance_market_options {\n    market_type = "spot"\n  }\n}\n'));
    } finally {
      await revert(doc);
    }
  });

  it('shows .finops.yml problems on the line they name', async function () {
    this.timeout(60_000);
    const doc = await vscode.workspace.openTextDocument(workspaceUri('.finops.yml'));
    await vscode.window.showTextDocument(doc);
    const end = doc.validatePosition(new vscode.Position(doc.lineCount, 0));
    const broken = new vscode.WorkspaceEdit();
    broken.insert(doc.uri, end, 'checks:\n  spotForTraining: maybe\n');
    assert.ok(await vscode.workspace.applyEdit(broken));
    try {
      const diagnostics = await until(() => ours(doc.uri), (d) => d.length > 0, '.finops.yml diagnostics');
      assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.severity, d.message]), [[end.line + 1, vscode.DiagnosticSeverity.Error, 'checks.spotForTraining must be true or false']]);
    } finally {
      // An explicit inverse edit: a revert command depends on which editor has focus.
      const undo = new vscode.WorkspaceEdit();
      undo.delete(doc.uri, new vscode.Range(end, new vscode.Position(end.line + 2, 0)));
      await vscode.workspace.applyEdit(undo);
      await doc.save();
    }
    await until(() => ours(doc.uri), (d) => d.length === 0, 'diagnostics cleared once the file is valid again');
  });
});
