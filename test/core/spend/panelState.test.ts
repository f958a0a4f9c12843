import { strict as assert } from 'node:assert';
import { failureBanner, SpendPanelState } from '../../../src/core/spend/panelState';
import { sampleBackend } from '../../../src/core/spend/sampleData';
import { buildSpendReport, type SpendReport } from '../../../src/core/spend/spendReport';

async function sampleReport(): Promise<SpendReport> {
  const backend = sampleBackend();
  try {
    return await buildSpendReport(backend, { period: '30d', groupBy: 'team', metric: 'effective', filters: {} }, { budgets: [], today: '2026-03-31' });
  } finally {
    await backend.dispose?.();
  }
}

describe('spend panel state: the last good report survives failed refreshes', () => {
  let report: SpendReport;
  before(async () => (report = await sampleReport()));

  it('starts empty, and a failure before any good report has nothing to keep', () => {
    const s = new SpendPanelState();
    assert.deepEqual(s.snapshot(), { status: 'empty', error: undefined, lastGood: undefined, failuresSinceGood: 0 });
    s.started();
    assert.equal(s.snapshot().status, 'loading');
    assert.deepEqual(s.failed('OpenCost at 127.0.0.1:9003 answered 500'), { message: 'OpenCost at 127.0.0.1:9003 answered 500', lastGood: undefined });
    assert.equal(failureBanner('boom', undefined), 'Could not read spend: boom');
    const kept = { readAt: '2026-03-31T09:15:30.000Z', source: 'OpenCost at host', total: 1, currency: 'USD', from: '2026-03-01', to: '2026-03-31' };
    assert.equal(failureBanner('no data.', kept), 'Could not read spend: no data. Showing the figures read at 2026-03-31 09:15 UTC from OpenCost at host.');
  });

  it('keeps the good report and its time through failures, until a newer good one', () => {
    const s = new SpendPanelState();
    s.started();
    const good = s.succeeded(report, new Date('2026-03-31T09:15:30Z'));
    assert.deepEqual(good, { readAt: '2026-03-31T09:15:30.000Z', source: report.source.label, total: report.total, currency: 'USD', from: report.query.from, to: report.query.to });
    assert.ok(good.total > 0);
    s.started();
    const first = s.failed('the spend service at http://127.0.0.1:1 answered 500');
    s.started();
    const second = s.failed('the spend service at http://127.0.0.1:1 broke off its answer (HTTP 200): timed out after 1 s');
    assert.deepEqual(first.lastGood, good);
    assert.deepEqual(second.lastGood, good);
    assert.deepEqual(s.snapshot(), { status: 'failed', error: second.message, lastGood: good, failuresSinceGood: 2 });
    assert.equal(
      failureBanner(second.message, second.lastGood),
      `Could not read spend: ${second.message}. Showing the figures read at 2026-03-31 09:15 UTC from ${report.source.label}.`,
    );
    const newer = s.succeeded(report, new Date('2026-03-31T10:00:00Z'));
    assert.deepEqual(s.snapshot(), { status: 'ready', error: undefined, lastGood: newer, failuresSinceGood: 0 });
  });

  it('hands out copies, so a caller cannot change what the panel keeps', () => {
    const s = new SpendPanelState();
    s.succeeded(report, new Date('2026-03-31T09:00:00Z'));
    const snap = s.snapshot();
    if (snap.lastGood) snap.lastGood.total = -1;
    assert.equal(s.snapshot().lastGood?.total, report.total);
  });
});
