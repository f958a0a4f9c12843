import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';

const DOCUMENTS = Number(process.env.AI_FINOPS_SOAK_DOCUMENTS ?? 1000);
/** Documents taken through the same steps before the starting level is measured. */
const WARMUP_DOCUMENTS = 20;
/** When set, heap snapshots at each measuring point go to this folder (compare them with scripts/heap-diff.mjs). */
const SNAPSHOTS = process.env.AI_FINOPS_SOAK_SNAPSHOTS;
/** Heap growth allowed after 1,000 documents, once garbage is collected: caches must be bounded. */
const MAX_GROWTH_MB = 25;

/** The extension host runs without --expose-gc; this turns it on for this process. */
function collector(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

function heapMb(gc: () => void, label: string): number {
  gc();
  gc();
  const used = process.memoryUsage().heapUsed / 2 ** 20;
  if (SNAPSHOTS) v8.writeHeapSnapshot(path.join(SNAPSHOTS, `${label}.heapsnapshot`));
  return used;
}

/** Priced lenses naming `sku`; polls briefly: a request superseded by a refresh answers empty, and VS Code asks again. */
async function lensCount(uri: vscode.Uri, sku: string): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const count = lenses.filter((l) => l.command?.title.includes(sku) && !l.command.title.includes('not priced')).length;
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
    /** Opens one document, reads its lens, edits it, reads the lens again, closes it; returns its priced lenses. */
    const cycle = async (root: string, i: number): Promise<number> => {
      let lenses = 0;
      const file = path.join(root, `m${i % 50}`, `main-${i}.tf`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `resource "aws_instance" "n${i}" {\n  count         = ${1 + (i % 3)}\n  instance_type = "g5.xlarge"\n}\n`);
      const doc = await timed('open', async () => {
        const d = await vscode.workspace.openTextDocument(file);
        await vscode.window.showTextDocument(d, { preview: false });
        return d;
      });
      lenses += await timed('lens', () => lensCount(doc.uri, 'g5.xlarge'));
      // The type's characters inside its quotes, so the edit re-prices a valid file.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(2, 19, 2, 28), 'g6e.xlarge');
      assert.ok(await timed('edit', () => vscode.workspace.applyEdit(edit)));
      lenses += await timed('lens', () => lensCount(doc.uri, 'g6e.xlarge'));
      await timed('close', () => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));
      return lenses;
    };
    // First use loads the engine, the catalog and the grammars and compiles their code once;
    // the starting level is taken after that, so what follows measures what documents leave.
    const warmup = path.join(folder.uri.fsPath, 'soak-warmup');
    for (let i = 0; i < WARMUP_DOCUMENTS; i++) await cycle(warmup, i);
    await fs.rm(warmup, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 3000));
    for (const step of Object.keys(timing) as (keyof typeof timing)[]) timing[step] = 0;
    const started = Date.now();
    const before = heapMb(gc, 'before');
    let priced = 0;
    for (let i = 0; i < DOCUMENTS; i++) priced += await cycle(dir, i);
    const seconds = (Date.now() - started) / 1000;
    // The workspace index rightly holds the 1,000 files' items while they exist; measure
    // after they are gone and the index has followed (its debounce is 500 ms).
    const withFiles = heapMb(gc, 'with-files');
    await fs.rm(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 3000));
    const after = heapMb(gc, 'after');
    const figures = { documents: DOCUMENTS, warmupDocuments: WARMUP_DOCUMENTS, seconds, heapBeforeMb: before, heapWithFilesMb: withFiles, heapAfterMb: after, growthMb: after - before, lenses: priced, timing };
    const out = path.join(vscode.extensions.getExtension('ai-finops.ai-finops')?.extensionPath ?? '.', 'test-results', 'soak.json');
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `${JSON.stringify(figures, null, 2)}\n`);
    assert.equal(priced, DOCUMENTS * 2, 'every document showed its priced lens before and after the edit');
    assert.ok(after - before < MAX_GROWTH_MB, `heap grew ${(after - before).toFixed(1)} MB (from ${before.toFixed(1)} to ${after.toFixed(1)} MB)`);
  });
});
