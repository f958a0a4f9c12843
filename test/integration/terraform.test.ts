import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Lenses resolve asynchronously after the first parse; poll until the provider answers. */
async function lensTitles(uri: vscode.Uri, expected: number): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const titles = lenses.map((l) => l.command?.title ?? '').filter((t) => t.length > 0);
    if (titles.length >= expected || Date.now() > deadline) return titles;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function positionOf(doc: vscode.TextDocument, needle: string, offset = 1): vscode.Position {
  const index = doc.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} not in ${doc.uri.path}`);
  return doc.positionAt(index + offset);
}

describe('Terraform in VS Code', () => {
  const mainTf = () => workspaceUri('infra', 'main.tf');

  it('shows a priced CodeLens above each GPU instance', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    await vscode.window.showTextDocument(doc);
    const titles = await lensTitles(doc.uri, 2);
    assert.deepEqual(titles, [
      '$43.92/h · $32,058/mo · 2× p4d.24xlarge (16× A100 40GB) · on-demand us-east-1',
      '$1.01/h · $734.38/mo · 1× g5.xlarge (1× A10G) · on-demand us-east-1',
    ]);
  });

  it('places each lens on the first line of its resource block', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    const lines = lenses.map((l) => doc.lineAt(l.range.start.line).text);
    assert.deepEqual(lines, ['resource "aws_instance" "trainer" {', 'resource "aws_instance" "inference" {']);
  });

  it('updates the lens when the instance type is edited, without saving', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('p4d.24xlarge');
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'p4d.24xlarge'.length));
    assert.ok(await editor.edit((e) => e.replace(range, 'p5.48xlarge')));
    try {
      const deadline = Date.now() + 10_000;
      let titles: string[] = [];
      while (Date.now() < deadline) {
        titles = await lensTitles(doc.uri, 2);
        if (titles[0]?.includes('p5.48xlarge')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // 2 × $55.04 (p5.48xlarge, us-east-1 on-demand)
      assert.equal(titles[0], '$110.08/h · $80,358/mo · 2× p5.48xlarge (16× H100 SXM) · on-demand us-east-1');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('keeps the lens of a well-formed resource below a broken one, and says what it skipped', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').indexOf('resource "aws_instance" "trainer" {');
    assert.ok(line >= 0);
    assert.ok(await editor.edit((e) => e.delete(doc.lineAt(line).rangeIncludingLineBreak)));
    try {
      const deadline = Date.now() + 15_000;
      let titles: string[] = [];
      let skipped: vscode.Diagnostic[] = [];
      while (Date.now() < deadline) {
        titles = await lensTitles(doc.uri, 1);
        skipped = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'AI FinOps' && /syntax error/.test(d.message));
        if (skipped.length && titles.length === 1 && !titles[0].includes('p4d')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(titles, ['$1.01/h · $734.38/mo · 1× g5.xlarge (1× A10G) · on-demand us-east-1']);
      assert.equal(skipped.length, 1);
      assert.match(skipped[0].message, /^HCL syntax error: lines? \d+(-\d+)? skipped, resources there are not priced/);
      assert.equal(skipped[0].severity, vscode.DiagnosticSeverity.Warning);
      // The broken region ends above the resource that is still priced.
      const inference = doc.getText().split('\n').indexOf('resource "aws_instance" "inference" {');
      assert.ok(skipped[0].range.end.line < inference, `${skipped[0].range.end.line} < ${inference}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'AI FinOps' && /syntax error/.test(d.message))) {
      await lensTitles(doc.uri, 2);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(!vscode.languages.getDiagnostics(doc.uri).some((d) => /syntax error/.test(d.message)), 'the diagnostic goes once the file is whole again');
  });

  it('shows prices when hovering an instance type in Terraform', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    const text = await hoverText(doc.uri, positionOf(doc, '"p4d.24xlarge"', 3));
    assert.match(text, /\*\*p4d\.24xlarge\*\*/);
    assert.match(text, /\| us-east-1 \| \$21\.96 \| \$2\.47 \| \$2\.74 \|/);
    assert.match(text, /Accelerators: 8× A100-40GB \(40 GiB each, 320 GiB total\)/);
    assert.match(text, /Cheapest with ≥ 320 GiB accelerator memory:/);
    assert.match(text, /Prices: bundled, \d{4}-\d{2} \(/);
    // Padded headers, so VS Code's unpadded hover table does not run them together; rules between sections.
    assert.match(text, /^\| &nbsp;&nbsp;Region&nbsp;&nbsp; \| &nbsp;&nbsp;On-demand \/h&nbsp;&nbsp; \|/m);
    assert.ok(text.split('\n').filter((l) => l === '---').length >= 2, text);
  });

  it('opens the lens details as a document with every assumption in full', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    await vscode.window.showTextDocument(doc);
    await lensTitles(doc.uri, 2);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    const trainer = lenses.find((l) => l.command?.title.includes('p4d.24xlarge'));
    assert.ok(trainer?.command);
    const item = trainer.command.arguments?.[0] as { assumptions: string[]; resource: string };
    const uri = await vscode.commands.executeCommand<vscode.Uri>(trainer.command.command, ...(trainer.command.arguments ?? []));
    assert.equal(uri.scheme, 'ai-finops-details');
    const details = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(details, /^# aws\\_instance\.trainer$/m);
    assert.match(details, /^\*\*\$32,058\/mo\*\*$/m);
    assert.ok(item.assumptions.length >= 3, item.assumptions.join('; '));
    // Markdown-escaped, but whole: nothing cut off.
    const unescaped = details.replace(/\\([\\`*_[\]|<>#])/g, '$1');
    for (const a of item.assumptions) assert.ok(unescaped.includes(`- ${a}\n`), `${a} in\n${details}`);
    assert.match(details, /^\| us-east-1 \| \$21\.96 \| \$2\.47 \| bundled/m);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows prices when hovering an instance type in a Markdown file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We train on `g5.xlarge` nodes.\n' });
    const text = await hoverText(doc.uri, positionOf(doc, 'g5.xlarge', 2));
    assert.match(text, /\*\*g5\.xlarge\*\*/);
    assert.match(text, /\| us-east-1 \| \$1\.01 \|/);
  });

  it('shows nothing on words that are not instance types', async () => {
    const doc = await vscode.workspace.openTextDocument(mainTf());
    const text = await hoverText(doc.uri, positionOf(doc, 'hashicorp/aws', 2));
    assert.doesNotMatch(text, /On-demand/);
  });
});
