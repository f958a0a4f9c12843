import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

interface Lens {
  line: number;
  title: string;
}

/** Lenses resolve after the first parse (and the grammar load); poll until enough arrive. */
async function lenses(uri: vscode.Uri, expected: number): Promise<Lens[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const out = found.map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '' })).filter((l) => l.title.length > 0);
    if (out.length >= expected || Date.now() > deadline) return out.sort((a, b) => a.line - b.line);
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

describe('ML code in VS Code', () => {
  it('shows lenses for an LLM call and a SageMaker estimator in a .py file', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('ml', 'chat.py'));
    await vscode.window.showTextDocument(doc);
    const found = await lenses(doc.uri, 2);
    assert.equal(found.length, 2, JSON.stringify(found));
    const [llm, estimator] = found;
    assert.equal(doc.lineAt(llm.line).text.trim(), 'return client.chat.completions.create(');
    assert.match(llm.title, /^\$0\.0\d+\/call · gpt-4o-mini \(OpenAI chat\.completions\.create in answer\(\)\)$/);
    assert.ok(doc.lineAt(estimator.line).text.startsWith('estimator = HuggingFace('));
    // 2 × ml.g5.2xlarge for max_run = 1 h: the per-run figure equals the hourly one.
    const m = /^\$([\d.]+)\/h · \$([\d.]+)\/run · 2× ml\.g5\.2xlarge/.exec(estimator.title);
    assert.ok(m, estimator.title);
    assert.equal(m[1], m[2]);
  });

  it('shows token prices when hovering a model name', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('ml', 'chat.py'));
    const at = doc.getText().indexOf('gpt-4o-mini');
    const text = await hoverText(doc.uri, doc.positionAt(at + 3));
    assert.match(text, /OpenAI/);
    assert.match(text, /\| input \| \$0\.15 \|/);
    assert.match(text, /\| output \| \$0\.60 \|/);
    assert.match(text, /Context window: 128,000 tokens/);
  });

  it('shows lenses inside notebook cells, reading constants from earlier cells', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceUri('ml', 'train.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const trainCell = notebook.cellAt(2);
    assert.equal(trainCell.document.uri.scheme, 'vscode-notebook-cell');
    const [train] = await lenses(trainCell.document.uri, 1);
    assert.ok(train, 'no lens in the training cell');
    assert.equal(train.line, 0);
    // TRAIN_INSTANCE is defined in cell 2; max_run = 2 h.
    const m = /^\$([\d.]+)\/h · \$([\d.]+)\/run · 2× ml\.g5\.2xlarge/.exec(train.title);
    assert.ok(m, train.title);
    assert.equal(Number(m[2]), Math.round(Number(m[1]) * 2 * 100) / 100);
    const [deploy] = await lenses(notebook.cellAt(3).document.uri, 1);
    assert.match(deploy?.title ?? '', /\/h · \$[\d,.]+\/mo · 1× ml\.g5\.xlarge/);
    assert.deepEqual(await lenses(notebook.cellAt(1).document.uri, 0), []);
  });

  it('shows a per-run estimate on a training config', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('ml', 'sft.yml'));
    await vscode.window.showTextDocument(doc);
    const [run] = await lenses(doc.uri, 1);
    assert.ok(run, 'no lens on sft.yml');
    assert.equal(run.line, 0);
    assert.match(run.title, /^\$[\d,.]+\/h · \$[\d,.]+\/run · \d+× [A-Z0-9-]+ · on-demand/);
  });
});
