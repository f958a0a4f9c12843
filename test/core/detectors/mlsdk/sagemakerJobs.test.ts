import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFiles({ 'train.py': code }, 'train.py');
  assert.deepEqual(skipped, []);
  return items;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const P4D = 37.688;
const M5 = 0.23;

describe('SageMaker SDK v3 ModelTrainer', () => {
  const V3 = 'from sagemaker.modules.train import ModelTrainer\nfrom sagemaker.modules.configs import Compute, StoppingCondition\n';

  it('prices compute= × the StoppingCondition, with a warm pool\'s keep-alive added to the bound', async () => {
    const code = `${V3}compute = Compute(instance_count=2, instance_type="ml.p4d.24xlarge", keep_alive_period_in_seconds=1800)\n`
      + 'trainer = ModelTrainer(training_image="img", compute=compute, stopping_condition=StoppingCondition(max_runtime_in_seconds=7200))\ntrainer.train()\n';
    const [item] = await items(code);
    assert.equal(item.resource, 'sagemaker ModelTrainer');
    assert.equal(item.kind, 'training-run');
    assert.equal(item.sku, 'ml.p4d.24xlarge');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.equal(item.estimate.perRunUsd, round2(P4D * 2 * 2.5));
    assert.ok(item.assumptions.some((a) => a.startsWith('max_runtime_in_seconds = 7200 s is the run\'s upper bound; the warm pool (keep_alive_period_in_seconds = 1800)')), item.assumptions.join('\n'));
  });

  it('uses the SDK defaults: ml.m5.xlarge × 1 without compute, 3600 s without a stopping condition', async () => {
    const [item] = await items(`${V3}trainer = ModelTrainer(training_image="img", source_code=src)\n`);
    assert.equal(item.sku, 'ml.m5.xlarge');
    assert.equal(item.estimate.perRunUsd, round2(M5));
    assert.ok(item.assumptions.includes('compute not set: ModelTrainer uses ml.m5.xlarge × 1'));
    assert.ok(item.assumptions.some((a) => a.includes('ModelTrainer stops the job after 3600 s (1 h)')));
  });

  it('reads each trainer\'s compute as bound above it when a notebook rebinds the name, and from_recipe(compute=Compute(...))', async () => {
    const code = `${V3}compute = Compute(instance_count=1, instance_type="ml.p4d.24xlarge")\n`
      + 'a = ModelTrainer(training_image="img", compute=compute)\n'
      + 'compute = Compute(instance_count=3, instance_type="ml.p4d.24xlarge")\n'
      + 'b = ModelTrainer(training_image="img", compute=compute)\n'
      + 'c = ModelTrainer.from_recipe(training_recipe="r", compute=Compute(instance_type="ml.m5.xlarge")).with_tensorboard_output_config(t)\n';
    const found = await items(code);
    assert.deepEqual(found.map((i) => [i.resource, i.sku, i.quantity]), [
      ['sagemaker ModelTrainer', 'ml.p4d.24xlarge', 1],
      ['sagemaker ModelTrainer', 'ml.p4d.24xlarge', 3],
      ['sagemaker ModelTrainer.from_recipe', 'ml.m5.xlarge', 1],
    ]);
  });

  it('reports a @step without instance_type as unpriced, saying where the type comes from', async () => {
    const [item] = await items('from sagemaker.workflow.function_step import step\n@step(keep_alive_period_in_seconds=300)\ndef generate():\n    return 1\n');
    assert.equal(item.resource, 'sagemaker @step');
    assert.match(item.unpricedReason ?? '', /instance_type is not set: @step takes it from the SageMaker config file/);
  });
});

