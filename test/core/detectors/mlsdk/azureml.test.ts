import { strict as assert } from 'node:assert';
import { analyzeFiles, catalog } from '../../helpers';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFiles({ 'job.py': code }, 'job.py');
  assert.deepEqual(skipped, []);
  return items;
}

/** The catalog's on-demand rate of an Azure size in a region, spelled as the catalog spells it. */
function rate(size: string, region = 'eastus'): number {
  const found = catalog.lookup({ instanceType: size, cloud: 'azure', region });
  assert.ok(found.found, `${size} is in the catalog`);
  return found.offer.onDemandUsdPerHour ?? NaN;
}

const V2 = 'from azure.ai.ml import MLClient, command\nfrom azure.ai.ml.entities import AmlCompute, ComputeInstance, ManagedOnlineDeployment, KubernetesOnlineDeployment, JobResourceConfiguration\n';

describe('Azure ML SDK', () => {
  it('prices a cluster that scales to zero per node-hour, not 24/7 at max_instances', async () => {
    const [item] = await items(`${V2}c = AmlCompute(name="gpu", size="Standard_NC4as_T4_v3", min_instances=0, max_instances=4)\n`);
    assert.equal(item.kind, 'cluster');
    assert.equal(item.quantity, 1);
    assert.equal(item.minQuantity, 0);
    assert.equal(item.estimate.hourlyUsd, rate('Standard_NC4as_T4_v3'));
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.assumptions.some((a) => a.startsWith('min_instances = 0: scales to zero')), item.assumptions.join('; '));
    assert.ok(item.assumptions.some((a) => a.startsWith('up to 4 nodes (max_instances = 4)')), item.assumptions.join('; '));
  });

  it('takes min_instances left unset as the service default 0', async () => {
    const [item] = await items(`${V2}c = AmlCompute(name="gpu", size="STANDARD_NC4AS_T4_V3", max_instances=2)\n`);
    assert.equal(item.estimate.hourlyUsd, rate('Standard_NC4as_T4_v3'), 'the upper-case SKU matches');
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.accelerators?.name, 'T4');
    assert.ok(item.assumptions.some((a) => a.startsWith('min_instances not set (default 0): scales to zero')));
  });

  it('prices the always-on floor of a cluster with min_instances above 0 all month', async () => {
    const [item] = await items(`${V2}c = AmlCompute(name="cpu", size="Standard_DS3_v2", min_instances=2, max_instances=6)\n`);
    assert.equal(item.quantity, 2);
    assert.equal(item.minQuantity, 2);
    assert.equal(item.estimate.monthlyUsd, Math.round(rate('Standard_DS3_v2') * 2 * 730 * 100) / 100);
    assert.ok(item.assumptions.some((a) => a.includes('2 nodes always on; scales up to 6')));
  });

  it('reads the cluster created in the first branch of try/except, with the size from a constant', async () => {
    const code = `${V2}size = "Standard_ND40rs_v2"\ntry:\n    compute = ml_client.compute.get("big")\nexcept Exception:\n`
      + `    compute = AmlCompute(name="big", size=size, tier="Dedicated", max_instances=2)\n    ml_client.compute.begin_create_or_update(compute).wait()\n`;
    const [item] = await items(code);
    assert.equal(item.sku, 'Standard_ND40rs_v2');
    assert.equal(item.estimate.hourlyUsd, rate('Standard_ND40rs_v2'));
    assert.equal(item.pricing, 'on-demand');
  });

  it('prices low-priority nodes at the spot rate and keeps the location argument', async () => {
    const [low] = await items(`${V2}c = AmlCompute(name="lp", size="Standard_NC4as_T4_v3", tier="low_priority", location="westus2", max_instances=2)\n`);
    assert.equal(low.pricing, 'spot');
    assert.equal(low.region, 'westus2');
    const spot = catalog.lookup({ instanceType: 'Standard_NC4as_T4_v3', cloud: 'azure', region: 'westus2' });
    assert.ok(spot.found);
    assert.equal(low.estimate.hourlyUsd, Math.round((spot.offer.spotUsdPerHour ?? NaN) * 1e4) / 1e4);
  });

  it('prices the v1 provisioning configuration per node-hour (min_nodes defaults to 0)', async () => {
    const [item] = await items('from azureml.core.compute import AmlCompute\ncfg = AmlCompute.provisioning_configuration(vm_size="Standard_NC6s_v3", max_nodes=2)\n');
    assert.equal(item.sku, 'Standard_NC6s_v3');
    assert.equal(item.estimate.hourlyUsd, rate('Standard_NC6s_v3'));
    assert.ok(item.assumptions.some((a) => a.startsWith('up to 2 nodes (max_nodes = 2)')));
  });

  it('prices a compute instance as a monthly notebook', async () => {
    const [item] = await items(`${V2}ci = ComputeInstance(name="dev", size="Standard_NC4as_T4_v3")\n`);
    assert.equal(item.kind, 'notebook');
    assert.ok(item.estimate.hourlyUsd !== null && item.estimate.monthlyUsd === Math.round(item.estimate.hourlyUsd * 730 * 100) / 100);
  });

  it('prices a managed online deployment: instance_type × instance_count, every hour it exists', async () => {
    const [item] = await items(`${V2}d = ManagedOnlineDeployment(\n    name="blue",\n    endpoint_name=name,\n    instance_type="Standard_E64s_v3",\n    instance_count=2,\n)\n`);
    assert.equal(item.kind, 'endpoint');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.hourlyUsd, Math.round(rate('Standard_E64s_v3') * 2 * 1e4) / 1e4);
    assert.ok(item.estimate.monthlyUsd !== null);
    assert.deepEqual(item.skuRange?.start, { line: 5, column: 18 });
  });

  it('says why a Kubernetes online deployment has no VM price', async () => {
    const [item] = await items(`${V2}d = KubernetesOnlineDeployment(name="blue", endpoint_name=e, instance_count=3)\n`);
    assert.equal(item.quantity, 3);
    assert.match(item.unpricedReason ?? '', /attached Kubernetes cluster/);
  });

  it('prices a serverless command job from resources=JobResourceConfiguration(...), per run under a timeout', async () => {
    const code = `${V2}job = command(\n    code="./src",\n    command="python train.py",\n    environment="env@latest",\n`
      + `    resources=JobResourceConfiguration(instance_type="Standard_NC4as_T4_v3", instance_count=2),\n)\njob.set_limits(timeout=7200)\n`;
    const [item] = await items(code);
    assert.equal(item.kind, 'training-run');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.estimate.perRunUsd, Math.round(rate('Standard_NC4as_T4_v3') * 2 * 2 * 100) / 100);
  });

  it('takes a command job\'s VM size from the cluster of this file it names, hourly without a limit', async () => {
    const code = `${V2}gpu = AmlCompute(name="gpu-cluster", size="Standard_NC6s_v3", max_instances=4)\n`
      + `job = command(command="python train.py", environment="env@latest", compute="gpu-cluster", instance_count=2)\n`;
    const [, item] = await items(code);
    assert.equal(item.sku, 'Standard_NC6s_v3');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.hourlyUsd, Math.round(rate('Standard_NC6s_v3') * 2 * 1e4) / 1e4);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.assumptions.includes('no time limit (limits.timeout): priced per hour while it runs'));
  });

  it('says why a job on a cluster defined elsewhere, or on serverless compute with no size, is not priced', async () => {
    const code = `${V2}a = command(command="python a.py", environment="e", compute="gpu-cluster")\nb = command(command="python b.py", environment="e")\n`;
    const [named, serverless] = await items(code);
    assert.equal(named.unpricedReason, 'runs on compute "gpu-cluster", whose VM size is not defined in this file');
    assert.match(serverless.unpricedReason ?? '', /^no compute or instance_type: the job runs on serverless compute/);
  });

  it('prices a sweep as max_total_trials runs of the swept job on the cluster of this file', async () => {
    const code = `${V2}cluster = AmlCompute(name="cpu-cluster", size="Standard_DS3_v2", max_instances=8)\n`
      + `job = command(command="python train.py --lr \${{inputs.lr}}", environment="e", inputs={"lr": 0.01}, instance_count=2)\n`
      + `trial = job(lr=Uniform(min_value=0.001, max_value=0.1))\n`
      + `sweep_job = trial.sweep(compute="cpu-cluster", sampling_algorithm="random", primary_metric="accuracy", goal="Maximize")\n`
      + `sweep_job.set_limits(max_total_trials=20, max_concurrent_trials=4, trial_timeout=900)\n`;
    const sweep = (await items(code)).find((i) => i.resource === 'azureml sweep job');
    assert.ok(sweep);
    assert.equal(sweep.quantity, 2, 'the swept job\'s instance_count');
    assert.equal(sweep.estimate.perRunUsd, Math.round(rate('Standard_DS3_v2') * 2 * 0.25 * 20 * 100) / 100);
    assert.ok(sweep.assumptions.includes('up to max_total_trials = 20 trials'));
  });

  it('leaves a batch deployment on a cluster of this file to the cluster, and names one defined elsewhere', async () => {
    const here = `${V2}c = AmlCompute(name="batch", size="Standard_DS3_v2", max_instances=4)\nd = BatchDeployment(name="d", endpoint_name="e", compute="batch", instance_count=2)\n`;
    assert.deepEqual((await items(here)).map((i) => i.resource), ['azureml AmlCompute']);
    const [elsewhere] = await items(`${V2}d = ModelBatchDeployment(name="d", endpoint_name="e", compute="batch-lp", settings=ModelBatchDeploymentSettings(instance_count=3))\n`);
    assert.equal(elsewhere.quantity, 3);
    assert.equal(elsewhere.unpricedReason, 'runs on compute "batch-lp", whose VM size is not defined in this file');
  });

  it('does not take any function called command for a job', async () => {
    assert.deepEqual(await items(`${V2}def command(x):\n    return x\ncommand("ls")\nclick.command(name="x")\n`), []);
  });
});
