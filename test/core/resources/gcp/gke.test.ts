import { strict as assert } from 'node:assert';
import { estimate } from '../../../../src/core/resources/costModel';
import { GKE_DEFAULT_MACHINE_TYPE, gkeNodePool, type GkePoolInput } from '../../../../src/core/resources/gcp/gke';
import { assertGolden, ctx, group, region } from '../golden';

const vm = group({ provider: 'gcp', cloud: 'gcp', kind: 'cluster', sku: 'n1-standard-8', region: region('us-central1') });
const pool = (over: Partial<GkePoolInput>): GkePoolInput => ({ vm, sizing: {}, notes: [], ...over });

describe('GKE node pool model', () => {
  it('runs node_count in each zone of a regional pool, with the attached GPUs', () => {
    const item = estimate(gkeNodePool, pool({
      sizing: { nodeCount: { n: 2, note: 'node_count = 2' }, location: 'us-central1' },
      gpus: { type: 'nvidia-tesla-t4', count: 1, via: 'guest_accelerator' },
    }), ctx);
    assert.equal(item.quantity, 6);
    assert.deepEqual(item.accelerators, { name: 'T4', count: 6 });
    assert.ok(item.assumptions.includes("node_count = 2 per zone × 3 zones (regional pool us-central1, GKE's default zone count)"), item.assumptions.join('; '));
    assertGolden('gcp/gke-regional-pool-t4', item);
  });

  it('takes the autoscaling minimum per node location, and the whole-pool minimum once', () => {
    const perZone = estimate(gkeNodePool, pool({ sizing: { autoscaling: { min: { n: 1, note: 'min_node_count = 1' }, totalMinWritten: false }, nodeLocations: 2 } }), ctx);
    assert.equal(perZone.quantity, 2);
    assert.ok(perZone.assumptions.includes('autoscaling min_node_count = 1 per zone × 2 node_locations'));
    const total = estimate(gkeNodePool, pool({ sizing: { autoscaling: { totalMin: { n: 3, note: 'total_min_node_count = 3' }, totalMinWritten: true }, location: 'us-central1' } }), ctx);
    assert.equal(total.quantity, 3);
    assert.ok(total.assumptions.includes('autoscaling total_min_node_count = 3 (whole pool)'));
  });

  it('gives a pool without a machine type GKE\'s default, and names a default pool', () => {
    const item = estimate(gkeNodePool, pool({ vm: { ...vm, sku: undefined }, defaultPool: true, sizing: { location: 'us-central1-a' } }), ctx);
    assert.equal(item.sku, GKE_DEFAULT_MACHINE_TYPE);
    assert.equal(item.quantity, 1);
    assert.ok(item.assumptions.includes('default node pool: no node_count; GKE starts 1 node per zone'));
    assert.ok(item.assumptions.includes(`machine_type not set: GKE defaults to ${GKE_DEFAULT_MACHINE_TYPE}`));
    assertGolden('gcp/gke-default-pool', item);
  });

  it('leaves the pool unpriced when its GPUs could not be read', () => {
    const item = estimate(gkeNodePool, pool({ gpus: { unresolved: 'guest_accelerator type: var.gpu is unknown' } }), ctx);
    assert.equal(item.unpricedReason, 'guest_accelerator type: var.gpu is unknown');
  });
});
