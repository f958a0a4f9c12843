import { strict as assert } from 'node:assert';
import { spotMarketFix } from '../../../src/core/policy/fixes/spotMarketFix';
import { applyInsertions } from '../../../src/core/policy/tagWriters';
import { evaluatePolicy } from '../../../src/core/policy/evaluatePolicy';
import { analyzeFiles, catalog } from '../helpers';

describe('spot quick fix for aws_instance', () => {
  it('appends instance_market_options in the block\'s indentation and line endings', async () => {
    const text = 'resource "aws_instance" "trainer" {\r\n\tinstance_type = "p4d.24xlarge"\r\n}\r\n';
    const fix = await spotMarketFix('/t/main.tf', text, 0);
    assert.ok(fix);
    const out = applyInsertions(text, fix.insertions);
    assert.equal(out, 'resource "aws_instance" "trainer" {\r\n\tinstance_type = "p4d.24xlarge"\r\n\r\n\tinstance_market_options {\r\n\t\tmarket_type = "spot"\r\n\t}\r\n}\r\n');
  });

  it('turns the finding off once applied: the detector reads the block as spot', async () => {
    const text = 'resource "aws_instance" "trainer" {\n  instance_type = "p4d.24xlarge"\n}\n';
    const before = await analyzeFiles({ 'main.tf': text }, 'main.tf');
    const [finding] = evaluatePolicy({ items: before.items, config: undefined, catalog, hoursPerMonth: 730 }).filter((f) => f.check === 'spotForTraining');
    assert.deepEqual(finding.blockFix, { kind: 'terraform-spot-market', title: 'Use spot capacity (instance_market_options)', blockLine: 0 });
    const fix = await spotMarketFix('/t/main.tf', text, finding.blockFix.blockLine);
    assert.ok(fix);
    const after = await analyzeFiles({ 'main.tf': applyInsertions(text, fix.insertions) }, 'main.tf');
    assert.equal(after.items[0].pricing, 'spot');
    assert.deepEqual(evaluatePolicy({ items: after.items, config: undefined, catalog, hoursPerMonth: 730 }).filter((f) => f.check === 'spotForTraining'), []);
  });

  it('leaves a block that already has market options alone', async () => {
    const text = 'resource "aws_instance" "t" {\n  instance_type = "p4d.24xlarge"\n  instance_market_options {\n    market_type = var.market\n  }\n}\n';
    assert.equal(await spotMarketFix('/t/main.tf', text, 0), undefined);
  });
});
