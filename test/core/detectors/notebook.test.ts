import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { analyzeFiles, fixturePath } from '../helpers';
import { notebookPython, parseIpynb } from '../../../src/core/detectors/notebook/notebookCells';

const read = (name: string) => fs.readFileSync(fixturePath('notebooks', name), 'utf8');

describe('Jupyter notebooks', () => {
  it('analyses code cells as one module and points items at their cell and line', async () => {
    const { items, skipped } = await analyzeFiles({ 'nb/train.ipynb': read('train.ipynb') }, 'nb/train.ipynb');
    assert.deepEqual(skipped, []);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    const est = byKind['training-run'];
    // The constant comes from an earlier cell, as in the kernel.
    assert.equal(est.sku, 'ml.g5.2xlarge');
    assert.equal(est.cell, 2);
    assert.deepEqual(est.range.start, { line: 1, column: 6 });
    assert.deepEqual(est.skuRange?.start, { line: 3, column: 18 });
    assert.equal(est.estimate.perRunUsd, Math.round((est.estimate.hourlyUsd ?? NaN) * 3 * 100) / 100);
    const endpoint = byKind['endpoint'];
    assert.equal(endpoint.cell, 4);
    assert.equal(endpoint.resource, 'sagemaker HuggingFace.deploy');
    assert.ok(endpoint.estimate.monthlyUsd !== null);
    const llm = byKind['llm-call'];
    assert.equal(llm.cell, 5);
    assert.equal(llm.range.start.line, 3);
    assert.ok(llm.assumptions.includes('call site train.ipynb:ask'));
  });

  it('blanks magics and foreign-language cells but keeps line numbers', () => {
    const parsed = parseIpynb(read('train.ipynb'));
    assert.ok(!('error' in parsed));
    const module = notebookPython(parsed.cells);
    const lines = module.text.split('\n');
    assert.equal(lines.length, module.lines.length);
    assert.ok(!module.text.includes('%pip') && !module.text.includes('echo'));
  });

  it('skips a malformed notebook with a clear message', async () => {
    const { items, skipped } = await analyzeFiles({ 'bad.ipynb': read('broken.ipynb') }, 'bad.ipynb');
    assert.deepEqual(items, []);
    assert.match(skipped[0]?.message ?? '', /^notebook skipped: not valid notebook JSON/);
    const noCells = await analyzeFiles({ 'x.ipynb': '{"metadata": {}}' }, 'x.ipynb');
    assert.match(noCells.skipped[0]?.message ?? '', /no "cells" list/);
  });

  it('ignores notebooks of other kernels', async () => {
    const { items, skipped } = await analyzeFiles({ 'r.ipynb': read('r.ipynb') }, 'r.ipynb');
    assert.deepEqual([items, skipped], [[], []]);
  });
});
