import { strict as assert } from 'node:assert';
import { unitCostOf } from '../../../src/core/spend/unitCost';

const labelOf = (unit: string) => unitCostOf({ unit, quantity: 2000, cost: 4 })?.label;

describe('unit cost labels', () => {
  it('says "1K tokens" whether the export counts tokens singly or in thousands, with the price per thousand', () => {
    assert.equal(labelOf('Tokens'), '1K tokens');
    assert.equal(unitCostOf({ unit: 'Tokens', quantity: 2000, cost: 4 })?.price, 2);
    assert.equal(labelOf('1K Tokens'), '1K tokens');
    assert.equal(unitCostOf({ unit: '1K Tokens', quantity: 2000, cost: 4 })?.price, 0.002);
    assert.equal(labelOf('1K Characters'), '1K characters');
    assert.equal(labelOf('1M tokens'), '1M tokens');
    assert.equal(labelOf('1K requests'), '1K requests');
  });

  it('keeps an abbreviation\'s case and makes a plain word singular', () => {
    assert.equal(labelOf('GB'), 'GB');
    assert.equal(labelOf('GiB'), 'GiB');
    assert.equal(labelOf('Requests'), 'request');
    assert.equal(labelOf('Queries'), 'query');
    assert.equal(labelOf('GPU Hours'), 'GPU-hour');
  });

  it('prices nothing without a quantity', () => {
    assert.equal(unitCostOf({ unit: 'GB', quantity: 0, cost: 4 }), undefined);
  });
});
