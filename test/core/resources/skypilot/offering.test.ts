import { strict as assert } from 'node:assert';
import { taskResources } from '../../../../src/core/detectors/skypilot/taskResources';
import { estimate } from '../../../../src/core/resources/costModel';
import { skyPilotOffering, type SkyPilotInput } from '../../../../src/core/resources/skypilot/offering';
import { assertGolden, ctx } from '../golden';

const RANGE = { start: { line: 0, column: 0 }, end: { line: 0, column: 9 } };
const input = (over: Partial<SkyPilotInput>): SkyPilotInput => ({
  file: '/ws/sky.yaml',
  range: RANGE,
  name: 'train',
  resources: taskResources({ accelerators: 'A100:8' }),
  nodes: { n: 1 },
  copies: { n: 1 },
  runs: 'task',
  ...over,
});

describe('SkyPilot offering model', () => {
  it('prices the cheapest offering × nodes, per hour while a task runs', () => {
    const item = estimate(skyPilotOffering, input({ nodes: { n: 2, note: 'num_nodes = 2' } }), ctx);
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.assumptions[0].endsWith("cheapest offering across the catalog's clouds and regions, as SkyPilot's optimizer picks"));
    assertGolden('skypilot/offering-task-two-nodes', item);
  });

  it('prices a pool\'s workers all month', () => {
    const item = estimate(skyPilotOffering, input({ resources: taskResources({ infra: 'aws/us-east-1', accelerators: 'L4:1' }), copies: { n: 3, note: 'pool workers = 3' }, runs: 'pool' }), ctx);
    assert.equal(item.resource, 'SkyPilot pool train');
    assert.equal(item.quantity, 3);
    assert.ok(item.estimate.monthlyUsd !== null && item.estimate.hourlyUsd !== null);
    assert.equal(item.estimate.monthlyUsd, Math.round(item.estimate.hourlyUsd * ctx.options.hoursPerMonth * 100) / 100);
    assertGolden('skypilot/offering-pool', item);
  });

  it('says why a CPU-only task has no price: no spot row for the type, or no default type of that size', () => {
    const spot = estimate(skyPilotOffering, input({ resources: taskResources({ infra: 'aws', use_spot: true }) }), ctx);
    assert.equal(spot.unpricedReason, 'no spot price in the bundled catalog for the default CPU type SkyPilot would pick on aws');
    // The default families start at 2 vCPUs on every cloud.
    const one = estimate(skyPilotOffering, input({ resources: taskResources({ cpus: 1 }) }), ctx);
    assert.equal(one.unpricedReason, "no type of SkyPilot's default CPU families in the bundled catalog fits this request");
    const bad = estimate(skyPilotOffering, input({ resources: taskResources({ cpus: 'lots', infra: 'aws' }) }), ctx);
    assert.ok(bad.assumptions.includes('cpus `lots` is not a number or "<number>+"; ignored'), bad.assumptions.join('; '));
    assert.equal(bad.sku, 'm6i.2xlarge', 'an unreadable cpus falls back to the default size');
  });

  it('says why when no offering matches', () => {
    const item = estimate(skyPilotOffering, input({ resources: taskResources({ infra: 'kubernetes', accelerators: 'A100:8' }) }), ctx);
    assert.equal(item.estimate.hourlyUsd, null);
    assert.equal(item.unpricedReason, 'a Kubernetes candidate runs on your own cluster: no cloud price');
  });
});
