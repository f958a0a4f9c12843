import * as assert from 'node:assert/strict';
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
        '$ not priced · 1× ? · InstanceType: condition Never is not declared',
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
      // 4 pods × 1 GPU × $0.42/GPU-hour, hourly only (a Job)
      '$1.68/h · 4 pod(s) (4× NVIDIA GPU) · on-demand',
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
});
