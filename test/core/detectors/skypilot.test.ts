import { strict as assert } from 'node:assert';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { parseAccelerators } from '../../../src/core/detectors/skypilot/taskResources';
import type { CostItem } from '../../../src/core/model';
import { analyzeFixture, readersOf } from '../helpers';

// Expected figures: ../shared/data/gpu-instances.csv, the cheapest matching rows by hand.

async function task(fixture: string): Promise<CostItem> {
  const { items, skipped } = await analyzeFixture(`skypilot/${fixture}`);
  assert.deepEqual(skipped, []);
  assert.equal(items.length, 1, items.map((i) => i.resource).join(', '));
  return items[0];
}

describe('SkyPilot detector', () => {
  it('picks the cheapest A100:8 offering across clouds (Lambda), times num_nodes, with the runner-up', async () => {
    const t = await task('finetune.yaml');
    assert.equal(t.resource, 'SkyPilot task llama-finetune');
    assert.equal(t.provider, 'lambda');
    assert.equal(t.sku, 'gpu_8x_a100');
    assert.equal(t.quantity, 2);
    // 2 × $15.92
    assert.equal(t.estimate.hourlyUsd, 31.84);
    assert.equal(t.estimate.monthlyUsd, null, 'a task runs until it finishes');
    assert.ok(t.assumptions.includes('runner-up: p4d.24xlarge (8× A100) on aws us-west-2 at $21.95764/h per node × 2'), t.assumptions.join('; '));
    assert.equal(t.range.start.line, 2, 'the resources: line');
  });

  it('optimises an unordered accelerator set together', async () => {
    const t = await task('candidate-set.yaml');
    assert.equal(t.sku, 'gpu_8x_a100');
    assert.equal(t.estimate.hourlyUsd, 15.92);
    assert.ok(t.assumptions.some((a) => a.startsWith('runner-up: p4d.24xlarge')));
  });

  it('keeps to the named cloud and prices spot, with the region chosen by price', async () => {
    const t = await task('aws-spot.yaml');
    assert.equal(t.pricing, 'spot');
    assert.equal(t.sku, 'p5.48xlarge');
    assert.equal(t.region, 'us-west-2');
    assert.equal(t.estimate.hourlyUsd, 12.6935);
    assert.ok(t.assumptions.some((a) => a.startsWith('runner-up: p5.48xlarge (8× H100) on aws us-east-1 at $17.6289/h')));
  });

  it('tries an ordered accelerator list in order, with the next choice as runner-up', async () => {
    const t = await task('ordered-list.yaml');
    assert.equal(t.sku, 'g5.xlarge');
    assert.equal(t.estimate.hourlyUsd, 1.006);
    assert.ok(t.assumptions[0].endsWith('first available choice in the written order'));
    assert.ok(t.assumptions.some((a) => a.startsWith('runner-up: g2-standard-4 (1× L4) on gcp us-east4 at $0.70452/h')));
  });

  it('merges any_of candidates over the defaults and carries labels as tags', async () => {
    const t = await task('any-of.yaml');
    assert.equal(t.sku, 'p5.4xlarge');
    assert.equal(t.region, 'us-west-2');
    assert.equal(t.estimate.hourlyUsd, 6.88);
    assert.deepEqual(t.tags, { team: 'research', project: 'llm' });
  });

  it('prices a pinned instance type in the infra region', async () => {
    const t = await task('instance-type.yaml');
    assert.equal(t.sku, 'g5.2xlarge');
    assert.equal(t.region, 'us-west-2');
    assert.equal(t.estimate.hourlyUsd, 1.212);
  });

  it('prices a service per month for its replicas', async () => {
    const t = await task('service.yaml');
    assert.equal(t.quantity, 2);
    // 2 × $0.70452 (g2-standard-4 with its L4, us-east4)
    assert.equal(t.estimate.hourlyUsd, 1.409);
    assert.equal(t.estimate.monthlyUsd, 1028.6);
  });

  it('picks the cheapest spot T4 and says the GCP N1 + T4 offering could not be compared', async () => {
    const t = await task('t4.yaml');
    assert.equal(t.sku, 'Standard_NC4as_T4_v3');
    assert.equal(t.region, 'westus2');
    // Azure spot $0.061595, the lowest T4:1 spot row
    assert.equal(t.estimate.hourlyUsd, 0.0616);
    assert.ok(t.assumptions.includes('GCP T4:1 on an N1 VM not compared: SkyPilot picks the N1 host size at launch, which the task does not state'), t.assumptions.join('; '));
  });

  it('says why a Kubernetes task has no price', async () => {
    assert.match((await task('kubernetes.yaml')).unpricedReason ?? '', /Kubernetes candidate runs on your own cluster/);
  });

  // CPU rows: data/price-catalog.json (AWS us-east-1 with vCPUs and memory; GCP and Azure sized by their type names).
  it('launches SkyPilot\'s default CPU VM for a task without accelerators: 8+ vCPUs, 4 GiB each, cheapest default family', async () => {
    const t = await task('cpu-default.yaml');
    // n4-standard-8 (8 vCPU, 32 GiB) $0.3628 beats aws m6i.2xlarge and azure Standard_D8s_v5 at $0.384
    assert.equal(t.sku, 'n4-standard-8');
    assert.equal(t.estimate.hourlyUsd, 0.3628);
    assert.ok(t.assumptions.some((a) => a.includes("SkyPilot's default CPU VM (8+ vCPUs, 4 GiB per vCPU)")), t.assumptions.join('; '));
  });

  it('sizes a CPU task by cpus (memory 4 GiB per vCPU) or by memory alone, in the named cloud', async () => {
    // cpus 4+ on aws: c6i.xlarge has 8 GiB < 16, so m6i.xlarge $0.192
    const cpus = await task('cpu-only.yaml');
    assert.deepEqual([cpus.sku, cpus.estimate.hourlyUsd], ['m6i.xlarge', 0.192]);
    // memory 32+ on aws, no vCPU floor: r6i.xlarge (4 vCPU, 32 GiB) $0.252 beats m6i.2xlarge $0.384
    const memory = await task('cpu-memory.yaml');
    assert.deepEqual([memory.sku, memory.estimate.hourlyUsd], ['r6i.xlarge', 0.252]);
  });

  it('picks a spot CPU type by its on-demand price, as SkyPilot does, then bills it at spot', async () => {
    const t = await task('cpu-spot.yaml');
    // In us-east4 n4-standard-8 is the cheapest on demand ($0.3628 vs n2-standard-8 $0.437512); its spot is
    // $0.16088. n2-standard-8 spot is lower ($0.100144) but SkyPilot never considers it: the type is chosen
    // before spot prices.
    assert.deepEqual([t.sku, t.region, t.pricing, t.estimate.hourlyUsd], ['n4-standard-8', 'us-east4', 'spot', 0.1609]);
  });

  it('prices a service that scales to zero per replica, and says so', async () => {
    const t = await task('service-scale-to-zero.yaml');
    // 1 × g5.xlarge (A10G) $1.006, cheapest region
    assert.deepEqual([t.sku, t.quantity, t.estimate.hourlyUsd], ['g5.xlarge', 1, 1.006]);
    assert.ok(t.assumptions.includes('min_replicas 0: the service scales to zero; priced per replica while one runs'), t.assumptions.join('; '));
  });

  it('keeps base_ondemand_fallback_replicas on demand and the other replicas on spot', async () => {
    const t = await task('service-spot-base.yaml');
    // 2 spot × g5.2xlarge us-west-2 $0.3727 + 1 on-demand g5.xlarge $1.006
    assert.equal(t.quantity, 3);
    assert.equal(t.estimate.hourlyUsd, 1.7514);
    assert.ok(t.assumptions.some((a) => a.startsWith('base_ondemand_fallback_replicas 1: 1 replica on demand (g5.xlarge (1× A10G) on aws us-east-1 at $1.006/h per node), 2 on spot')), t.assumptions.join('; '));
  });

  it('prices a CPU service per replica', async () => {
    const t = await task('cpu-service.yaml');
    // 2 × n4-standard-2 (2 vCPU, 8 GiB) $0.0907
    assert.deepEqual([t.sku, t.quantity, t.estimate.hourlyUsd], ['n4-standard-2', 2, 0.1814]);
  });

  it('keeps accelerator offerings with the requested memory', async () => {
    const t = await task('gpu-memory.yaml');
    // g4dn.xlarge has 16 GiB; memory 32+ needs g4dn.2xlarge (32 GiB) $0.752
    assert.deepEqual([t.sku, t.estimate.hourlyUsd], ['g4dn.2xlarge', 0.752]);
  });

  it('parses every accelerator form', () => {
    const problems: string[] = [];
    assert.deepEqual(parseAccelerators('A100:8', problems), { list: [{ name: 'A100', count: 8 }], ordered: false });
    assert.deepEqual(parseAccelerators('H100', problems), { list: [{ name: 'H100', count: 1 }], ordered: false });
    assert.deepEqual(parseAccelerators({ A100: 8 }, problems), { list: [{ name: 'A100', count: 8 }], ordered: false });
    assert.deepEqual(parseAccelerators({ 'A100:1': null, 'V100:1': null }, problems).list.map((a) => a.name), ['A100', 'V100']);
    assert.deepEqual(parseAccelerators(['L4:1', 'H100:1'], problems), { list: [{ name: 'L4', count: 1 }, { name: 'H100', count: 1 }], ordered: true });
    assert.deepEqual(problems, []);
    parseAccelerators('A100:lots', problems);
    assert.equal(problems.length, 1);
  });

  it('recognises a task by content, not a Kubernetes manifest or an unrelated resources key', () => {
    assert.deepEqual(readersOf('/t/task.yaml', 'resources:\n  accelerators: A100\nrun: echo\n'), ['skypilot']);
    assert.deepEqual(readersOf('/t/task.yaml', 'apiVersion: v1\nkind: Pod\nresources:\n  accelerators: A100\nrun: x\n'), ['kubernetes']);
    assert.deepEqual(readersOf('/t/values.yaml', 'resources:\n  limits:\n    cpu: 1\n'), []);
    assert.deepEqual(readersOf('/t/gpu.yaml', 'name: eval\nresources:\n  accelerators: A100:8\n'), ['skypilot'], 'resources alone is a SkyPilot task');
    assert.deepEqual(readersOf('/t/values.yaml', 'replicaCount: 2\nresources:\n  cloud: aws\n'), [], "other top-level keys are not SkyPilot's");
    assert.deepEqual(readersOf('/t/cpu.yaml', 'resources:\n  cpus: 8+\n'), ['skypilot'], 'cpus is SkyPilot spelling');
    assert.deepEqual(readersOf('/t/web.yaml', 'resources:\n  memory: 32+\nrun: python app.py\n'), ['skypilot'], 'memory next to run');
    assert.deepEqual(readersOf('/t/values.yaml', 'name: x\nresources:\n  limits:\n    memory: 1Gi\n'), [], 'memory alone is not SkyPilot');
  });

  it('prices a pool with its worker count, all month, since its workers stay up', async () => {
    const t = await task('pool.yaml');
    assert.equal(t.resource, 'SkyPilot pool (unnamed task)');
    assert.equal(t.quantity, 3);
    assert.equal(t.provider, 'aws');
    const row = bundledCatalog().lookup({ instanceType: t.sku ?? '', cloud: 'aws', region: 'us-east-1' });
    assert.ok(row.found && row.offer.onDemandUsdPerHour !== null);
    assert.equal(t.estimate.hourlyUsd, Math.round(row.offer.onDemandUsdPerHour * 3 * 1e4) / 1e4);
    assert.notEqual(t.estimate.monthlyUsd, null);
    assert.ok(t.assumptions.includes('pool workers = 3'), t.assumptions.join('; '));
  });

  it('prices a resources-only task with num_nodes', async () => {
    const t = await task('resources-only.yaml');
    assert.equal(t.resource, 'SkyPilot task eval-cluster');
    assert.equal(t.sku, 'a2-highgpu-8g');
    assert.equal(t.quantity, 2);
    // 2 × $29.38708
    assert.equal(t.estimate.hourlyUsd, 58.7742);
  });

  it('falls back to the cloud\'s default region, with a note, when the named region has no offering', async () => {
    const t = await task('region-fallback.yaml');
    const fallback = bundledCatalog().meta.defaultRegions.aws;
    assert.equal(t.sku, 'p4d.24xlarge');
    assert.equal(t.region, fallback);
    assert.equal(t.unpricedReason, undefined);
    assert.ok(t.assumptions.includes(`no p4d.24xlarge offering on aws ap-southeast-7 in the bundled catalog; priced in ${fallback}, the catalog's default region for aws`), t.assumptions.join('; '));
  });
});
