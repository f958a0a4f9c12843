import { strict as assert } from 'node:assert';
import type { TpuSlice } from '../../../../src/core/catalog/tpu';
import { estimate } from '../../../../src/core/resources/costModel';
import { tpuSlice } from '../../../../src/core/resources/gcp/tpu';
import { assertGolden, ctx, group, region } from '../golden';

const hosts = (pricing: 'spot' | 'on-demand' = 'on-demand') =>
  group({ provider: 'gcp', cloud: 'gcp', sku: 'tpu-v5-lite-podslice', region: region('us-central1'), quantity: 2, pricing });

describe('TPU slice model', () => {
  it('prices the chips of all hosts from the generation\'s slice rows, per chip', () => {
    const slice: TpuSlice = { generation: 'v5e', chips: 8 };
    const row = ctx.catalog.tpuPrice(slice, 'us-central1');
    assert.ok(row.found && row.offer.onDemandUsdPerHour !== null);
    const item = estimate(tpuSlice, { hosts: hosts(), slice: { slice, notes: ['2 TPU host pod(s) × 4 google.com/tpu = 8 v5e chip(s)'] }, summary: '2 TPU host pod(s)' }, ctx);
    assert.equal(item.estimate.hourlyUsd, row.offer.onDemandUsdPerHour);
    assert.deepEqual(item.accelerators, { name: `TPU v5e (${row.offer.instanceType})`, count: 8 });
    assertGolden('gcp/tpu-slice-v5e-8', item);
  });

  it('uses the spot rate for spot hosts', () => {
    const slice: TpuSlice = { generation: 'v5e', chips: 8 };
    const row = ctx.catalog.tpuPrice(slice, 'us-central1');
    assert.ok(row.found);
    const item = estimate(tpuSlice, { hosts: hosts('spot'), slice: { slice, notes: [] }, summary: '2 TPU host pod(s)' }, ctx);
    assert.equal(item.estimate.hourlyUsd, Math.round((row.offer.spotUsdPerHour ?? row.offer.onDemandUsdPerHour ?? 0) * 1e4) / 1e4);
  });

  it('says why when the slice could not be read, and prices no chips at zero', () => {
    const unread = estimate(tpuSlice, { hosts: hosts(), slice: { unresolved: 'no TPU generation' }, summary: '2 TPU host pod(s)' }, ctx);
    assert.equal(unread.unpricedReason, 'no TPU generation');
    const none = estimate(tpuSlice, { hosts: hosts(), slice: { slice: { generation: 'v5e' as const, chips: 0 }, notes: [] }, summary: '0 TPU host pod(s)' }, ctx);
    assert.equal(none.estimate.hourlyUsd, 0);
    assert.equal(none.unpricedReason, undefined);
  });
});
