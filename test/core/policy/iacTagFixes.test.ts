import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { applyInsertions, tagFixFor, type TagRequest } from '../../../src/core/policy/tagWriters';
import { analyzeFiles, fixturePath, itemNamed } from '../helpers';

const KEYS: TagRequest[] = [{ key: 'project' }, { key: 'cost-center' }];

/** Applies the quick fix to `resource` in `file`, then reads the file again as the detector does. */
async function fixAndReread(file: string, text: string, resource: string, keys = KEYS, extra: Record<string, string> = {}) {
  const before = await analyzeFiles({ [file]: text, ...extra }, file);
  const fix = await tagFixFor(text, itemNamed(before.items, resource), keys);
  assert.ok(fix, `a fix for ${resource}`);
  const out = applyInsertions(text, fix.insertions);
  const after = await analyzeFiles({ [file]: out, ...extra }, file);
  assert.deepEqual(after.skipped, [], out);
  return { out, item: itemNamed(after.items, resource), items: after.items };
}

function fixture(relative: string): string {
  return fs.readFileSync(fixturePath(...relative.split('/')), 'utf8');
}

describe('tag fixes close the finding they answer', () => {
  describe('Kubernetes lists and JSON', () => {
    it('labels the List item the lens is on, not the List', async () => {
      const { out, item, items } = await fixAndReread('list.yaml', fixture('kubernetes/list.yaml'), 'Job/embed');
      assert.deepEqual(item.tags, { project: '', 'cost-center': '' });
      assert.deepEqual(itemNamed(items, 'Deployment/llm-server').tags, { team: 'serving' });
      assert.ok(out.includes('    metadata:\n      name: embed\n      labels:\n        project: ""\n        cost-center: ""\n'), out);
    });

    it('labels an item of a tab-indented JSON List', async () => {
      const { out, item } = await fixAndReread('list.json', fixture('kubernetes/list.json'), 'Deployment/llm-server');
      assert.deepEqual(item.tags, { team: 'serving', project: '', 'cost-center': '' });
      assert.ok(out.includes('"labels": { "team": "serving", "project": "", "cost-center": "" }'), out);
    });
  });
});

describe('tag fixes in JSON streams', () => {
  it('labels the second object of a JSON stream', async () => {
    const { item } = await fixAndReread('job.json', fixture('kubernetes/job.json'), 'Deployment/web-gpu');
    assert.deepEqual(item.tags, { team: 'web', project: '', 'cost-center': '' });
  });
});

describe('CloudFormation Tags as the resource type takes them', () => {
  const nodegroup = (tags: string[]) =>
    ['Resources:', '  Nodes:', '    Type: AWS::EKS::Nodegroup', '    Properties:', '      ClusterName: main', '      InstanceTypes: [g5.xlarge]', ...tags, ''].join('\n');

  it('adds entries to an EKS node group Tags map', async () => {
    const { out, item } = await fixAndReread('t.yaml', nodegroup(['      Tags:', '        team: ml']), 'Nodes (AWS::EKS::Nodegroup)');
    assert.equal(out, nodegroup(['      Tags:', '        team: ml', '        project: ""', '        cost-center: ""']));
    assert.deepEqual(item.tags, { team: 'ml', project: '', 'cost-center': '' });
  });

  it('writes a Tags map (not a Key/Value list) when the node group has none, in YAML and JSON', async () => {
    const { out } = await fixAndReread('t.yaml', nodegroup([]), 'Nodes (AWS::EKS::Nodegroup)');
    assert.equal(out, nodegroup(['      Tags:', '        project: ""', '        cost-center: ""']));
    const json = '{\n  "Resources": {\n    "Nodes": {\n      "Type": "AWS::EKS::Nodegroup",\n      "Properties": {\n        "InstanceTypes": ["g5.xlarge"]\n      }\n    }\n  }\n}\n';
    const fixed = await fixAndReread('t.json', json, 'Nodes (AWS::EKS::Nodegroup)');
    assert.ok(fixed.out.includes('"InstanceTypes": ["g5.xlarge"],\n        "Tags": { "project": "", "cost-center": "" }\n'), fixed.out);
    assert.deepEqual(fixed.item.tags, { project: '', 'cost-center': '' });
  });

  it('adds PropagateAtLaunch, which Auto Scaling groups require on every tag', async () => {
    const asg = (tags: string[]) => ['Resources:', '  Fleet:', '    Type: AWS::AutoScaling::AutoScalingGroup', '    Properties:', '      MinSize: "1"', '      MaxSize: "2"', ...tags, ''].join('\n');
    const { out } = await fixAndReread('t.yaml', asg(['      Tags:', '        - Key: team', '          Value: ml', '          PropagateAtLaunch: true']), 'Fleet (AWS::AutoScaling::AutoScalingGroup)', [{ key: 'project' }]);
    assert.equal(out, asg(['      Tags:', '        - Key: team', '          Value: ml', '          PropagateAtLaunch: true', '        - Key: project', '          Value: ""', '          PropagateAtLaunch: true']));
  });

  it('offers no fix for Tags it cannot read (a parameter), and the policy does not call keys missing', async () => {
    const text = ['Parameters:', '  T:', '    Type: String', 'Resources:', '  Nodes:', '    Type: AWS::EKS::Nodegroup', '    Properties:', '      InstanceTypes: [g5.xlarge]', '      Tags: !Ref T', ''].join('\n');
    const { items } = await analyzeFiles({ 't.yaml': text }, 't.yaml');
    assert.equal(itemNamed(items, 'Nodes (AWS::EKS::Nodegroup)').tagging?.partial, true);
  });
});

