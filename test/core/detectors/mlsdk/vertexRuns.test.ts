import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFiles({ 'job.py': code }, 'job.py');
  assert.deepEqual(skipped, []);
  return items;
}

const VERTEX = 'from google.cloud import aiplatform\naiplatform.init(project="p", location="us-central1")\n';
const round2 = (n: number) => Math.round(n * 100) / 100;

describe('Vertex AI training runs', () => {
  it('bounds a run without timeout by Vertex\'s 7-day limit, per run and never per month', async () => {
    const code = `${VERTEX}job = aiplatform.CustomContainerTrainingJob(display_name="t", container_uri="img")\n`
      + 'job.run(replica_count=2, machine_type="n1-standard-4", accelerator_type="NVIDIA_TESLA_T4", accelerator_count=1)\n'
      + 'operation = job.wait()\nop.result(timeout=420)\n';
    const [item] = await items(code);
    assert.equal(item.resource, 'aiplatform CustomContainerTrainingJob.run');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.estimate.hourlyUsd !== null);
    assert.equal(item.estimate.perRunUsd, round2(item.estimate.hourlyUsd * 168));
    assert.ok(item.assumptions.some((a) => a.startsWith('no timeout set: Vertex stops a custom job after 7 days (168 h)')), item.assumptions.join('\n'));
    assert.ok(!item.assumptions.some((a) => a.endsWith(' h/month')));
  });

  it('reads run(timeout=...) and submit(timeout=...) in seconds as the per-run upper bound', async () => {
    const code = `${VERTEX}job = aiplatform.CustomPythonPackageTrainingJob(display_name="t", python_package_gcs_uri="gs://b/p.tgz", python_module_name="m", container_uri="c")\n`
      + 'HOURS = 3\njob.run(machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, timeout=HOURS * 3600)\n'
      + 'job.submit(machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, timeout=1800)\n';
    const [run, submit] = await items(code);
    assert.equal(run.estimate.hourlyUsd, 0.8536);
    assert.equal(run.estimate.perRunUsd, round2(0.8536 * 3));
    assert.ok(run.assumptions.some((a) => a.startsWith('timeout = 10800 s caps one run at 3 h')), run.assumptions.join('\n'));
    assert.equal(submit.resource, 'aiplatform CustomPythonPackageTrainingJob.submit');
    assert.equal(submit.estimate.perRunUsd, round2(0.8536 * 0.5));
  });

  it('prices a CustomJob worker pool per run from its job.run(timeout=...)', async () => {
    const code = `${VERTEX}job = aiplatform.CustomJob(display_name="t", worker_pool_specs=[{"machine_spec": {"machine_type": "g2-standard-8", "accelerator_type": "NVIDIA_L4", "accelerator_count": 1}, "replica_count": 1}])\n`
      + 'job.run(timeout=7200)\n';
    const [pool] = await items(code);
    assert.equal(pool.estimate.perRunUsd, round2(0.8536 * 2));
    assert.equal(pool.estimate.monthlyUsd, null);
  });

  it('follows a rebound job name to the job defined above each run, as a notebook runs its cells', async () => {
    const code = `${VERTEX}job = aiplatform.CustomPythonPackageTrainingJob(display_name="a", python_package_gcs_uri="gs://b/p.tgz", python_module_name="m", container_uri="c")\n`
      + 'job.run(replica_count=1, machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1)\n'
      + 'job = aiplatform.CustomPythonPackageTrainingJob(display_name="b", python_package_gcs_uri="gs://b/p.tgz", python_module_name="m", container_uri="c")\n'
      + 'job.run(replica_count=4, machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1)\n'
      + 'job = aiplatform.CustomJob(display_name="c", worker_pool_specs=[{"machine_spec": {"machine_type": "n1-standard-4"}, "replica_count": 1}])\n'
      + 'job.run(sync=True)\n';
    const runs = (await items(code)).filter((i) => i.resource.endsWith('.run'));
    assert.deepEqual(runs.map((i) => i.quantity), [1, 4]);
    const pools = (await items(code)).filter((i) => i.resource.startsWith('aiplatform CustomJob'));
    assert.equal(pools.length, 1);
  });

  it('prices batch_predict per node-hour while it runs, at starting_replica_count, never per month', async () => {
    const code = `${VERTEX}model = aiplatform.Model("projects/p/locations/l/models/1")\n`
      + 'job = model.batch_predict(job_display_name="b", gcs_source="gs://in", machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, starting_replica_count=2, max_replica_count=5)\n'
      + 'auto = model.batch_predict(job_display_name="a", gcs_source="gs://in")\n';
    const [dedicated, automatic] = await items(code);
    assert.equal(dedicated.resource, 'aiplatform batch_predict');
    assert.equal(dedicated.quantity, 2);
    assert.equal(dedicated.estimate.hourlyUsd, 0.8536 * 2);
    assert.equal(dedicated.estimate.monthlyUsd, null);
    assert.ok(dedicated.assumptions.includes('it may scale up to max_replica_count = 5 replicas'));
    assert.match(automatic.unpricedReason ?? '', /machine_type is not set: Vertex runs the batch job on automatic resources/);
  });

  it('says what bounds an AutoML run and why a PipelineJob has no figure', async () => {
    const code = `${VERTEX}train_job = aiplatform.AutoMLTabularTrainingJob(display_name="t", optimization_prediction_type="classification")\n`
      + 'model = train_job.run(dataset=ds, target_column="y", budget_milli_node_hours=1000)\n'
      + 'p = aiplatform.PipelineJob(display_name="p", template_path="pipeline.json")\np.run()\n';
    const [automl, pipeline] = await items(code);
    assert.equal(automl.resource, 'aiplatform AutoMLTabularTrainingJob.run');
    assert.equal(automl.unpricedReason, 'budget_milli_node_hours = 1000 caps training at 1 node hour; AutoML\'s per-node-hour training rate is not in the bundled catalog');
    assert.equal(pipeline.resource, 'aiplatform PipelineJob');
    assert.match(pipeline.unpricedReason ?? '', /defined in the compiled template pipeline\.json/);
  });

  it('says an endpoint can autoscale to max_replica_count while pricing min_replica_count', async () => {
    const code = `${VERTEX}endpoint = aiplatform.Endpoint.create(display_name="e")\n`
      + 'endpoint.deploy(model=m, machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, min_replica_count=1, max_replica_count=3)\n';
    const [ep] = await items(code);
    assert.equal(ep.quantity, 1);
    assert.ok(ep.assumptions.includes('autoscaling can add nodes up to max_replica_count = 3, each billed like these'), ep.assumptions.join('\n'));
  });
});