describe('SageMaker boto3 client', () => {
  const BOTO = 'import boto3\nclient = boto3.client("sagemaker")\n';

  it('prices create_training_job(**params) from a literal dict: ResourceConfig × MaxRuntimeInSeconds', async () => {
    const code = `${BOTO}params = {\n    "ResourceConfig": {"InstanceCount": 2, "InstanceType": "ml.p4d.24xlarge", "VolumeSizeInGB": 5},\n`
      + '    "StoppingCondition": {"MaxRuntimeInSeconds": 5400},\n    "RoleArn": role,\n}\nclient.create_training_job(**params)\n';
    const [item] = await items(code);
    assert.equal(item.resource, 'sagemaker create_training_job');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.perRunUsd, round2(P4D * 2 * 1.5));
    assert.ok(item.assumptions.some((a) => a.startsWith('MaxRuntimeInSeconds = 5400 s is the run\'s upper bound')));
  });

  it('says when the request dict is not readable, and uses the API\'s one-day default without a StoppingCondition', async () => {
    const code = `${BOTO}client.create_training_job(**make_params())\n`
      + 'client.create_training_job(TrainingJobName="t", ResourceConfig={"InstanceCount": 1, "InstanceType": "ml.m5.xlarge"})\n';
    const [unread, noStop] = await items(code);
    assert.match(unread.unpricedReason ?? '', /ResourceConfig is in a \*\*dict that is not a literal/);
    assert.equal(noStop.estimate.perRunUsd, round2(M5 * 24));
  });

  it('multiplies a tuning job by MaxNumberOfTrainingJobs, with dicts built in earlier statements', async () => {
    const code = `${BOTO}config = {"ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 1}}\n`
      + 'definition = {"ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge"}, "StoppingCondition": {"MaxRuntimeInSeconds": 43200}}\n'
      + 'client.create_hyper_parameter_tuning_job(HyperParameterTuningJobName="t", HyperParameterTuningJobConfig=config, TrainingJobDefinition=definition)\n';
    const [item] = await items(code);
    assert.equal(item.estimate.perRunUsd, round2(M5 * 12 * 3));
    assert.ok(item.assumptions.includes('up to MaxNumberOfTrainingJobs = 3 training jobs'));
  });

  it('prices each ProductionVariant of create_endpoint_config monthly, and a serverless one not at all', async () => {
    const code = `${BOTO}client.create_endpoint_config(EndpointConfigName="c", ProductionVariants=[\n`
      + '    {"InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 2, "VariantName": "AllTraffic"},\n'
      + '    {"ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}, "VariantName": "Serverless"},\n])\n';
    const [dedicated, serverless] = await items(code);
    assert.equal(dedicated.kind, 'endpoint');
    assert.equal(dedicated.resource, 'sagemaker create_endpoint_config variant AllTraffic');
    assert.equal(dedicated.estimate.hourlyUsd, round2(M5 * 2));
    assert.ok(dedicated.estimate.monthlyUsd !== null);
    assert.match(serverless.unpricedReason ?? '', /^serverless variant/);
  });

  it('states each endpoint\'s instance count, and prices one sized to zero per instance instead of a silent $0', async () => {
    const code = `${BOTO}client.create_endpoint_config(EndpointConfigName="c", ProductionVariants=[{"InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 0, "VariantName": "v"}])\n`
      + 'from sagemaker.model import Model\nModel(image_uri="i", role="r").deploy(initial_instance_count=3, instance_type="ml.m5.xlarge")\n';
    const [zero, sdk] = await items(code);
    assert.equal(zero.quantity, 1);
    assert.equal(zero.estimate.hourlyUsd, M5);
    assert.ok(zero.assumptions.includes('InitialInstanceCount = 0: scales to zero; priced per instance while one runs'), zero.assumptions.join('\n'));
    assert.equal(sdk.estimate.hourlyUsd, round2(M5 * 3));
    assert.ok(sdk.assumptions.includes('initial_instance_count = 3'), sdk.assumptions.join('\n'));
  });

  it('prices a transform job and a Transformer per hour while they run, never per month', async () => {
    const code = `${BOTO}client.create_transform_job(TransformJobName="t", TransformResources={"InstanceType": "ml.m5.xlarge", "InstanceCount": 2})\n`
      + 'from sagemaker.transformer import Transformer\nt = Transformer(model_name="m", instance_count=1, instance_type="ml.m5.xlarge")\nt.transform("s3://in")\n';
    const [job, sdk] = await items(code);
    assert.equal(job.estimate.hourlyUsd, round2(M5 * 2));
    assert.equal(job.estimate.monthlyUsd, null);
    assert.equal(sdk.estimate.hourlyUsd, M5);
    assert.equal(sdk.estimate.monthlyUsd, null);
    assert.ok(sdk.assumptions.some((a) => a.startsWith('batch transform is billed per instance-hour while each transform job runs')));
  });
});