describe('GKE labels go where GCP bills them', () => {
  const tf = () => fixture('terraform/gke/main.tf');

  it('adds to a node pool\'s node_config.resource_labels, leaving its Kubernetes labels alone', async () => {
    const { out, item } = await fixAndReread('main.tf', tf(), 'google_container_node_pool.a100');
    assert.ok(out.includes('    resource_labels = {\n      pool = "a100"\n      project = ""\n      cost-center = ""\n    }'), out);
    assert.ok(out.includes('    labels = {\n      workload = "training"\n    }'), out);
    assert.deepEqual(item.tags, { team: 'vision', env: 'prod', pool: 'a100', project: '', 'cost-center': '' });
  });

  it('writes resource_labels into node_config, or a node_config block when the pool has none', async () => {
    const bare = await fixAndReread('main.tf', tf(), 'google_container_node_pool.bare');
    assert.ok(bare.out.includes('  node_config {\n    machine_type = "g2-standard-8"\n    resource_labels = {\n      project = ""\n      cost-center = ""\n    }\n  }'), bare.out);
    const text = 'resource "google_container_node_pool" "p" {\n  name = "p"\n  cluster = "c"\n  node_count = 1\n}\n';
    const fix = await tagFixFor(text, { ...itemNamed((await analyzeFiles({ 'main.tf': text }, 'main.tf')).items, 'google_container_node_pool.p') }, [{ key: 'project' }]);
    assert.ok(fix);
    assert.equal(applyInsertions(text, fix.insertions), 'resource "google_container_node_pool" "p" {\n  name = "p"\n  cluster = "c"\n  node_count = 1\n  node_config {\n    resource_labels = {\n      project = ""\n    }\n  }\n}\n');
  });

  it('adds to a cluster\'s resource_labels for its default pool', async () => {
    const { out, item } = await fixAndReread('main.tf', tf(), 'google_container_cluster.dev default node pool');
    assert.ok(out.includes('    spot         = true\n  }\n  resource_labels = {\n    project = ""\n    cost-center = ""\n  }\n}'), out);
    assert.deepEqual(item.tags, { team: 'vision', project: '', 'cost-center': '' });
  });
});

describe('AKS tags go on the pool whose scale set is billed', () => {
  it('adds to default_node_pool tags, or writes them there when the pool has none', async () => {
    const tf = fixture('terraform/aks/main.tf');
    const gpu = await fixAndReread('main.tf', tf, 'azurerm_kubernetes_cluster.gpu default_node_pool "a100"');
    assert.ok(gpu.out.includes('    tags = {\n      pool = "a100"\n      project = ""\n      cost-center = ""\n    }\n  }\n}'), gpu.out);
    assert.ok(gpu.out.includes('  tags = {\n    team = "nlp"\n  }\n'), 'the cluster\'s own tags are left alone');
    const fixed = await fixAndReread('main.tf', tf, 'azurerm_kubernetes_cluster.fixed default_node_pool "v100"');
    assert.ok(fixed.out.includes('    node_count = 3\n    tags = {\n      project = ""\n      cost-center = ""\n    }\n  }'), fixed.out);
    assert.deepEqual(fixed.item.tags, { project: '', 'cost-center': '' });
  });
});
