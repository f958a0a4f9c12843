import { strict as assert } from 'node:assert';
import { IgnoreRules } from '../../src/core/scan/ignoreRules';

describe('.gitignore rules', () => {
  const rules = new IgnoreRules();
  rules.add('/repo', 'build/\n*.log\n!keep.log\n/rooted.tf\n');
  rules.add('/repo/infra', 'local.tf\n');

  it('applies each file to the paths below its folder', () => {
    assert.equal(rules.ignores('/repo/build', true), true);
    assert.equal(rules.ignores('/repo/a/b.log'), true);
    assert.equal(rules.ignores('/repo/keep.log'), false);
    assert.equal(rules.ignores('/repo/rooted.tf'), true);
    assert.equal(rules.ignores('/repo/sub/rooted.tf'), false);
    assert.equal(rules.ignores('/repo/infra/local.tf'), true);
    assert.equal(rules.ignores('/repo/local.tf'), false);
    assert.equal(rules.ignores('/elsewhere/build', true), false);
  });
});
