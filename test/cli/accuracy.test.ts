import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Compiled to out/test/cli, three levels below the repo root.
const scoreModule = pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'scripts', 'accuracy', 'score.mjs')).href;

interface Score {
  itemsOfRoot(root: string, report: unknown): Item[];
  scoreLabelFile(labels: unknown, items: Item[]): { id: string; verdict: string; detail: string[] }[];
  summarize(verdicts: unknown[]): Record<string, number>;
  renderTable(rows: { name: string; summary: Record<string, number> }[]): string;
  yamlDocumentSpan(text: string, line: number): [number, number];
}
interface Item {
  file: string;
  resource: string;
  unpricedReason?: string;
}

function item(file: string, startLine: number, endLine: number, fields: Record<string, unknown>) {
  return {
    file,
    range: { startLine, startColumn: 1, endLine, endColumn: 1 },
    kind: 'k8s-workload',
    resource: `${file}:${startLine}`,
    sku: null,
    quantity: 1,
    accelerators: null,
    hourlyUsd: null,
    monthlyUsd: null,
    perRunUsd: null,
    perCallUsd: null,
    ...fields,
  };
}

/** A report of the scan root `samples`: paths are relative to it, as the CLI writes them. */
const report = {
  items: [
    item('gpu.yaml', 1, 20, { sku: 'g5.xlarge', quantity: 2, accelerators: { name: 'A10G', count: 2 }, hourlyUsd: 2.012, monthlyUsd: 1468.76 }),
    item('gpu.yaml', 22, 40, { sku: 'g5.xlarge', quantity: 1, hourlyUsd: 5.0, monthlyUsd: 3650 }),
    item('cpu.yaml', 5, 9, { sku: 'm5.large' }),
    item('cpu.yaml', 30, 33, { sku: 'x1.weird' }),
    item('eval.yaml', 2, 4, { sku: 'ml.g5.xlarge', hourlyUsd: 1.4 }),
  ],
  unpriced: [{ file: 'cpu.yaml', line: 5, sku: 'm5.large', reason: 'm5.large is not in the catalog' }],
  errors: [],
};

const labels = {
  repo: 'o/n',
  commit: '0'.repeat(40),
  scanRoots: ['samples'],
  things: [
    { id: 'right', file: 'samples/gpu.yaml', line: 3, costBearing: true, expect: { sku: 'G5.XLARGE', quantity: 2, gpus: 2, gpu: 'a10', unit: 'hourly', usd: 2.1 } },
    { id: 'wrong', file: 'samples/gpu.yaml', line: 22, costBearing: true, expect: { unit: 'hourly', usd: [1, 2] } },
    { id: 'reason', file: 'samples/cpu.yaml', line: 7, costBearing: true, expect: { unit: 'hourly', usd: 0.096 } },
    { id: 'silent', file: 'samples/cpu.yaml', line: 33, costBearing: true, expect: { unit: 'hourly', usd: 1 } },
    { id: 'missed', file: 'samples/cpu.yaml', line: 60, costBearing: true },
    { id: 'elsewhere', file: 'other/gpu.yaml', line: 3, costBearing: true },
    { id: 'eval', file: 'samples/eval.yaml', line: 2, costBearing: false },
    { id: 'ignored', file: 'samples/none.yaml', line: 1, costBearing: false },
  ],
};

