import { strict as assert } from 'node:assert';
import type { CostItem, TaggingStyle } from '../../../src/core/model';
import { applyInsertions, tagFixFor, toSnippet, type TagRequest } from '../../../src/core/policy/tagWriters';

const KEYS: TagRequest[] = [{ key: 'project' }, { key: 'env', choices: ['dev', 'prod'] }];

function item(file: string, style: TaggingStyle, line: number): CostItem {
  const range = { start: { line, column: 0 }, end: { line, column: 0 } };
  return {
    file, range, kind: 'compute', resource: 'r', provider: 'aws', region: null, sku: null, quantity: 1, pricing: 'on-demand',
    accelerators: null, tags: {}, tagging: { style, range }, estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null }, assumptions: [],
  };
}

async function fixed(text: string, file: string, style: TaggingStyle, line = 0, keys = KEYS): Promise<string> {
  const fix = await tagFixFor(text, item(file, style, line), keys);
  assert.ok(fix, 'a fix is computed');
  return applyInsertions(text, fix.insertions);
}

describe('tag writers', () => {
  describe('Terraform', () => {
    it('adds a tags attribute when there is none', async () => {
      const text = 'resource "aws_instance" "a" {\n  ami = "x"\n}\n';
      assert.equal(await fixed(text, 'm.tf', 'terraform-map'), 'resource "aws_instance" "a" {\n  ami = "x"\n  tags = {\n    project = ""\n    env = ""\n  }\n}\n');
    });

    it('adds keys into a multi-line map, keeping tabs and CRLF', async () => {
      const text = 'resource "aws_instance" "a" {\r\n\ttags = {\r\n\t\tteam = "nlp"\r\n\t}\r\n}\r\n';
      assert.equal(await fixed(text, 'm.tf', 'terraform-map'), 'resource "aws_instance" "a" {\r\n\ttags = {\r\n\t\tteam = "nlp"\r\n\t\tproject = ""\r\n\t\tenv = ""\r\n\t}\r\n}\r\n');
    });

    it('adds keys into a one-line map and an empty map', async () => {
      assert.equal(await fixed('resource "a" "b" {\n  tags = { team = "x" }\n}\n', 'm.tf', 'terraform-map'), 'resource "a" "b" {\n  tags = { team = "x", project = "", env = "" }\n}\n');
      assert.equal(await fixed('resource "a" "b" {\n  tags = {}\n}\n', 'm.tf', 'terraform-map'), 'resource "a" "b" {\n  tags = { project = "", env = "" }\n}\n');
    });

    it('adds to the last map literal of merge(), or appends one', async () => {
      const withMap = 'resource "a" "b" {\n  tags = merge(local.t, {\n    Name = "x"\n  })\n}\n';
      assert.equal(await fixed(withMap, 'm.tf', 'terraform-map'), 'resource "a" "b" {\n  tags = merge(local.t, {\n    Name = "x"\n    project = ""\n    env = ""\n  })\n}\n');
      assert.equal(await fixed('resource "a" "b" {\n  tags = merge(local.t, var.u)\n}\n', 'm.tf', 'terraform-map'), 'resource "a" "b" {\n  tags = merge(local.t, var.u, { project = "", env = "" })\n}\n');
    });

    it('wraps a reference in merge()', async () => {
      assert.equal(await fixed('resource "a" "b" {\n  tags = local.common\n}\n', 'm.tf', 'terraform-map'), 'resource "a" "b" {\n  tags = merge(local.common, { project = "", env = "" })\n}\n');
    });

    it('writes GCP labels and finds the block by its first line', async () => {
      const text = 'provider "google" {}\n\nresource "google_compute_instance" "a" {\n  name = "x"\n}\n';
      assert.match(await fixed(text, 'm.tf', 'gcp-labels', 2), /name = "x"\n {2}labels = \{\n {4}project = ""\n {4}env = ""\n {2}\}\n\}\n$/);
    });

    it('leaves a block with a syntax error in it alone', async () => {
      const fix = await tagFixFor('resource "a" "b" {\n  ami = \n  tags = {}\n}\n', item('m.tf', 'terraform-map', 0), KEYS);
      assert.equal(fix, undefined);
    });

    it('quotes keys that are not identifiers', async () => {
      const out = await fixed('resource "a" "b" {\n  tags = {}\n}\n', 'm.tf', 'terraform-map', 0, [{ key: 'cost:center' }]);
      assert.equal(out, 'resource "a" "b" {\n  tags = { "cost:center" = "" }\n}\n');
    });
  });

  describe('YAML', () => {
    it('adds Kubernetes labels to a block map, creating labels when absent', async () => {
      const withLabels = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    team: ml\nspec: {}\n';
      assert.equal(await fixed(withLabels, 'p.yaml', 'k8s-labels'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    team: ml\n    project: ""\n    env: ""\nspec: {}\n');
      const without = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec: {}\n';
      assert.equal(await fixed(without, 'p.yaml', 'k8s-labels'), 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\n    labels:\n      project: ""\n      env: ""\nspec: {}\n');
    });

    it('finds the object in a multi-document manifest by its first line', async () => {
      const text = 'kind: Service\nmetadata:\n  name: s\n---\n# the job\nkind: Job\nmetadata:\n  name: j\n  labels:\n    app: train # owner team below\n';
      const out = await fixed(text, 'm.yaml', 'k8s-labels', 5);
      assert.equal(out, `${text}    project: ""\n    env: ""\n`);
    });

    it('adds to flow maps', async () => {
      assert.equal(await fixed('kind: Pod\nmetadata: {name: p, labels: {team: ml}}\n', 'p.yaml', 'k8s-labels'), 'kind: Pod\nmetadata: {name: p, labels: {team: ml, project: "", env: ""}}\n');
      const multiLine = 'kind: Pod\nmetadata:\n  labels: {\n    team: ml,\n  }\n';
      assert.equal(await fixed(multiLine, 'p.yaml', 'k8s-labels'), 'kind: Pod\nmetadata:\n  labels: {\n    team: ml, project: "", env: "",\n  }\n');
    });

    it('adds CloudFormation Tags items, or a Tags list', async () => {
      const text = 'Resources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: p3.2xlarge\n      Tags:\n        - Key: team\n          Value: ml\n';
      assert.equal(await fixed(text, 't.yaml', 'cloudformation-list', 1), `${text}        - Key: project\n          Value: ""\n        - Key: env\n          Value: ""\n`);
      const none = 'Resources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: p3.2xlarge\nOutputs: {}\n';
      assert.equal(
        await fixed(none, 't.yaml', 'cloudformation-list', 1),
        'Resources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: p3.2xlarge\n      Tags:\n        - Key: project\n          Value: ""\n        - Key: env\n          Value: ""\nOutputs: {}\n',
      );
    });
  });

  describe('JSON', () => {
    it('adds CloudFormation tags in the siblings\' indentation', async () => {
      const text = '{\n  "Resources": {\n    "Box": {\n      "Type": "AWS::EC2::Instance",\n      "Properties": {\n        "Tags": [\n          { "Key": "team", "Value": "ml" }\n        ]\n      }\n    }\n  }\n}\n';
      const out = await fixed(text, 't.json', 'cloudformation-list', 2);
      assert.equal(out, text.replace('"ml" }\n', '"ml" },\n          { "Key": "project", "Value": "" },\n          { "Key": "env", "Value": "" }\n'));
      assert.deepEqual(JSON.parse(out).Resources.Box.Properties.Tags.map((t: { Key: string }) => t.Key), ['team', 'project', 'env']);
    });

    it('creates metadata.labels in a Kubernetes JSON manifest', async () => {
      const out = await fixed('{\n  "kind": "Pod",\n  "metadata": {\n    "name": "p"\n  }\n}\n', 'p.json', 'k8s-labels');
      assert.deepEqual(JSON.parse(out).metadata.labels, { project: '', env: '' });
    });
  });

  it('gives tab stops, with the allowed values as a choice', async () => {
    const text = 'resource "a" "b" {\n  tags = {}\n}\n';
    const fix = await tagFixFor(text, item('m.tf', 'terraform-map', 0), KEYS);
    assert.ok(fix);
    assert.equal(toSnippet(text, fix.insertions).snippet, ' project = "${1}", env = "${2|dev,prod|}" $0');
  });
});
