import { strict as assert } from 'node:assert';
import { AzureMlYamlDetector } from '../../../src/core/detectors/azureml/azureMlYamlDetector';
import { documentView } from '../../../src/core/detectors/shared/documentClass';
import type { CostItem } from '../../../src/core/model';
import { analyzeFiles, analyzeFixture, catalog } from '../helpers';

async function fixture(name: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFixture(`azureml/${name}`);
  assert.deepEqual(skipped, []);
  return items;
}

function rate(size: string, region = 'eastus'): number {
  const found = catalog.lookup({ instanceType: size, cloud: 'azure', region });
  assert.ok(found.found, `${size} is in the catalog`);
  return found.offer.onDemandUsdPerHour ?? NaN;
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

describe('Azure ML YAML specs', () => {
  it('is recognised by the $schema URL only', () => {
    const detector = new AzureMlYamlDetector();
    const view = (text: string) => documentView('/ws/deploy.yml', text);
    assert.ok(detector.classify(view('$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\n')) > 0);
    assert.equal(detector.classify(view('$schema: https://json.schemastore.org/github-workflow.json\ninstance_type: Standard_DS3_v2\n')), 0);
    assert.ok(!detector.matches('/ws/deploy.json'));
  });

  it('prices a managed online deployment: a lower-case size × instance_count, every hour', async () => {
    const [item] = await fixture('online-deployment.yml');
    assert.equal(item.kind, 'endpoint');
    assert.equal(item.resource, 'azureml managed online deployment scorer');
    assert.equal(item.quantity, 2);
    assert.equal(item.range.start.line, 0);
    assert.deepEqual(item.skuRange?.start, { line: 4, column: 15 });
    assert.equal(item.estimate.hourlyUsd, round4(rate('Standard_NC4as_T4_v3') * 2));
    assert.equal(item.accelerators?.name, 'T4');
    assert.ok(item.estimate.monthlyUsd !== null);
  });

  it('says why a Kubernetes online deployment has no VM price', async () => {
    const [item] = await fixture('kubernetes-deployment.yaml');
    assert.equal(item.quantity, 3);
    assert.match(item.unpricedReason ?? '', /attached Kubernetes cluster.*gpuinstancetype is an instance type defined on that cluster/);
  });

  it('prices a cluster that scales to zero per node-hour, low priority at the spot rate', async () => {
    const [item] = await fixture('cluster-scale-to-zero.yml');
    assert.equal(item.kind, 'cluster');
    assert.equal(item.quantity, 1);
    assert.equal(item.minQuantity, 0);
    assert.equal(item.pricing, 'spot');
    assert.equal(item.estimate.monthlyUsd, null);
    const found = catalog.lookup({ instanceType: 'Standard_NC4as_T4_v3', cloud: 'azure', region: 'eastus' });
    assert.ok(found.found);
    assert.equal(item.estimate.hourlyUsd, round4(found.offer.spotUsdPerHour ?? NaN));
    assert.ok(item.assumptions.some((a) => a.startsWith('up to 3 nodes (max_instances = 3)')), item.assumptions.join('; '));
  });

  it('prices the always-on floor of a cluster all month, in its location', async () => {
    const [item] = await fixture('cluster-floor.yml');
    assert.equal(item.quantity, 1);
    assert.equal(item.region, 'westus2');
    assert.equal(item.estimate.monthlyUsd, Math.round(rate('Standard_DS3_v2', 'westus2') * 730 * 100) / 100);
  });

  it('prices a compute instance with no size at the schema default, saying so', async () => {
    const [item] = await fixture('compute-instance.yml');
    assert.equal(item.kind, 'notebook');
    assert.equal(item.sku, 'Standard_DS3_v2');
    assert.ok(item.assumptions.includes('size not set: the computeInstance schema\'s default is Standard_DS3_v2'));
  });

  it('prices a serverless command job per run under limits.timeout', async () => {
    const [item] = await fixture('command-job-serverless.yml');
    assert.equal(item.kind, 'training-run');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.estimate.perRunUsd, Math.round(rate('Standard_NC6s_v3') * 2 * 1.5 * 100) / 100);
  });

  it('names the cluster a job runs on when its size is in another file', async () => {
    const [item] = await fixture('command-job-cluster.yml');
    assert.equal(item.quantity, 4);
    assert.equal(item.unpricedReason, 'runs on compute "shared-gpus", whose VM size is defined outside this file');
  });

  it('prices a sweep as max_total_trials runs of trial_timeout', async () => {
    const [item] = await fixture('sweep-job.yml');
    assert.equal(item.estimate.perRunUsd, Math.round(rate('Standard_DS3_v2') * 0.5 * 10 * 100) / 100);
    assert.ok(item.assumptions.includes('up to limits.max_total_trials = 10 trials'));
  });

  it('reads each pipeline step at its key: serverless default, a parent input, and the service-chosen size', async () => {
    const items = await fixture('pipeline.yml');
    assert.deepEqual(items.map((i) => [i.resource, i.range.start.line]), [
      ['azureml pipeline step (command) prep', 7],
      ['azureml pipeline step (command) train', 13],
      ['azureml pipeline step (command) report', 20],
      ['azureml pipeline step (parallel) score_many', 24],
    ]);
    const [prep, train, report, parallel] = items;
    assert.equal(prep.estimate.hourlyUsd, rate('Standard_DS3_v2'));
    assert.equal(train.unpricedReason, 'runs on compute "big-gpus", whose VM size is defined outside this file');
    assert.equal(train.quantity, 2);
    assert.match(report.unpricedReason ?? '', /^compute is serverless and resources.instance_type is not set/);
    assert.match(parallel.unpricedReason ?? '', /"cpu-nodes"/);
  });

  it('ignores other files with a $schema key', async () => {
    assert.deepEqual(await fixture('not-azureml.yml'), []);
  });

  it('reports a broken spec as skipped, not an item', async () => {
    const { items, skipped } = await analyzeFiles({ 'bad.yml': '$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\nsize: [unclosed\n' }, 'bad.yml');
    assert.deepEqual(items, []);
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].message, /YAML error/);
  });
});
