import { strict as assert } from 'node:assert';
import { compareByCost, describeTotals, itemCostText, shortTotals, totalsByBasis } from '../../../src/core/format/costTotals';
import type { CostItem, Estimate } from '../../../src/core/model';

function item(resource: string, e: Partial<Estimate>, unpricedReason?: string): CostItem {
  return {
    file: 'a.tf', kind: 'compute', region: 'us-east-1', resource, provider: 'aws', sku: 'x', quantity: 1, pricing: 'on-demand',
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, accelerators: null, tags: {}, assumptions: [],
    estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null, ...e },
    ...(unpricedReason ? { unpricedReason } : {}),
  };
}

describe('cost totals by unit', () => {
  const vm = item('vm', { hourlyUsd: 1, monthlyUsd: 730 });
  const llm = item('llm', { monthlyUsd: 90, perCallUsd: 0.006 });
  const run = item('run', { hourlyUsd: 40, perRunUsd: 1920 });
  const run2 = item('run2', { hourlyUsd: 14.4, perRunUsd: 67.47 });
  const task = item('task', { hourlyUsd: 31.84 });
  const call = item('call', { perCallUsd: 0.002 });
  const broken = item('broken', {}, 'no price');

  it('shows each item in its own unit, never a run or an hourly task as $0.00/mo', () => {
    assert.deepEqual([vm, llm, run, task, call, broken].map(itemCostText), ['$730.00/mo', '$90.00/mo', '$1,920/run', '$31.84/h', '$0.002/call', 'not priced']);
  });

  it('sorts by cost within a unit, monthly first and unpriced last', () => {
    const sorted = [broken, task, run2, call, llm, run, vm].sort(compareByCost).map((i) => i.resource);
    assert.deepEqual(sorted, ['vm', 'llm', 'run', 'run2', 'task', 'call', 'broken']);
  });

  it('says what the monthly total includes and what it leaves out', () => {
    const t = totalsByBasis([vm, llm, run, run2, task, call, broken]);
    assert.equal(
      describeTotals(t),
      '$820.00/mo for 2 always-on items; not included: 2 runs $1,987/run, 1 hourly job $31.84/h while running, 1 call site $0.002/call, 1 not priced',
    );
    assert.equal(shortTotals(t), '$820.00/mo + $1,987/run + $31.84/h + $0.002/call');
  });

  it('leaves out what is not there', () => {
    assert.equal(describeTotals(totalsByBasis([vm])), '$730.00/mo for 1 always-on item');
    assert.equal(shortTotals(totalsByBasis([run])), '$1,920/run');
    assert.equal(shortTotals(totalsByBasis([])), '$0.00/mo');
  });
});
