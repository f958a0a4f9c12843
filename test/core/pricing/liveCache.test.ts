import { strict as assert } from 'node:assert';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { priceInstances } from '../../../src/core/estimate/instanceEstimate';
import { describePriceSource } from '../../../src/core/format/priceSourceText';
import { instanceHoverMarkdown } from '../../../src/core/format/instanceHover';
import { AzureRetailSource, LivePriceCache, LivePriceOverlay, refreshPrices, type LivePrice } from '../../../src/core/pricing/live';
import { azureItem, azurePage, startServer } from './priceServers';

const NOW = new Date('2026-11-26T12:00:00Z');
const live: LivePrice = {
  cloud: 'aws',
  service: 'ec2',
  instanceType: 'p4d.24xlarge',
  region: 'us-east-1',
  onDemandUsdPerHour: 30,
  spotUsdPerHour: null,
  fetchedAt: '2026-11-26T10:00:00Z',
  source: 'AWS Price List API',
};

describe('live price cache and overlay', () => {
  it('round-trips through JSON and treats corrupt files as empty with a reason', () => {
    const cache = new LivePriceCache([live]);
    const { cache: back, problem } = LivePriceCache.fromJSON(JSON.stringify(cache.toJSON(NOW)));
    assert.equal(problem, undefined);
    assert.deepEqual(back.get(live, NOW), live);
    assert.match(LivePriceCache.fromJSON('{"schemaVersion":1,"entries":').problem ?? '', /not valid JSON/);
    assert.match(LivePriceCache.fromJSON('{"schemaVersion":7,"entries":[]}').problem ?? '', /unknown format/);
    const junk = LivePriceCache.fromJSON(JSON.stringify({ schemaVersion: 1, savedAt: '', entries: [{ ...live, onDemandUsdPerHour: 'free' }] }));
    assert.equal(junk.cache.size, 0);
  });

  it('prefers a fresh live price, names its source and age, and keeps the bundled spot price', () => {
    const catalog = bundledCatalog().withOverlay(new LivePriceOverlay(new LivePriceCache([live]), () => NOW));
    const priced = priceInstances(catalog, { instanceType: 'p4d.24xlarge', region: 'us-east-1', quantity: 2, pricing: 'on-demand', hoursPerMonth: 730 });
    assert.equal(priced.estimate.hourlyUsd, 60);
    assert.ok(priced.priceSource);
    assert.equal(describePriceSource(priced.priceSource, NOW), 'AWS Price List API, 2 h ago');
    const bundled = priceInstances(bundledCatalog(), { instanceType: 'p4d.24xlarge', region: 'us-east-1', quantity: 1, pricing: 'spot', hoursPerMonth: 730 });
    const spot = priceInstances(catalog, { instanceType: 'p4d.24xlarge', region: 'us-east-1', quantity: 1, pricing: 'spot', hoursPerMonth: 730 });
    assert.equal(spot.estimate.hourlyUsd, bundled.estimate.hourlyUsd);
    assert.match(describePriceSource(bundled.priceSource ?? { label: '' }, NOW), /^bundled, \d{4}-\d{2}$/);
    const hover = instanceHoverMarkdown(catalog, 'p4d.24xlarge', NOW) ?? '';
    assert.match(hover, /\| us-east-1 \| \$30\.00 \|/);
    assert.match(hover, /AWS Price List API, 2 h ago \(fetched 2026-11-26 10:00 UTC\) for us-east-1(;|\.)/);
    assert.match(hover, /bundled, \d{4}-\d{2} \([^)]+\) for [a-z0-9-]+, /);
  });

  it('falls back to the bundled price once the live one is too old', () => {
    const old = { ...live, fetchedAt: '2026-09-01T00:00:00Z' };
    const catalog = bundledCatalog().withOverlay(new LivePriceOverlay(new LivePriceCache([old]), () => NOW));
    const priced = priceInstances(catalog, { instanceType: 'p4d.24xlarge', region: 'us-east-1', quantity: 1, pricing: 'on-demand', hoursPerMonth: 730 });
    assert.notEqual(priced.estimate.hourlyUsd, 30);
    assert.equal(priced.priceSource?.fetchedAt, undefined);
  });

  it('keeps the last good price when a refresh fails, and stops after throttling', async () => {
    const az = { ...live, cloud: 'azure' as const, service: 'virtual-machines' as const, instanceType: 'Standard_NC24ads_A100_v4', region: 'eastus', source: 'Azure Retail Prices API' };
    const cache = new LivePriceCache([az]);
    const server = await startServer(() => ({ status: 429, body: '{}', headers: { 'retry-after': '0' } }));
    try {
      const source = new AzureRetailSource({ baseUrl: server.url, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
      const other = { ...az, instanceType: 'Standard_ND96asr_v4' };
      const outcome = await refreshPrices([source], [az, other], cache);
      assert.equal(outcome.updated, 0);
      assert.equal(outcome.failures.length, 1);
      assert.match(outcome.failures[0], /Standard_NC24ads_A100_v4 in eastus: Azure Retail Prices API at 127\.0\.0\.1:\d+ throttled the request \(HTTP 429\) \(gave up after 2 tries\)/);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(cache.get(az, NOW), az);
    } finally {
      await server.close();
    }
    const ok = await startServer(() => azurePage([azureItem('NC24ads A100 v4', 3.5)], null));
    try {
      const outcome = await refreshPrices([new AzureRetailSource({ baseUrl: ok.url })], [az], cache);
      assert.equal(outcome.updated, 1);
      assert.equal(cache.get(az, new Date())?.onDemandUsdPerHour, 3.5);
    } finally {
      await ok.close();
    }
  });
});
