import { strict as assert } from 'node:assert';
import { analyzeFiles, analyzeFixture, catalog, itemNamed } from '../helpers';

// Expected figures: data/price-catalog.json rows by hand; 730 h/month.

describe('Kubernetes node capacity: eksctl and Karpenter', () => {
  it('prices an eksctl managed node group at instanceType × desiredCapacity in metadata.region', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/node-capacity.yaml');
    assert.deepEqual(skipped, []);
    const g = itemNamed(items, 'ClusterConfig/ml-cluster [managedNodeGroups/gpu]');
    assert.equal(g.sku, 'g5.12xlarge');
    assert.equal(g.quantity, 2);
    assert.equal(g.minQuantity, 0);
    assert.equal(g.region, 'us-west-2');
    // 2 × g5.12xlarge us-west-2 $5.672
    assert.equal(g.estimate.hourlyUsd, 11.344);
    assert.deepEqual(g.tags, { team: 'research' });
    assert.equal(g.range.start.line, 7, 'the node group\'s list entry');
  });

  it('uses minSize without desiredCapacity, the first of instanceTypes, spot, and eksctl\'s defaults', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    const spot = itemNamed(items, 'ClusterConfig/ml-cluster [managedNodeGroups/spot-cpu]');
    assert.equal(spot.sku, 'm5.xlarge');
    assert.equal(spot.quantity, 3);
    assert.equal(spot.pricing, 'spot');
    assert.ok(spot.assumptions.includes('minSize = 3'));
    const system = itemNamed(items, 'ClusterConfig/ml-cluster [nodeGroups/system]');
    assert.equal(system.sku, 'm5.large');
    assert.equal(system.quantity, 2);
    // 2 × m5.large us-west-2 $0.096 (its own row; the region lists at the us-east-1 price)
    assert.equal(system.estimate.hourlyUsd, 0.192);
    assert.ok(!system.assumptions.some((a) => a.startsWith('no price for')), system.assumptions.join('; '));
  });

  it('reads eksctl sizes as Auto Scaling groups do: a quoted count counts, 0 scales to zero, `mixed` defers to the distribution', async () => {
    const yaml = 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: c\n  region: us-east-1\nmanagedNodeGroups:\n'
      + '  - name: quoted\n    instanceType: m5.xlarge\n    desiredCapacity: "3"\n'
      + '  - name: zero\n    instanceType: mixed\n    instancesDistribution:\n      instanceTypes: [c5.large, c5a.large]\n    desiredCapacity: 0\n    minSize: 0\n';
    const { items, skipped } = await analyzeFiles({ 'cluster.yaml': yaml }, 'cluster.yaml');
    assert.deepEqual(skipped, []);
    const quoted = itemNamed(items, 'ClusterConfig/c [managedNodeGroups/quoted]');
    assert.equal(quoted.quantity, 3);
    assert.ok(quoted.assumptions.includes('desiredCapacity = 3'), quoted.assumptions.join('; '));
    const zero = itemNamed(items, 'ClusterConfig/c [managedNodeGroups/zero]');
    assert.equal(zero.sku, 'c5.large');
    assert.equal(zero.quantity, 1);
    assert.equal(zero.minQuantity, 0);
    assert.ok(zero.assumptions.includes('desiredCapacity = 0: scales to zero; priced per node while one runs'), zero.assumptions.join('; '));
  });

  it('prices a Karpenter NodePool per node at the cheapest type its requirements allow, and says so', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    const p = itemNamed(items, 'NodePool/general');
    // c/m/r, 4–32 vCPUs, generation > 2: c6a.xlarge $0.153 in us-east-1
    assert.equal(p.sku, 'c6a.xlarge');
    assert.equal(p.quantity, 1);
    assert.equal(p.estimate.hourlyUsd, 0.153);
    assert.ok(p.assumptions.some((a) => a.startsWith('priced per node: a NodePool is a ceiling')));
    assert.ok(p.assumptions.some((a) => a.includes('the cheapest of') && a.includes(': c6a.xlarge;')));
  });

  it('prices a spot-only GPU NodePool at the spot price of the cheapest allowed family member', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    const p = itemNamed(items, 'NodePool/gpu-spot');
    assert.equal(p.pricing, 'spot');
    assert.equal(p.sku, 'g6.xlarge');
    assert.equal(p.estimate.hourlyUsd, 0.349);
  });

  it('honours instance-size and instance-memory (MiB) requirements', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    const sized = itemNamed(items, 'NodePool/gpu-sized');
    // g5 sizes 4xlarge/8xlarge only: g5.4xlarge $1.624, not the cheaper g5.xlarge
    assert.equal(sized.sku, 'g5.4xlarge');
    assert.equal(sized.estimate.hourlyUsd, 1.624);
    const big = itemNamed(items, 'NodePool/memory-floor');
    assert.ok(big.sku && /^m/.test(big.sku), String(big.sku));
    const row = catalog.offersFor(big.sku).find((o) => o.region === 'us-east-1');
    assert.ok((row?.memoryGib ?? 0) * 1024 > 65535, `${big.sku} has more than 64 GiB`);
  });

  it('compares types without a row in the pool\'s region at their default-region row, and says so', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    const p = itemNamed(items, 'NodePool/cpu-oregon');
    // r7a in us-west-2: the catalog has no r7a row there; r7a.medium $0.07608 in us-east-1
    assert.equal(p.sku, 'r7a.medium');
    assert.equal(p.estimate.hourlyUsd, 0.0761); // rounded to 4 places
    assert.ok(p.assumptions.some((a) => a.includes('using us-east-1')), p.assumptions.join('\n'));
  });

  it('prices a v1alpha5 Provisioner as the NodePool its spec.requirements describe', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    const p = itemNamed(items, 'Provisioner/legacy');
    // g5 on-demand: g5.xlarge $1.006 in us-east-1
    assert.equal(p.sku, 'g5.xlarge');
    assert.equal(p.estimate.hourlyUsd, 1.006);
  });

  it('does not price a NodePool that allows any type, and says why', async () => {
    const { items } = await analyzeFixture('kubernetes/node-capacity.yaml');
    assert.match(itemNamed(items, 'NodePool/anything').unpricedReason ?? '', /Karpenter may launch any EC2 type/);
  });
});
