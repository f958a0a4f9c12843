import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../helpers';
import type { DetectionResult } from '../../../src/core/model';
import { MAX_MODULE_INSTANCES } from '../../../src/core/limits';
import { doublingLocals, kubernetesPodList, largeTf, nestedForLocal, PRICED_TF, selfRecursiveModule } from './hostileShapes';

function priced(result: DetectionResult, resource: string): boolean {
  return result.items.some((i) => i.resource === resource && !i.unpricedReason && (i.estimate.hourlyUsd ?? 0) > 0);
}

function reasons(result: DetectionResult): string {
  return result.items.map((i) => `${i.resource}: ${i.unpricedReason ?? i.assumptions.join('; ')}`).join('\n');
}

describe('hostile repositories: the engine finishes with bounded work and says what it left out', function () {
  this.timeout(60_000);

  it('prices every pod of an 8,700-pod kind: List (linear, not quadratic)', async () => {
    const result = await analyzeFiles({ 'pods.json': kubernetesPodList(8_700) }, 'pods.json');
    assert.equal(result.items.length, 8_700);
    assert.ok(result.items.every((i) => !i.unpricedReason && i.sku === 'g5.xlarge'));
  });

  it('stops a module that calls itself through for_each, and says so on the call', async () => {
    const result = await analyzeFiles({ 'main.tf': selfRecursiveModule(30) }, 'main.tf');
    assert.ok(priced(result, 'aws_instance.ok'), reasons(result));
    const modules = result.items.filter((i) => i.resource.startsWith('module.again'));
    assert.ok(modules.length >= 1);
    const all = JSON.stringify(result.items);
    assert.match(all, new RegExp(`not expanded: (module expansion stopped after ${MAX_MODULE_INSTANCES} module instances|module calls nest deeper)`));
    // Its own folder is not hidden from a scan as "called by another configuration".
    assert.ok(!(result.readFolders ?? []).includes('/ws'), String(result.readFolders));
  });

  it('bounds a nested for over a 3,000-element local and still prices the resource beside it', async () => {
    const result = await analyzeFiles({ 'main.tf': nestedForLocal(3_000) }, 'main.tf');
    assert.ok(priced(result, 'aws_instance.ok'), reasons(result));
    const hostile = result.items.find((i) => i.resource === 'aws_instance.hostile');
    assert.ok(hostile, reasons(result));
    assert.match(hostile.assumptions.join(' '), /count could not be resolved \(evaluation stopped after [\d,]+ steps/);
  });

  it('bounds locals that double a list per line', async () => {
    const result = await analyzeFiles({ 'main.tf': doublingLocals(40) }, 'main.tf');
    assert.ok(priced(result, 'aws_instance.ok'), reasons(result));
    const hostile = result.items.find((i) => i.resource === 'aws_instance.hostile');
    assert.match(hostile?.assumptions.join(' ') ?? '', /a list of \d+ elements is over the 10000 bound/);
  });

  it('skips a 50 MB sibling .tf with a reason and prices the module file', async () => {
    const result = await analyzeFiles({ 'main.tf': PRICED_TF, 'generated.tf': largeTf(50e6) }, 'main.tf');
    assert.ok(priced(result, 'aws_instance.ok'), reasons(result));
    const skip = result.skipped.find((s) => s.file.endsWith('generated.tf'));
    assert.match(skip?.message ?? '', /not read: 5\d\.\d M characters is over the 2 M limit/);
  });

  it('skips an oversized tfvars file and a module file over the bound, saying which', async () => {
    const files = {
      'main.tf': `${PRICED_TF}\nmodule "m" {\n  source = "./m"\n}\n`,
      'terraform.tfvars': `x = "${'y'.repeat(3e6)}"\n`,
      'm/big.tf': largeTf(3e6),
      'm/main.tf': 'resource "aws_instance" "inner" {\n  instance_type = "g5.xlarge"\n}\n',
    };
    const result = await analyzeFiles(files, 'main.tf');
    assert.ok(priced(result, 'aws_instance.ok'));
    assert.ok(priced(result, 'module.m'), reasons(result));
    const skippedFiles = result.skipped.map((s) => s.file.replace('/ws/', '')).sort();
    assert.deepEqual(skippedFiles, ['m/big.tf', 'terraform.tfvars']);
  });
});
