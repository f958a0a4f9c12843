import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import type { CostItem } from '../../../../src/core/model';
import { SERVERLESS_VARIANT_REASON } from '../../../../src/core/resources/aws/sagemaker';

async function items(code: string): Promise<CostItem[]> {
  const { items, skipped } = await analyzeFiles({ 'train.py': code }, 'train.py');
  assert.deepEqual(skipped, []);
  return items;
}

const HEADER = 'import sagemaker\nfrom sagemaker.huggingface import HuggingFace, HuggingFaceModel\n';

describe('SageMaker SDK', () => {
  it('prices an estimator run as instances × hourly × max_run, an upper bound', async () => {
    const [item] = await items(`${HEADER}est = HuggingFace(\n    entry_point="train.py",\n    instance_type="ml.p4d.24xlarge",\n    instance_count=2,\n    max_run=2 * 3600,\n)\n`);
    assert.equal(item.kind, 'training-run');
    assert.equal(item.sku, 'ml.p4d.24xlarge');
    assert.equal(item.quantity, 2);
    assert.ok(item.estimate.hourlyUsd !== null && item.estimate.hourlyUsd > 0);
    assert.equal(item.estimate.perRunUsd, Math.round(item.estimate.hourlyUsd * 2 * 100) / 100);
    assert.equal(item.estimate.monthlyUsd, null);
    assert.ok(item.assumptions.some((a) => a.includes('max_run = 7200 s is the run\'s upper bound')), item.assumptions.join('\n'));
    assert.deepEqual(item.skuRange?.start, { line: 4, column: 18 });
    assert.equal(item.range.start.line, 2);
  });

  it('states the SDK default max_run of 86400 s when none is given', async () => {
    const [item] = await items(`${HEADER}est = HuggingFace(entry_point="t.py", instance_type="ml.g5.2xlarge", instance_count=1)\n`);
    assert.ok(item.assumptions.some((a) => a.includes('86400 s (24 h)')));
    assert.equal(item.estimate.perRunUsd, Math.round((item.estimate.hourlyUsd ?? NaN) * 24 * 100) / 100);
    assert.ok(item.assumptions.some((a) => a.includes('SageMaker training price not in bundled catalog; using the hosting price')), item.assumptions.join('\n'));
  });

  it('resolves keyword arguments through module-level constants', async () => {
    const [item] = await items(`${HEADER}INSTANCE = "ml.g5.2xlarge"\nNODES = 3\nest = sagemaker.estimator.Estimator(image_uri="x", instance_type=INSTANCE, instance_count=NODES)\n`);
    assert.equal(item.sku, 'ml.g5.2xlarge');
    assert.equal(item.quantity, 3);
    assert.equal(item.estimate.hourlyUsd, 4.545);
  });

  it('says an instance type from a function parameter or env var is unresolved instead of guessing', async () => {
    const [a, b] = await items(`${HEADER}import os\ndef make(itype):\n    return HuggingFace(entry_point="t.py", instance_type=itype)\nest = HuggingFace(entry_point="t.py", instance_type=os.environ.get("ITYPE", "ml.g5.xlarge"))\n`);
    assert.equal(a.sku, null);
    assert.equal(a.estimate.perRunUsd, null);
    assert.match(a.unpricedReason ?? '', /^instance_type comes from `itype`, a parameter of `make\(\)`, which this file does not call$/);
    assert.match(b.unpricedReason ?? '', /environment variable ITYPE/);
  });

  it('marks managed spot training', async () => {
    const [item] = await items(`${HEADER}est = HuggingFace(entry_point="t.py", instance_type="ml.g5.2xlarge", use_spot_instances=True, max_wait=7200, max_run=3600)\n`);
    assert.equal(item.pricing, 'spot');
    assert.ok(item.assumptions.some((a) => a.startsWith('managed spot training')));
  });

  it('prices estimator.deploy and Model(...).deploy as monthly hosting', async () => {
    const code = `${HEADER}est = HuggingFace(entry_point="t.py", instance_type="ml.g5.2xlarge")\npredictor = est.deploy(initial_instance_count=2, instance_type="ml.g5.xlarge")\n`
      + `HuggingFaceModel(model_data="s3://m", role="r").deploy(initial_instance_count=1, instance_type="ml.g5.2xlarge")\n`;
    const endpoints = (await items(code)).filter((i) => i.kind === 'endpoint');
    assert.equal(endpoints.length, 2);
    const [fromEst, fromModel] = endpoints;
    assert.equal(fromEst.resource, 'sagemaker HuggingFace.deploy');
    assert.equal(fromEst.quantity, 2);
    assert.equal(fromModel.resource, 'sagemaker HuggingFaceModel.deploy');
    assert.equal(fromModel.estimate.hourlyUsd, 1.515);
    assert.equal(fromModel.estimate.monthlyUsd, Math.round(1.515 * 730 * 100) / 100);
  });

  it('explains serverless endpoints and dynamic JumpStart defaults', async () => {
    const code = `from sagemaker.jumpstart.estimator import JumpStartEstimator\nfrom sagemaker.serverless import ServerlessInferenceConfig\n`
      + `est = JumpStartEstimator(model_id="meta-textgeneration-llama-3-8b")\nest.deploy(serverless_inference_config=ServerlessInferenceConfig())\n`;
    const [job, endpoint] = await items(code);
    assert.match(job.unpricedReason ?? '', /JumpStart picks the model's default type/);
    assert.equal(endpoint.unpricedReason, SERVERLESS_VARIANT_REASON);
  });

  it('prices processors with their max runtime and tuners as max_jobs × the job', async () => {
    const code = `${HEADER}from sagemaker.processing import ScriptProcessor\nfrom sagemaker.tuner import HyperparameterTuner\n`
      + `p = ScriptProcessor(image_uri="x", command=["python3"], instance_type="ml.g5.xlarge", instance_count=1, max_runtime_in_seconds=1800)\n`
      + `est = HuggingFace(entry_point="t.py", instance_type="ml.g5.2xlarge", max_run=3600)\n`
      + `tuner = HyperparameterTuner(est, "loss", {}, max_jobs=10, max_parallel_jobs=2)\n`;
    const all = await items(code);
    const proc = all.find((i) => i.resource === 'sagemaker ScriptProcessor');
    assert.ok(proc);
    assert.equal(proc.estimate.perRunUsd, Math.round((proc.estimate.hourlyUsd ?? NaN) * 0.5 * 100) / 100);
    const tuner = all.find((i) => i.resource === 'sagemaker HyperparameterTuner(HuggingFace)');
    const est = all.find((i) => i.resource === 'sagemaker HuggingFace');
    assert.ok(tuner && est);
    // Rounded once, from the hourly rate: 10 × 1.515 $/h × 1 h, not 10 × the per-run figure rounded to the cent.
    assert.equal(tuner.estimate.perRunUsd, Math.round((est.estimate.hourlyUsd ?? NaN) * 1 * 10 * 100) / 100);
    assert.ok(tuner.assumptions.includes('up to max_jobs = 10 training jobs'));
  });

  it('prices a Transformer as hourly batch capacity', async () => {
    const [item] = await items(`from sagemaker.transformer import Transformer\nt = Transformer(model_name="m", instance_count=1, instance_type="ml.g5.xlarge")\n`);
    assert.equal(item.kind, 'compute');
    assert.ok(item.estimate.hourlyUsd !== null);
  });

  it('ignores files that do not mention an ML SDK and reports syntax errors without throwing', async () => {
    assert.deepEqual((await analyzeFiles({ 'a.py': 'x = Estimator(instance_type="ml.g5.xlarge")\n' }, 'a.py')).items, []);
    const broken = await analyzeFiles({ 'b.py': `${HEADER}est = HuggingFace(instance_type="ml.g5.xlarge"\ndef (:\n` }, 'b.py');
    assert.match(broken.skipped[0]?.message ?? '', /syntax error at line/);
  });

  it('prices a boto3 notebook instance monthly', async () => {
    const [item] = await items('import boto3\nsm = boto3.client("sagemaker")\nsm.create_notebook_instance(NotebookInstanceName="dev", InstanceType="ml.g5.xlarge", RoleArn="r")\n');
    assert.equal(item.kind, 'notebook');
    assert.equal(item.sku, 'ml.g5.xlarge');
    assert.ok(item.estimate.monthlyUsd !== null);
  });

  it('prices a run-time choice of instance type at its highest candidate, with the range and the choice', async () => {
    const code = `${HEADER}import os\nif os.getenv("BIG"):\n    ITYPE = "ml.g5.12xlarge"\nelse:\n    ITYPE = "ml.g5.xlarge"\nest = HuggingFace(entry_point="t.py", instance_type=ITYPE, max_run=3600)\n`;
    const [item] = await items(code);
    const [small] = await items(`${HEADER}est = HuggingFace(entry_point="t.py", instance_type="ml.g5.xlarge", max_run=3600)\n`);
    assert.equal(item.sku, 'ml.g5.12xlarge');
    assert.ok(item.assumptions.includes('chosen at run time: instance_type = "ml.g5.12xlarge" (if `os.getenv("BIG")`)'), item.assumptions.join('\n'));
    const range = item.assumptions.find((a) => a.startsWith('one of 2 priced candidates (ml.g5.12xlarge, ml.g5.xlarge)'));
    assert.equal(range, `one of 2 priced candidates (ml.g5.12xlarge, ml.g5.xlarge), from $${small.estimate.perRunUsd?.toFixed(2)} to $${item.estimate.perRunUsd?.toFixed(2)} per run; the highest is shown`);
  });

  it('prices the literal branch and names the run-time one it cannot price', async () => {
    const code = `${HEADER}import os\nif os.getenv("ITYPE"):\n    ITYPE = os.getenv("ITYPE")\nelse:\n    ITYPE = "ml.g5.xlarge"\nest = HuggingFace(entry_point="t.py", instance_type=ITYPE, max_run=3600)\n`;
    const [item] = await items(code);
    assert.equal(item.sku, 'ml.g5.xlarge');
    assert.ok(item.assumptions.includes('not priced when instance_type comes from environment variable ITYPE (if `os.getenv("ITYPE")`)'), item.assumptions.join('\n'));
  });

  it('reads positional deploy arguments, SDK v1 train_* names and pipeline parameter defaults', async () => {
    const code = `${HEADER}from sagemaker.estimator import Estimator\nfrom sagemaker.workflow.parameters import ParameterString\n`
      + 'itype = ParameterString(name="TrainingInstanceType", default_value="ml.g5.2xlarge")\n'
      + 'est = Estimator(image_name="img", role="r", train_instance_count=2, train_instance_type=itype)\n'
      + 'predictor = HuggingFaceModel(model_data="s3://m", role="r").deploy(1, "ml.g5.xlarge")\n';
    const [train, endpoint] = await items(code);
    assert.equal(train.sku, 'ml.g5.2xlarge');
    assert.equal(train.quantity, 2);
    assert.ok(train.assumptions.some((a) => a.includes('default_value of pipeline parameter TrainingInstanceType')), train.assumptions.join('\n'));
    assert.equal(endpoint.kind, 'endpoint');
    assert.equal(endpoint.sku, 'ml.g5.xlarge');
    assert.equal(endpoint.quantity, 1);
  });

  it('prices an endpoint deployed by a function of this file with the literals its caller passes', async () => {
    const code = `${HEADER}def deploy(count, instance_type):\n    model = HuggingFaceModel(model_data="s3://m", role="r")\n    return model.deploy(initial_instance_count=count, instance_type=instance_type)\n\ndeploy(2, "ml.g5.2xlarge")\n`;
    const [item] = await items(code);
    assert.equal(item.sku, 'ml.g5.2xlarge');
    assert.equal(item.quantity, 2);
    assert.equal(item.estimate.hourlyUsd, 1.515 * 2);
  });
});
