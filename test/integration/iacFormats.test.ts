import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Fixtures of the repository (outside the test workspace, so the workspace index stays as its suite expects). */
function fixture(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', ...parts));
}

/** Lenses resolve after the first parse; poll until the provider answers with enough of them. */
async function lenses(uri: vscode.Uri, expected: number): Promise<vscode.CodeLens[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    if (found.filter((l) => l.command?.title).length >= expected || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('CloudFormation and Kubernetes in VS Code', () => {
  it('shows lenses on the logical IDs of a JSON CloudFormation template', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('cloudformation', 'gpu-stack.json'));
    await vscode.window.showTextDocument(doc);
    const found = await lenses(doc.uri, 2);
    assert.deepEqual(
      found.map((l) => l.command?.title),
      [
        // g5.12xlarge spot $2.0796 (us-east-1) × 730 h = $1,518.11
        '$2.08/h · $1,518/mo · 1× g5.12xlarge (4× A10G) · spot us-east-1',
        '$ not priced · 1× instance type not set · InstanceType: condition Never is not declared',
      ],
    );
    assert.deepEqual(
      found.map((l) => doc.lineAt(l.range.start.line).text.trim()),
      ['"Inference": {', '"Endpoint": {'],
    );
  });

  it('shows a lens per workload of a multi-document Kubernetes manifest', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('kubernetes', 'workloads.yaml'));
    await vscode.window.showTextDocument(doc);
    const found = await lenses(doc.uri, 5);
    const titles = found.map((l) => l.command?.title);
    assert.deepEqual(titles.slice(0, 3), [
      // 2 nodes × g5.12xlarge $5.672
      '$11.34/h · $8,281/mo · 2× g5.12xlarge (8× A10G) · on-demand us-east-1',
      // 2 × p4d.24xlarge $21.957642
      '$43.92/h · $32,058/mo · 2× p4d.24xlarge (16× A100 40GB) · on-demand us-east-1',
      // 4 pods × 1 GPU on the cheapest 1-GPU Kubernetes node (x86), Standard_NC4as_T4_v3 $0.526, hourly only (a Job)
      '$2.10/h · 4× Standard_NC4as_T4_v3 (4× T4) · on-demand eastus',
    ]);
    assert.equal(doc.lineAt(found[0].range.start.line).text, 'kind: Deployment');
  });

  it('skips a Helm template instead of showing wrong lenses', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('kubernetes', 'helm-deployment.yaml'));
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 500));
    const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.deepEqual(found, []);
  });

  it('refreshes a module block\'s lens when the module it calls is edited, without saving', async () => {
    // A copy: the edit below must never reach the repository's fixture, even if the host saves on exit.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-modules-'));
    fs.cpSync(fixture('terraform').fsPath, copy, { recursive: true });
    const inCopy = (...parts: string[]) => vscode.Uri.file(path.join(copy, ...parts));
    const root = await vscode.workspace.openTextDocument(inCopy('module-root', 'main.tf'));
    await vscode.window.showTextDocument(root);
    const before = await lenses(root.uri, 2);
    // 2 calls × 3 nodes × g5.2xlarge $1.212 (us-west-2) = $7.272/h, × 730 h = $5,308.56
    assert.equal(before[0].command?.title, '$7.27/h · $5,309/mo · module ../modules/gpu-pool: 1 resource(s) (6× A10G) · on-demand us-west-2');
    const child = await vscode.workspace.openTextDocument(inCopy('modules', 'gpu-pool', 'main.tf'));
    const editor = await vscode.window.showTextDocument(child);
    const at = child.getText().indexOf('instance_type = var.instance_type');
    assert.ok(at >= 0);
    const range = new vscode.Range(child.positionAt(at), child.positionAt(at + 'instance_type = var.instance_type'.length));
    assert.ok(await editor.edit((e) => e.replace(range, 'instance_type = "g5.xlarge"')));
    try {
      const deadline = Date.now() + 20_000;
      let title = '';
      while (Date.now() < deadline) {
        const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', root.uri)) ?? [];
        title = found[0]?.command?.title ?? '';
        if (title.includes('$6.04/h')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // 6 × g5.xlarge $1.006 = $6.036/h
      assert.equal(title, '$6.04/h · $4,406/mo · module ../modules/gpu-pool: 1 resource(s) (6× A10G) · on-demand us-west-2');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