describe('SageMaker processing and local mode', () => {
  it('prices a processor without max_runtime_in_seconds per hour while it runs, with one per run', async () => {
    const code = 'from sagemaker import clarify\nfrom sagemaker.sklearn.processing import SKLearnProcessor\n'
      + 'p = clarify.SageMakerClarifyProcessor(role=role, instance_count=1, instance_type="ml.m5.xlarge")\n'
      + 'q = SKLearnProcessor(framework_version="1.2-1", role=role, instance_count=1, instance_type="ml.m5.xlarge", max_runtime_in_seconds=7200)\n';
    const [open, bounded] = await items(code);
    assert.equal(open.resource, 'sagemaker SageMakerClarifyProcessor');
    assert.equal(open.estimate.hourlyUsd, M5);
    assert.equal(open.estimate.monthlyUsd, null);
    assert.equal(open.estimate.perRunUsd, null);
    assert.equal(bounded.estimate.perRunUsd, round2(M5 * 2));
  });

  it('says a JumpStartModel deployed without instance_type takes the model\'s default type', async () => {
    const [item] = await items('from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(model_id="meta-textgeneration-llama-3-8b")\npredictor = model.deploy()\n');
    assert.equal(item.kind, 'endpoint');
    assert.match(item.unpricedReason ?? '', /JumpStart deploys on the model's default instance type/);
  });

  it('reports nothing for jobs that run in local containers', async () => {
    const code = 'import sagemaker\nfrom sagemaker.workflow.pipeline_context import LocalPipelineSession, PipelineSession\nfrom sagemaker.estimator import Estimator\n'
      + 'local = LocalPipelineSession()\ncloud = PipelineSession()\n'
      + 'a = Estimator(image_uri="i", instance_type="ml.m5.xlarge", sagemaker_session=local)\n'
      + 'b = Estimator(image_uri="i", instance_type="local_gpu")\n'
      + 'c = Estimator(image_uri="i", instance_type="ml.m5.xlarge", sagemaker_session=cloud)\n';
    const found = await items(code);
    assert.deepEqual(found.map((i) => i.range.start.line), [7]);
  });
});

describe('SageMaker Pipelines EMRStep', () => {
  it('reports the transient cluster of cluster_config, giving the EC2 part since the EMR fee is not in the catalog', async () => {
    const code = 'from sagemaker.workflow.emr_step import EMRStep\n'
      + 'step = EMRStep(name="s", cluster_id=None, step_config=cfg, cluster_config={"Instances": {"InstanceGroups": [\n'
      + '    {"InstanceRole": "MASTER", "InstanceCount": 1, "InstanceType": "m5.xlarge"},\n'
      + '    {"InstanceRole": "CORE", "InstanceCount": 2, "InstanceType": "m5.xlarge"},\n]}})\n'
      + 'running = EMRStep(name="r", cluster_id="j-123", step_config=cfg)\n';
    const found = await items(code);
    assert.equal(found.length, 1);
    const [cluster] = found;
    assert.equal(cluster.resource, 'sagemaker EMRStep cluster');
    assert.equal(cluster.quantity, 3);
    assert.equal(cluster.estimate.hourlyUsd, null);
    assert.equal(cluster.unpricedReason, 'EMR bills the EC2 price ($0.576/h for these 3 instances) plus its own per-instance fee, which the bundled catalog does not carry');
    assert.ok(cluster.assumptions.includes('instance groups: MASTER × 1, CORE × 2'));
  });
});

describe('SageMaker tuning over a pipeline estimator', () => {
  it('prices a HyperparameterTuner whose estimator takes its type from a ParameterString default', async () => {
    const code = 'from sagemaker.workflow.parameters import ParameterString\nfrom sagemaker.estimator import Estimator\nfrom sagemaker.tuner import HyperparameterTuner\n'
      + 'training_instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")\n'
      + 'xgb = Estimator(image_uri="i", instance_type=training_instance_type, instance_count=1, role=role)\n'
      + 'tuner = HyperparameterTuner(xgb, "validation:auc", ranges, max_jobs=3, max_parallel_jobs=3)\n';
    const tuner = (await items(code)).find((i) => i.resource.startsWith('sagemaker HyperparameterTuner'));
    assert.ok(tuner);
    assert.equal(tuner.sku, 'ml.m5.xlarge');
    assert.equal(tuner.estimate.perRunUsd, round2(M5 * 24 * 3));
    assert.ok(tuner.assumptions.some((a) => a.includes('default_value of pipeline parameter TrainingInstanceType')), tuner.assumptions.join('\n'));
  });
});