describe('accuracy scoring (scripts/accuracy)', () => {
  let score: Score;
  before(async () => {
    score = (await import(scoreModule)) as Score;
  });

  it('puts report paths on the repo root and joins each unpriced reason to its item', () => {
    const items = score.itemsOfRoot('samples/', report);
    assert.deepEqual(
      items.map((i) => i.file),
      ['samples/gpu.yaml', 'samples/gpu.yaml', 'samples/cpu.yaml', 'samples/cpu.yaml', 'samples/eval.yaml'],
    );
    assert.equal(items[2].unpricedReason, 'm5.large is not in the catalog');
    assert.equal(items[3].unpricedReason, undefined);
  });

  it('gives each label one verdict by the matching and tolerance rules', () => {
    const verdicts = score.scoreLabelFile(labels, score.itemsOfRoot('samples', report));
    assert.deepEqual(
      verdicts.map((v) => [v.id, v.verdict]),
      [
        ['right', 'priced-right'],
        ['wrong', 'priced-wrong'],
        ['reason', 'unpriced'],
        ['silent', 'unpriced-silent'],
        ['missed', 'missed'],
        ['elsewhere', 'missed'],
        ['eval', 'false-positive'],
        ['ignored', 'correctly-ignored'],
      ],
    );
    assert.deepEqual(verdicts[1].detail, ['hourly $5, expected $1–$2']);
    assert.deepEqual(verdicts[2].detail, ['m5.large is not in the catalog']);
  });

  it('does not count an item that says it creates nothing ($0, quantity 0) as a false positive', () => {
    const off = item('off.tf', 5, 8, { hourlyUsd: 0, monthlyUsd: 0, quantity: 0 });
    const on = item('on.tf', 5, 8, { hourlyUsd: 0, monthlyUsd: 0, quantity: 1 });
    const items = score.itemsOfRoot('', { items: [off, on], unpriced: [], errors: [] });
    const disabled = {
      ...labels,
      things: [
        { id: 'off', file: 'off.tf', line: 5, costBearing: false },
        { id: 'on', file: 'on.tf', line: 5, costBearing: false },
      ],
    };
    assert.deepEqual(
      score.scoreLabelFile(disabled, items).map((v) => [v.id, v.verdict]),
      [
        ['off', 'correctly-ignored'],
        ['on', 'false-positive'],
      ],
    );
  });

  it('lets one item match one label only, the nearest label keeping it', () => {
    const items = score.itemsOfRoot('', { items: [item('a.yaml', 10, 30, { hourlyUsd: 1 })], unpriced: [], errors: [] });
    const two = {
      ...labels,
      things: [
        { id: 'far', file: 'a.yaml', line: 25, costBearing: true },
        { id: 'near', file: 'a.yaml', line: 11, costBearing: true },
      ],
    };
    assert.deepEqual(
      score.scoreLabelFile(two, items).map((v) => [v.id, v.verdict]),
      [
        ['far', 'missed'],
        ['near', 'priced-right'],
      ],
    );
  });

  it('moves a label to its other candidate item when that pairs one more label', () => {
    const items = score.itemsOfRoot('', {
      items: [item('a.yaml', 1, 40, { hourlyUsd: 1 }), item('a.yaml', 5, 8, { hourlyUsd: 2 })],
      unpriced: [],
      errors: [],
    });
    const two = {
      ...labels,
      things: [
        { id: 'both', file: 'a.yaml', line: 2, costBearing: true, expect: { usd: 2 } },
        { id: 'outer-only', file: 'a.yaml', line: 20, costBearing: true, expect: { usd: 1 } },
      ],
    };
    assert.deepEqual(
      score.scoreLabelFile(two, items).map((v) => [v.id, v.verdict]),
      [
        ['both', 'priced-right'],
        ['outer-only', 'priced-right'],
      ],
    );
  });

  it('points a missed label at the nearest item of its file that no label took', () => {
    const items = score.itemsOfRoot('', {
      items: [item('a.yaml', 6, 6, { resource: 'predictor', hourlyUsd: 1 }), item('a.yaml', 40, 41, { resource: 'taken', hourlyUsd: 1 }), item('b.yaml', 1, 1, {})],
      unpriced: [],
      errors: [],
    });
    const two = {
      ...labels,
      things: [
        { id: 'doc-start', file: 'a.yaml', line: 1, costBearing: true },
        { id: 'other', file: 'a.yaml', line: 40, costBearing: true },
      ],
    };
    const verdicts = score.scoreLabelFile(two, items);
    assert.deepEqual(verdicts[0].detail, ['unmatched item in the same file: predictor at line 6']);
    assert.equal(score.summarize(verdicts).missedNear, 1);
  });

  it('sums the role items inside a labelled YAML document into one workload', () => {
    const yaml = ['apiVersion: ray.io/v1', 'kind: RayCluster', 'spec:', '  headGroupSpec: {}', '  workerGroupSpecs: []', '---', 'kind: Other'].join('\n');
    assert.deepEqual(score.yamlDocumentSpan(yaml, 1), [1, 5]);
    const roles = [
      item('ray.yaml', 4, 4, { sku: 'm5.2xlarge', quantity: 1, hourlyUsd: 0.384 }),
      item('ray.yaml', 5, 5, { sku: 'g5.xlarge', quantity: 2, accelerators: { name: 'A10G', count: 2 }, hourlyUsd: 2.012 }),
      item('ray.yaml', 9, 9, { sku: 'g5.xlarge', quantity: 1, hourlyUsd: 1.006 }),
    ];
    const ray = { ...labels, things: [{ id: 'ray', file: 'ray.yaml', line: 1, document: [1, 5], costBearing: true, expect: { gpus: 2, quantity: 3, unit: 'hourly', usd: 2.396 } }] };
    const [verdict] = score.scoreLabelFile(ray, roles);
    assert.equal(verdict.verdict, 'priced-right', verdict.detail.join('; '));
    // Without the document span only the head (within 3 lines) matches: the workload looks underpriced.
    const [lineOnly] = score.scoreLabelFile({ ...ray, things: [{ ...ray.things[0], document: undefined }] }, roles);
    assert.equal(lineOnly.verdict, 'priced-wrong');
  });

  it('counts verdicts into the table row and total', () => {
    const summary = score.summarize(score.scoreLabelFile(labels, score.itemsOfRoot('samples', report)));
    assert.deepEqual(summary, { labelled: 6, found: 4, pricedRight: 1, unpricedAsExpected: 0, pricedWrong: 1, unpriced: 1, unpricedSilent: 1, missed: 2, missedNear: 0, falsePositives: 1, notCostBearing: 2 });
    const table = score.renderTable([{ name: 'o+n', summary }, { name: 'p+q', summary }]).split('\n');
    assert.equal(table.length, 5);
    assert.equal(table[4], '| **total** | 12 | 8 (66.7%) | 2 (16.7%) | 2 (16.7%) | 2 | 2 (0) (+2 without reason) | 4 | 2 of 4 |');
  });

  it('counts no figure with a reason as right only where the label expects it, and a figure there as wrong when the label rules one out', () => {
    const at = (unpriced: true | 'or-figure') => ({ ...labels, things: [{ id: 'x', file: 'job.yaml', line: 1, costBearing: true, expect: { unpriced } }] });
    const unpricedItem = [{ ...item('job.yaml', 1, 3, { hourlyUsd: null }), unpricedReason: 'the VM is chosen by the service at run time' }];
    const pricedItem = [item('job.yaml', 1, 3, { hourlyUsd: 0.5 })];
    const [strict] = score.scoreLabelFile(at(true), unpricedItem);
    assert.equal(strict.verdict, 'unpriced');
    assert.equal(score.summarize([strict]).unpricedAsExpected, 1);
    assert.equal(score.scoreLabelFile(at(true), pricedItem)[0].verdict, 'priced-wrong');
    assert.equal(score.scoreLabelFile(at('or-figure'), pricedItem)[0].verdict, 'priced-right');
    assert.equal(score.summarize(score.scoreLabelFile(at('or-figure'), unpricedItem)).unpricedAsExpected, 1);
    // A label that states nothing about it still counts an unpriced item apart from the right ones.
    assert.equal(score.summarize(score.scoreLabelFile({ ...labels, things: [{ id: 'x', file: 'job.yaml', line: 1, costBearing: true }] }, unpricedItem)).unpricedAsExpected, 0);
  });
});
