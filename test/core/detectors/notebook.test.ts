import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { analyzeFiles, fixturePath } from '../helpers';
import { notebookPython, parseIpynb } from '../../../src/core/detectors/notebook/notebookCells';
import { MAX_DOCUMENT_CHARS } from '../../../src/core/engine';

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

  it('skips notebooks of other kernels, saying which language they run', async () => {
    const { items, skipped } = await analyzeFiles({ 'r.ipynb': read('r.ipynb') }, 'r.ipynb');
    assert.deepEqual(items, []);
    assert.deepEqual(skipped.map((s) => s.message), ['notebook skipped: its kernel runs r, not Python']);
  });
});

/** A notebook of code cells, each with `output` as a display output (a plot's image). */
function notebook(cells: string[], output = ''): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    cells: cells.map((source) => ({
      cell_type: 'code', metadata: {}, source, execution_count: null,
      outputs: output ? [{ output_type: 'display_data', data: { 'image/png': output } }] : [],
    })),
  });
}

const SAGEMAKER_CELL = 'from sagemaker.huggingface import HuggingFace\nest = HuggingFace(entry_point="t.py", instance_type="ml.g5.2xlarge", max_run=3600)\n';

describe('IPython syntax in notebooks', () => {
  it('reads cells with shell captures, continued shell lines, help and line magics in blocks', async () => {
    const cells = [
      'import os\nif not os.getenv("IS_TESTING"):\n    shell_output = ! gcloud config list --format "value(core.project)" 2>/dev/null\n    PROJECT_ID = shell_output[0]\n',
      'if IS_COLAB:\n    ! pip install --upgrade google-cloud-aiplatform \\\n        kfp \\\n        tensorflow==2.15.1\n%matplotlib inline\nfiles = %ls\nos.getenv?\npip install torch==2.1\nrm -rf out/*\ncd src\n',
      '# @title Prompt template\n\n%%writefile prompt.jinja\nWrite a blog about {{ topic }}.\n',
      SAGEMAKER_CELL,
    ];
    const { items, skipped } = await analyzeFiles({ 'nb.ipynb': notebook(cells) }, 'nb.ipynb');
    assert.deepEqual(skipped, []);
    assert.equal(items.length, 1);
    assert.equal(items[0].cell, 3);
    assert.equal(items[0].sku, 'ml.g5.2xlarge');
  });

  it('rewrites magics only where a statement starts, not inside strings or brackets', () => {
    const module = notebookPython([{ kind: 'code', source: 'doc = """\n!not a command\n"""\nx = (1\n     % 2)\ny = !echo hi\n' }]);
    assert.deepEqual(module.text.split('\n'), ['doc = """', '!not a command', '"""', 'x = (1', '     % 2)', 'y = get_ipython().getoutput("echo hi")', '']);
    const python = notebookPython([{ kind: 'code', source: 'ls = [1]\ntime.sleep(1)\ncat = ls + [2]\nrm = 3\nrm - 1\n' }]);
    assert.equal(python.text, 'ls = [1]\ntime.sleep(1)\ncat = ls + [2]\nrm = 3\nrm - 1\n');
  });

  it('says a value captured from a shell command comes from it', async () => {
    const { items } = await analyzeFiles({ 'nb.ipynb': notebook(['ITYPE = !cat itype.txt\n', SAGEMAKER_CELL.replace('"ml.g5.2xlarge"', 'ITYPE')]) }, 'nb.ipynb');
    assert.match(items[0].unpricedReason ?? '', /^instance_type is the output of shell command `!cat itype.txt`/);
  });

  it('says a name restored with %store -r comes from another notebook', async () => {
    const cells = ['%store -r MODEL_NAME\n', 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model=MODEL_NAME, max_tokens=10, messages=[])\n'];
    const { items } = await analyzeFiles({ 'nb.ipynb': notebook(cells) }, 'nb.ipynb');
    assert.equal(items[0].unpricedReason, "model is restored from another notebook's store (`%store -r MODEL_NAME`)");
  });

  it('prices a %store -r name at the literal the notebook beside it stores, and not when they disagree', async () => {
    const use = ['%store -r MODEL_NAME\n', 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model=MODEL_NAME, max_tokens=10, messages=[])\n'];
    const setup = notebook(['MODEL_NAME = "claude-3-haiku-20240307"  # the course model\n%store MODEL_NAME\n']);
    const { items } = await analyzeFiles({ 'course/00_setup.ipynb': setup, 'course/01_lesson.ipynb': notebook(use) }, 'course/01_lesson.ipynb');
    const lesson = items.find((i) => i.file.endsWith('01_lesson.ipynb'));
    assert.equal(lesson?.sku, 'claude-3-haiku-20240307');
    assert.ok(lesson?.assumptions.includes('model is restored from another notebook\'s store (`%store -r MODEL_NAME`); priced at "claude-3-haiku-20240307", which 00_setup.ipynb in this folder stores'), lesson?.assumptions.join('\n'));
    const other = notebook(['MODEL_NAME = "claude-3-opus-20240229"\n%store MODEL_NAME\n']);
    const { items: split } = await analyzeFiles({ 'course/00_setup.ipynb': setup, 'course/00_other.ipynb': other, 'course/01_lesson.ipynb': notebook(use) }, 'course/01_lesson.ipynb');
    assert.equal(split.find((i) => i.file.endsWith('01_lesson.ipynb'))?.unpricedReason, "model is restored from another notebook's store (`%store -r MODEL_NAME`)");
  });

  it('reads %%capture and %%time cells as Python and skips %%bash and %%writefile cells', async () => {
    const cells = [`%%capture\n${SAGEMAKER_CELL}`, `%%time\n${SAGEMAKER_CELL}`, `%%writefile train.py\n${SAGEMAKER_CELL}`, '%%bash\nfor f in *; do echo $f; done\n'];
    const { items, skipped } = await analyzeFiles({ 'nb.ipynb': notebook(cells) }, 'nb.ipynb');
    assert.deepEqual(skipped, []);
    assert.deepEqual(items.map((i) => i.cell), [0, 1]);
  });

  it('names the cell and line of a syntax error', async () => {
    const { skipped } = await analyzeFiles({ 'nb.ipynb': notebook(['x = 1\n', SAGEMAKER_CELL, 'y = (\n']) }, 'nb.ipynb');
    assert.deepEqual(skipped.map((s) => s.message), ['syntax error at cell 3 line 1; calls near it may be missing']);
  });

  it('reads the code cells of a notebook whose outputs take it over the 2 MB source limit', async () => {
    const big = notebook([SAGEMAKER_CELL], 'A'.repeat(3_000_000));
    assert.ok(big.length > MAX_DOCUMENT_CHARS);
    const { items, skipped } = await analyzeFiles({ 'big.ipynb': big }, 'big.ipynb');
    assert.deepEqual(skipped, []);
    assert.equal(items[0]?.sku, 'ml.g5.2xlarge');
  });
});
