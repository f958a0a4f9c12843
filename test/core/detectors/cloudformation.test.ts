import { strict as assert } from 'node:assert';
import { bundledCatalog } from '../../../src/core/catalog/catalog';
import { CostEngine } from '../../../src/core/engine';
import { analyzeFiles, analyzeFixture, itemNamed, readersOf } from '../helpers';

// Expected figures: ../shared/data CSV rows (us-east-1) × counts by hand; 730 h/month.

describe('CloudFormation detector', () => {
  describe('YAML with short-form intrinsics', () => {
    it('resolves !Ref to a parameter default and !Sub tags, and points at the logical ID line', async () => {
      const { items, skipped } = await analyzeFixture('cloudformation/gpu-stack.yaml');
      assert.deepEqual(skipped, []);
      const trainer = itemNamed(items, 'Trainer (AWS::EC2::Instance)');
      assert.equal(trainer.sku, 'p4d.24xlarge');
      assert.equal(trainer.estimate.hourlyUsd, 21.9576);
      assert.equal(trainer.estimate.monthlyUsd, 16029.08);
      assert.deepEqual(trainer.range.start, { line: 27, column: 2 });
      assert.deepEqual(trainer.tags, { team: 'prod-research', stack: '(known after deploy)' });
      assert.deepEqual(trainer.tagging, { style: 'cloudformation-list', range: { start: { line: 28, column: 4 }, end: trainer.tagging?.range?.end } });
      assert.ok(trainer.assumptions.some((a) => a.startsWith('region us-east-1') && a.includes('AWS::Region')), trainer.assumptions.join('; '));
    });

    it('prices an ASG from its launch template (!Ref) with DesiredCapacity from !FindInMap', async () => {
      const { items } = await analyzeFixture('cloudformation/gpu-stack.yaml');
      const asg = itemNamed(items, 'Workers (AWS::AutoScaling::AutoScalingGroup)');
      assert.equal(asg.sku, 'g5.2xlarge');
      assert.equal(asg.quantity, 4);
      // 4 × $1.212
      assert.equal(asg.estimate.hourlyUsd, 4.848);
      assert.equal(asg.estimate.monthlyUsd, 3539.04);
      assert.ok(asg.assumptions.includes('DesiredCapacity = 4'));
      assert.ok(asg.assumptions.includes('instance type from launch template WorkerTemplate'));
    });

    it('finds a launch template by a name built with !Join, and falls back to MinSize from a Number parameter', async () => {
      const { items } = await analyzeFixture('cloudformation/gpu-stack.yaml');
      const asg = itemNamed(items, 'SpotWorkers (AWS::AutoScaling::AutoScalingGroup)');
      assert.equal(asg.quantity, 2);
      assert.equal(asg.estimate.hourlyUsd, 2.424);
      assert.ok(asg.assumptions.includes('MinSize = 2'));
    });

    it('prices each endpoint variant (!If on a condition) and says the serverless one is usage-priced', async () => {
      const { items } = await analyzeFixture('cloudformation/gpu-stack.yaml');
      const primary = itemNamed(items, 'EndpointConfig (AWS::SageMaker::EndpointConfig) variant primary');
      assert.equal(primary.kind, 'endpoint');
      assert.equal(primary.sku, 'ml.g5.12xlarge');
      // 2 × $7.09 hosting
      assert.equal(primary.estimate.hourlyUsd, 14.18);
      assert.equal(primary.estimate.monthlyUsd, 10351.4);
      const serverless = itemNamed(items, 'EndpointConfig (AWS::SageMaker::EndpointConfig) variant serverless');
      assert.match(serverless.unpricedReason ?? '', /serverless/);
    });

    it('says a parameter without a Default is known only at deploy time', async () => {
      const { items } = await analyzeFixture('cloudformation/gpu-stack.yaml');
      const nb = itemNamed(items, 'Notebook (AWS::SageMaker::NotebookInstance)');
      assert.equal(nb.kind, 'notebook');
      assert.equal(nb.estimate.hourlyUsd, null);
      assert.match(nb.unpricedReason ?? '', /parameter NotebookType has no Default/);
    });

    it('prices an EKS node group at spot with its map tags, and leaves out a resource whose condition is false', async () => {
      const { items } = await analyzeFixture('cloudformation/gpu-stack.yaml');
      const ng = itemNamed(items, 'NodeGroup (AWS::EKS::Nodegroup)');
      assert.equal(ng.kind, 'cluster');
      assert.equal(ng.pricing, 'spot');
      // 3 × $0.9154 spot (g6e.xlarge)
      assert.equal(ng.estimate.hourlyUsd, 2.7462);
      assert.deepEqual(ng.tags, { team: 'platform' });
      assert.equal(ng.tagging?.style, 'cloudformation-map', 'EKS node groups take Tags as a map');
      assert.equal(ng.tagging?.partial, undefined);
      assert.equal(ng.tagging?.range?.start.line, 86, 'the resource mapping');
      assert.ok(!items.some((i) => i.resource.startsWith('DevOnlyBox')));
    });
  });

  describe('JSON templates and long-form intrinsics', () => {
    it('evaluates Fn::Join, Ref and Fn::Sub, prices spot, and ranges the logical ID', async () => {
      const { items, skipped } = await analyzeFixture('cloudformation/gpu-stack.json');
      assert.deepEqual(skipped, []);
      const box = itemNamed(items, 'Inference (AWS::EC2::Instance)');
      assert.equal(box.sku, 'g5.12xlarge');
      assert.equal(box.pricing, 'spot');
      assert.equal(box.estimate.hourlyUsd, 2.0796);
      assert.deepEqual(box.tags, { team: 'us-east-1-serving' });
      assert.deepEqual(box.range.start, { line: 6, column: 4 });
      assert.equal(box.range.end.line, 6);
      assert.deepEqual(box.skuRange?.start.line, 9);
    });

    it('does not guess through Fn::If on an undeclared condition', async () => {
      const { items } = await analyzeFixture('cloudformation/gpu-stack.json');
      const ep = itemNamed(items, 'Endpoint (AWS::SageMaker::EndpointConfig) variant a');
      assert.match(ep.unpricedReason ?? '', /condition Never is not declared/);
    });

    it('treats short and long forms alike', async () => {
      const short = 'Parameters:\n  T:\n    Type: String\n    Default: g5\nResources:\n  A:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: !Sub "${T}.xlarge"\n';
      const long = 'Parameters:\n  T:\n    Type: String\n    Default: g5\nResources:\n  A:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType:\n        Fn::Sub: "${T}.xlarge"\n';
      const a = await analyzeFiles({ 't.yaml': short }, 't.yaml');
      const b = await analyzeFiles({ 't.yaml': long }, 't.yaml');
      assert.equal(a.items[0].sku, 'g5.xlarge');
      assert.equal(b.items[0].sku, 'g5.xlarge');
      assert.equal(a.items[0].estimate.hourlyUsd, 1.006);
    });

    it('says !GetAtt and !ImportValue values are known only at deploy time', async () => {
      const yaml = 'Resources:\n  A:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: !ImportValue shared-type\n  B:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: !GetAtt A.InstanceType\n';
      const { items } = await analyzeFiles({ 't.yml': yaml }, 't.yml');
      assert.match(itemNamed(items, 'A (AWS::EC2::Instance)').unpricedReason ?? '', /ImportValue reads another stack's export/);
      assert.match(itemNamed(items, 'B (AWS::EC2::Instance)').unpricedReason ?? '', /A\.InstanceType` is known only after the stack is deployed/);
    });
  });

  describe('recognition and bad input', () => {
    it('recognises a template by content, not by file name', () => {
      assert.deepEqual(readersOf('/x/stack.json', '{"Resources": {"A": {"Type": "AWS::EC2::Instance"}}}'), ['cloudformation']);
      assert.deepEqual(readersOf('/x/anything.yml', 'AWSTemplateFormatVersion: "2010-09-09"\n'), ['cloudformation']);
      // A template whose resources embed a manifest is still one template.
      assert.deepEqual(readersOf('/x/eks.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\napiVersion: v1\nkind: Pod\n'), ['cloudformation']);
      assert.deepEqual(readersOf('/x/values.yaml', 'Resources:\n  cpu: 2\n'), []);
      assert.deepEqual(readersOf('/x/package.json', '{"name": "x"}'), []);
    });

    it('finds nothing in a YAML file that only mentions Resources', async () => {
      const { items, skipped } = await analyzeFixture('cloudformation/not-a-template.yaml');
      assert.deepEqual(items, []);
      assert.deepEqual(skipped, []);
    });

    it('reports malformed YAML as skipped with its line, never throwing', async () => {
      const { items, skipped } = await analyzeFixture('cloudformation/broken.yaml');
      assert.deepEqual(items, []);
      assert.equal(skipped.length, 1);
      assert.match(skipped[0].message, /CloudFormation template not read: YAML error near line \d/);
    });

    it('reports malformed JSON as skipped', async () => {
      const { skipped } = await analyzeFiles({ 's.json': '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {' }, 's.json');
      assert.match(skipped[0]?.message ?? '', /CloudFormation template not read: JSON error/);
    });
  });
});

describe('files tools own', () => {
  it('does not read lock files, package manifests or editor settings as infrastructure', () => {
    const engine = new CostEngine(bundledCatalog());
    for (const file of ['/r/package-lock.json', '/r/pnpm-lock.yaml', '/r/tsconfig.build.json', '/r/.vscode/settings.json', '/r/.github/workflows/ci.yml']) {
      assert.equal(engine.handles(file), false, file);
    }
    assert.ok(engine.handles('/r/deploy/stack.json'));
    assert.ok(engine.handles('/r/k8s/train.yaml'));
  });
});
