import { strict as assert } from 'node:assert';
import { estimate } from '../../../../src/core/resources/costModel';
import { cheapestNodes } from '../../../../src/core/resources/kubernetes/nodeFit';
import { nodeTypeCloud, podsOnFittedNodes, podsOnNodeType } from '../../../../src/core/resources/kubernetes/wholeNodes';
import { assertGolden, ctx, group, region } from '../golden';

function hourly(sku: string, region: string): number {
  const row = ctx.catalog.lookup({ instanceType: sku, cloud: 'aws', region });
  assert.ok(row.found && row.offer.onDemandUsdPerHour !== null);
  return row.offer.onDemandUsdPerHour;
}

const pods = (sku: string, replicas: number) => ({ ...group({ provider: 'aws', cloud: 'aws', sku, region: region('us-east-1'), quantity: replicas, kind: 'k8s-workload', notes: [`replicas: ${replicas}`] }), sku });

describe('Kubernetes whole-node models', () => {
  it('packs GPU pods onto whole nodes of the named type by GPUs', () => {
    // 5 pods × 2 GPUs on 8-GPU p4d nodes: 4 per node → 2 nodes.
    const item = estimate(podsOnNodeType, { pods: pods('p4d.24xlarge', 5), gpusPerPod: 2, source: ['node type from nodeSelector'], after: ['spot from node selector x'] }, ctx);
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.hourlyUsd, Math.round(hourly('p4d.24xlarge', 'us-east-1') * 2 * 1e4) / 1e4);
    assert.deepEqual(item.assumptions.slice(2, 6), ['replicas: 5', 'node type from nodeSelector', '5 pod(s) × 2 GPU packed 4 per p4d.24xlarge node → 2 node(s)', 'spot from node selector x']);
    assertGolden('kubernetes/pods-on-node-type', item);
  });

  it('gives each pod without GPUs its own node, and says a pod asking for more GPUs than the node has cannot run', () => {
    const cpu = estimate(podsOnNodeType, { pods: pods('m5.large', 3), gpusPerPod: 0, source: [], after: [] }, ctx);
    assert.equal(cpu.quantity, 3);
    assert.ok(cpu.assumptions.includes('one m5.large node per pod'));
    const greedy = estimate(podsOnNodeType, { pods: pods('g5.xlarge', 1), gpusPerPod: 2, source: [], after: [] }, ctx);
    assert.equal(greedy.estimate.hourlyUsd, null);
    assert.equal(greedy.unpricedReason, 'each pod asks for 2 GPUs but g5.xlarge has 1');
    assert.equal(nodeTypeCloud(ctx.catalog, 'g5.xlarge'), 'aws');
    assert.equal(nodeTypeCloud(ctx.catalog, 'Standard_NC24ads_A100_v4'), 'azure');
  });

  it('prices pods with no node type on the fitted nodes, in the default region of their cloud', () => {
    const fit = cheapestNodes(ctx.catalog, { pods: 2, gpusPerPod: 8, vendor: 'nvidia', model: 'H100' });
    assert.ok(fit);
    const { sku: _sku, region: _region, provider: _provider, cloud: _cloud, ...fields } = group({ provider: 'aws', sku: 'x', quantity: 2, kind: 'k8s-workload', notes: ['replicas: 2'] });
    const item = estimate(podsOnFittedNodes, { pods: fields, fit, subject: 'the pod', after: ['GPU model H100 from a label'] }, ctx);
    assert.equal(item.sku, fit.offer.instanceType);
    assert.equal(item.quantity, fit.nodes);
    assert.equal(item.provider, fit.offer.cloud);
    assert.equal(item.assumptions[1], `region ${fit.offer.region}: the catalog's default for ${fit.offer.cloud} (the pod names no node type or region)`);
    assert.deepEqual(item.assumptions.slice(2, 5), ['replicas: 2', fit.basis, 'GPU model H100 from a label']);
    const none = estimate(podsOnFittedNodes, { pods: { ...fields, quantity: 0 }, fit, subject: 'the pod', after: [] }, ctx);
    assert.equal(none.quantity, 0);
    assertGolden('kubernetes/pods-on-fitted-nodes', item);
  });
});
