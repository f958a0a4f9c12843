import { strict as assert } from 'node:assert';
import type { ChecksSection } from '../../../src/core/config/sections/checks';
import type { CostItem } from '../../../src/core/model';
import { WORKING_HOURS_PER_MONTH } from '../../../src/core/policy/checks/checkContext';
import { evaluatePolicy } from '../../../src/core/policy/evaluatePolicy';
import type { Finding } from '../../../src/core/policy/findings';
import { analyzeFiles, catalog } from '../helpers';

async function itemsOf(tf: string): Promise<CostItem[]> {
  return (await analyzeFiles({ 'main.tf': `provider "aws" {\n  region = "us-east-1"\n}\n${tf}` }, 'main.tf')).items;
}

function run(items: CostItem[], checks: ChecksSection = {}): Finding[] {
  return evaluatePolicy({ items, config: { tags: {}, checks }, catalog, hoursPerMonth: 730 });
}

function offer(type: string) {
  const found = catalog.lookup({ instanceType: type, region: 'us-east-1' });
  assert.ok(found.found);
  return found.offer;
}

describe('FinOps checks', () => {
  describe('spotForTraining', () => {
    it('states the monthly saving of spot for an on-demand trainer', async () => {
      const items = await itemsOf('resource "aws_instance" "trainer" {\n  instance_type = "p4d.24xlarge"\n}\n');
      const [f] = run(items).filter((x) => x.check === 'spotForTraining');
      const o = offer('p4d.24xlarge');
      assert.ok(o.onDemandUsdPerHour && o.spotUsdPerHour);
      const expected = Math.round((items[0].estimate.monthlyUsd ?? 0) * (1 - o.spotUsdPerHour / o.onDemandUsdPerHour) * 100) / 100;
      assert.equal(f.monthlySavingUsd, expected);
      assert.equal(f.severity, 'information');
      assert.match(f.message, /^Training\/batch work \(its name or tags say training\/batch\) on on-demand p4d\.24xlarge: spot is \$2\.47\/h vs \$21\.96\/h in us-east-1; about \$[\d,]+\/month less/);
    });

    it('leaves spot instances, non-training names and disabled checks alone', async () => {
      const spot = await itemsOf('resource "aws_instance" "trainer" {\n  instance_type = "p4d.24xlarge"\n  instance_market_options {\n    market_type = "spot"\n  }\n}\n');
      assert.deepEqual(run(spot).filter((x) => x.check === 'spotForTraining'), []);
      const web = await itemsOf('resource "aws_instance" "web" {\n  instance_type = "p4d.24xlarge"\n  tags = { project = "llm-finetune" }\n}\n');
      assert.deepEqual(run(web).filter((x) => x.check === 'spotForTraining'), []);
      const trainer = await itemsOf('resource "aws_instance" "trainer" {\n  instance_type = "p4d.24xlarge"\n}\n');
      assert.deepEqual(run(trainer, { spotForTraining: false }).filter((x) => x.check === 'spotForTraining'), []);
    });

    it('counts a role tag such as Name = "batch-..."', async () => {
      const items = await itemsOf('resource "aws_instance" "gpu" {\n  instance_type = "g5.xlarge"\n  tags = { Name = "batch-embeddings" }\n}\n');
      assert.equal(run(items).filter((x) => x.check === 'spotForTraining').length, 1);
    });
  });

  describe('previousGenerationGpu', () => {
    it('proposes a like-for-like swap, never a machine with more GPUs', async () => {
      for (const type of ['p3.2xlarge', 'p3.8xlarge', 'g4dn.xlarge']) {
        const items = await itemsOf(`resource "aws_instance" "box" {\n  instance_type = "${type}"\n}\n`);
        const f = run(items).find((x) => x.check === 'previousGenerationGpu');
        if (!f?.replacement) continue;
        const before = offer(type).accelerator?.count ?? 0;
        const after = offer(f.replacement.newText.replace(/"/g, '')).accelerator?.count ?? 0;
        assert.ok(after <= before, `${type} (${before} GPUs) → ${f.replacement.newText} (${after} GPUs)`);
      }
    });

    it('compares peak FP16 TFLOPS per dollar and proposes the newer type', async () => {
      const items = await itemsOf('resource "aws_instance" "box" {\n  instance_type = "p3.2xlarge"\n}\n');
      const [f] = run(items).filter((x) => x.check === 'previousGenerationGpu');
      assert.ok(f, 'a finding for a V100 instance');
      const newType = f.replacement?.newText ?? '';
      const cur = offer('p3.2xlarge');
      const next = offer(newType);
      const perDollar = (o: typeof cur) => ((catalog.acceleratorFor(o)?.peakFp16DenseTflops ?? catalog.acceleratorFor(o)?.peakBf16DenseTflops ?? 0) * (o.accelerator?.count ?? 0)) / (o.onDemandUsdPerHour ?? 1);
      assert.ok(perDollar(next) > perDollar(cur));
      assert.ok((catalog.totalAcceleratorMemoryGib(next) ?? 0) >= (catalog.totalAcceleratorMemoryGib(cur) ?? 0));
      const expected = Math.round((items[0].estimate.monthlyUsd ?? 0) * (1 - perDollar(cur) / perDollar(next)) * 100) / 100;
      assert.equal(f.monthlySavingUsd, expected);
      assert.match(f.message, /^p3\.2xlarge has previous-generation V100 GPUs: 125 peak FP16\/BF16 dense TFLOPS for \$3\.06\/h/);
      assert.equal(f.replacement?.oldText, 'p3.2xlarge');
      assert.deepEqual(f.replacement?.range, items[0].skuRange);
    });

    it('says nothing about current GPUs', async () => {
      const items = await itemsOf('resource "aws_instance" "box" {\n  instance_type = "g6e.xlarge"\n}\n');
      assert.deepEqual(run(items).filter((x) => x.check === 'previousGenerationGpu'), []);
    });
  });

  describe('devScaleToZero', () => {
    it('flags an always-on GPU in env=dev with the off-hours saving', async () => {
      const items = await itemsOf('resource "aws_instance" "box" {\n  instance_type = "g5.xlarge"\n  tags = { env = "dev" }\n}\n');
      const [f] = run(items).filter((x) => x.check === 'devScaleToZero');
      assert.equal(f.monthlySavingUsd, Math.round((items[0].estimate.hourlyUsd ?? 0) * (730 - WORKING_HOURS_PER_MONTH) * 100) / 100);
      assert.match(f.message, /GPU compute in env=dev never scales to zero/);
      assert.deepEqual(run([{ ...items[0], kind: 'endpoint', minQuantity: 0 }]).filter((x) => x.check === 'devScaleToZero'), []);
      const floorOfOne = run([{ ...items[0], kind: 'endpoint', quantity: 4, minQuantity: 1, estimate: { ...items[0].estimate, hourlyUsd: 4 * (items[0].estimate.hourlyUsd ?? 0) } }]);
      assert.equal(floorOfOne.find((x) => x.check === 'devScaleToZero')?.monthlySavingUsd, f.monthlySavingUsd);
      const prod = await itemsOf('resource "aws_instance" "box" {\n  instance_type = "g5.xlarge"\n  tags = { env = "prod" }\n}\n');
      assert.deepEqual(run(prod).filter((x) => x.check === 'devScaleToZero'), []);
      const cpu = await itemsOf('resource "aws_instance" "box" {\n  instance_type = "m5.large"\n  tags = { env = "dev" }\n}\n');
      assert.deepEqual(run(cpu).filter((x) => x.check === 'devScaleToZero'), []);
    });

    it('leaves jobs that run to completion alone: they do not idle', async () => {
      const [box] = await itemsOf('resource "aws_instance" "box" {\n  instance_type = "g5.xlarge"\n  tags = { env = "dev" }\n}\n');
      const job = { ...box, kind: 'k8s-workload' as const, resource: 'PyTorchJob/finetune [Worker]', estimate: { ...box.estimate, monthlyUsd: null } };
      assert.deepEqual(run([job]).filter((x) => x.check === 'devScaleToZero'), []);
    });
  });

  describe('gpuNotebook', () => {
    it('flags a GPU notebook instance, not a CPU one', async () => {
      const [gpu] = await itemsOf('resource "aws_instance" "nb" {\n  instance_type = "g5.xlarge"\n}\n');
      const notebook: CostItem = { ...gpu, kind: 'notebook', resource: 'aws_sagemaker_notebook_instance.nb' };
      const [f] = run([notebook]).filter((x) => x.check === 'gpuNotebook');
      assert.equal(f.monthlySavingUsd, Math.round((gpu.estimate.hourlyUsd ?? 0) * (730 - WORKING_HOURS_PER_MONTH) * 100) / 100);
      assert.deepEqual(run([{ ...notebook, accelerators: null }]).filter((x) => x.check === 'gpuNotebook'), []);
      assert.deepEqual(run([notebook], { gpuNotebook: false }).filter((x) => x.check === 'gpuNotebook'), []);
    });
  });
});
