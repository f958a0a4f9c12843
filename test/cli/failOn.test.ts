import { strict as assert } from 'node:assert';
import { gateFailures, parseFailOn, parseUsd } from '../../src/cli/failOn';
import type { Finding } from '../../src/core/policy/findings';
import { UsageError } from '../../src/cli/usageError';

function finding(category: Finding['category'], resource: string): Finding {
  return {
    check: category === 'savings' ? 'spotForTraining' : 'tagPolicy',
    category,
    severity: category === 'savings' ? 'information' : 'warning',
    file: '/repo/infra/main.tf',
    range: { start: { line: 2, column: 0 }, end: { line: 2, column: 10 } },
    resource,
    message: `${category} message`,
  };
}

describe('--fail-on and --fail-over parsing', () => {
  it('parses comma-separated rules, trimming and de-duplicating', () => {
    assert.deepEqual(parseFailOn(' missing-tags, policy,missing-tags '), ['missing-tags', 'policy']);
    assert.deepEqual(parseFailOn(undefined), []);
    assert.throws(() => parseFailOn('missing-tags,vibes'), (e: unknown) => e instanceof UsageError && /unknown vibes/.test(e.message));
  });

  it('fails only on findings of the asked rules; policy matches every finding', () => {
    const findings = [finding('missing-tags', 'aws_instance.a'), finding('savings', 'aws_instance.b')];
    assert.deepEqual(gateFailures('/repo', ['missing-tags'], findings), ['missing-tags: infra/main.tf:3 aws_instance.a: missing-tags message']);
    assert.equal(gateFailures('/repo', ['policy'], findings).length, 2);
    assert.deepEqual(gateFailures('/repo', ['tag-values'], findings), []);
    assert.deepEqual(gateFailures('/repo', [], findings), []);
  });

  it('reads USD amounts with or without a dollar sign', () => {
    assert.equal(parseUsd('--fail-over', '$500'), 500);
    assert.equal(parseUsd('--fail-over', undefined), undefined);
    assert.throws(() => parseUsd('--fail-over', '-3'), UsageError);
    assert.throws(() => parseUsd('--fail-over', ''), UsageError);
  });
});
