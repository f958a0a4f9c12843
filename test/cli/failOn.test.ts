import { strict as assert } from 'node:assert';
import { findingsOfReport, gateFailures, parseFailOn, parseUsd } from '../../src/cli/failOn';
import type { ReportItem, ScanReport } from '../../src/cli/scanReport';
import { UsageError } from '../../src/cli/usageError';

describe('--fail-on and --fail-over parsing', () => {
  it('parses comma-separated rules, trimming and de-duplicating', () => {
    assert.deepEqual(parseFailOn(' missing-tags, policy,missing-tags '), ['missing-tags', 'policy']);
    assert.deepEqual(parseFailOn(undefined), []);
    assert.throws(() => parseFailOn('missing-tags,vibes'), (e: unknown) => e instanceof UsageError && /unknown vibes/.test(e.message));
  });

  it('fails only on findings of the asked rules', () => {
    const findings = { 'missing-tags': ['a.tf:3 x lacks team'], policy: [] };
    assert.deepEqual(gateFailures(['missing-tags'], findings), ['missing-tags: a.tf:3 x lacks team']);
    assert.deepEqual(gateFailures(['policy'], findings), []);
    assert.deepEqual(gateFailures([], findings), []);
  });

  it('reads USD amounts with or without a dollar sign', () => {
    assert.equal(parseUsd('--fail-over', '$500'), 500);
    assert.equal(parseUsd('--fail-over', undefined), undefined);
    assert.throws(() => parseUsd('--fail-over', '-3'), UsageError);
    assert.throws(() => parseUsd('--fail-over', ''), UsageError);
  });

  it('takes missing tags from a scan report', () => {
    const item = (resource: string, missingTags: string[]) => ({ file: 'infra/main.tf', range: { startLine: 3 }, resource, missingTags }) as unknown as ReportItem;
    const report = { items: [item('aws_instance.a', ['team', 'env']), item('aws_instance.b', [])] } as unknown as ScanReport;
    assert.deepEqual(gateFailures(['missing-tags'], findingsOfReport(report)), ['missing-tags: infra/main.tf:3 aws_instance.a lacks team, env']);
  });
});
