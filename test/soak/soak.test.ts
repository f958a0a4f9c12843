import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';

const DOCUMENTS = Number(process.env.AI_FINOPS_SOAK_DOCUMENTS ?? 1000);
/** Heap growth allowed after 1,000 documents, once garbage is collected: caches must be bounded. */
const MAX_GROWTH_MB = 25;

/** The extension host runs without --expose-gc; this turns it on for this process. */
function collector(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

function heapMb(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Polls briefly: a request superseded by a refresh answers empty, and VS Code asks again. */
async function lensCount(uri: vscode.Uri): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const count = lenses.filter((l) => l.command?.title).length;
    if (count > 0 || Date.now() > deadline) return count;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('soak', function () {
  this.timeout(15 * 60_000);

  it(`opens, edits and closes ${DOCUMENTS} documents with heap back near its starting level`, async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const dir = path.join(folder.uri.fsPath, 'soak');
    await fs.mkdir(dir, { recursive: true });
    const gc = collector();
    const started = Date.now();
    const before = heapMb(gc);
    let priced = 0;
    /** Milliseconds spent in each step, summed over the documents, for the report. */
    const timing = { open: 0, lens: 0, edit: 0, close: 0 };
    const timed = async <T>(step: keyof typeof timing, fn: () => Thenable<T>): Promise<T> => {
      const t = Date.now();
      try {
        return await fn();
      } finally {
        timing[step] += Date.now() - t;
      }
    };
    for (let i = 0; i < DOCUMENTS; i++) {
      const file = path.join(dir, `m${i % 50}`, `main-${i}.tf`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `resource "aws_instance" "n${i}" {\n  count         = ${1 + (i % 3)}\n  instance_type = "g5.xlarge"\n}\n`);
      const doc = await timed('open', async () => {
        const d = await vscode.workspace.openTextDocument(file);
        await vscode.window.showTextDocument(d, { preview: false });
        return d;
      });
      priced += await timed('lens', () => lensCount(doc.uri));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(2, 18, 2, 27), 'g6e.xlarge');
      assert.ok(await timed('edit', () => vscode.workspace.applyEdit(edit)));
      priced += await timed('lens', () => lensCount(doc.uri));
      await timed('close', () => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));
    }
    const seconds = (Date.now() - started) / 1000;
    // The workspace index rightly holds the 1,000 files' items while they exist; measure
    // after they are gone and the index has followed (its debounce is 500 ms).
    const withFiles = heapMb(gc);
    await fs.rm(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 3000));
    const after = heapMb(gc);
    const figures = { documents: DOCUMENTS, seconds, heapBeforeMb: before, heapWithFilesMb: withFiles, heapAfterMb: after, growthMb: after - before, lenses: priced, timing };
    const out = path.join(vscode.extensions.getExtension('ai-finops.ai-finops')?.extensionPath ?? '.', 'test-results', 'soak.json');
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `${JSON.stringify(figures, null, 2)}\n`);
    assert.equal(priced, DOCUMENTS * 2, 'every document showed its lens before and after the edit');
    assert.ok(after - before < MAX_GROWTH_MB, `heap grew ${(after - before).toFixed(1)} MB (from ${before.toFixed(1)} to ${after.toFixed(1)} MB)`);
  });
});
