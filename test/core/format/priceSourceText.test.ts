import { strict as assert } from 'node:assert';
import { describePriceSource, describePriceSourceLong, timeAgo } from '../../../src/core/format/priceSourceText';

const NOW = new Date('2026-11-26T12:00:00Z');

describe('price source text', () => {
  it('says how old a live price is in words a reader scans', () => {
    assert.equal(timeAgo('2026-11-26T11:59:45Z', NOW), 'just now');
    assert.equal(timeAgo('2026-11-26T11:35:00Z', NOW), '25 min ago');
    assert.equal(timeAgo('2026-11-26T10:00:00Z', NOW), '2 h ago');
    assert.equal(timeAgo('2026-11-20T12:00:00Z', NOW), '6 days ago');
    assert.equal(timeAgo('yesterday-ish', NOW), 'at an unknown time');
  });

  it('names bundled prices by month and live prices by source and age', () => {
    const bundled = { label: 'bundled catalog (SkyPilot catalog snapshot)', asOf: '2026-11-26' };
    assert.equal(describePriceSource(bundled, NOW), 'bundled, 2026-11');
    assert.equal(describePriceSourceLong(bundled, NOW), 'bundled, 2026-11 (SkyPilot catalog snapshot)');
    const live = { label: 'Azure Retail Prices API', asOf: '2026-11-26', fetchedAt: '2026-11-26T09:00:00Z' };
    assert.equal(describePriceSource(live, NOW), 'Azure Retail Prices API, 3 h ago');
    assert.equal(describePriceSourceLong(live, NOW), 'Azure Retail Prices API, 3 h ago (fetched 2026-11-26 09:00 UTC)');
  });
});
