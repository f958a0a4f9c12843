import { strict as assert } from 'node:assert';
import type { DiffReport } from '../../src/cli/diffReport';
import { renderDiffMarkdown, summaryLine } from '../../src/cli/renderDiff';

function report(base: number, head: number, extra: Partial<DiffReport> = {}): DiffReport {
  const delta = Math.round((head - base) * 100) / 100;
  return {
    schemaVersion: 1,
    currency: 'USD',
    baseLabel: 'main',
    headLabel: 'HEAD',
    changes: [],
    base: { hourlyUsd: 0, monthlyUsd: base, perRunUsd: 0 },
    head: { hourlyUsd: 0, monthlyUsd: head, perRunUsd: 0 },
    monthlyDeltaUsd: delta,
    perRunDeltaUsd: 0,
    monthlyDeltaPercent: base === 0 ? null : Math.round((delta / base) * 1000) / 10,
    unchanged: 0,
    unpriced: [],
    errors: [],
    ...extra,
  };
}

describe('diff rendering', () => {
  it('words increases, decreases, no change and a zero base', () => {
    assert.equal(summaryLine(report(1000, 1250)), 'Monthly cost will increase by $250.00 (+25%).');
    assert.equal(summaryLine(report(2000, 1500)), 'Monthly cost will decrease by $500.00 (-25%).');
    assert.equal(summaryLine(report(300, 300)), 'Monthly cost will not change ($300.00/month).');
    assert.equal(summaryLine(report(0, 42)), 'Monthly cost will increase by $42.00 (from $0.00).');
  });

  it('escapes table cells and lists unpriced items and skipped files in collapsible blocks', () => {
    const md = renderDiffMarkdown(
      report(0, 10, {
        changes: [{ kind: 'added', file: 'a|b.tf', resource: 'x', before: null, after: { sku: 'weird|type', quantity: 1, pricing: 'on-demand', region: null, hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null, unpricedReason: 'unknown' }, monthlyDeltaUsd: 0, perRunDeltaUsd: 0, details: [] }],
        unpriced: [{ file: 'a|b.tf', line: 2, sku: 'weird|type', reason: 'not in catalog' }],
        errors: [{ side: 'head', file: 'bad.tf', message: 'parse error' }],
      }),
    );
    assert.match(md, /\| <code>x<\/code> 1× weird&#124;type \| added \| - \| not priced \| \$0\.00 \|/);
    assert.match(md, /### <code>a&#124;b\.tf<\/code>/);
    assert.match(md, /<details><summary>Not priced \(1\)<\/summary>/);
    assert.match(md, /<details><summary>Skipped files \(1\)<\/summary>\n\n- head <code>bad\.tf<\/code>: parse error/);
  });
});
