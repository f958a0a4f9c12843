import { strict as assert } from 'node:assert';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import type { CostItem, TaggingStyle } from '../../../src/core/model';
import { createParser } from '../../../src/core/parsing/treeSitter';
import { plainText, tagFixFor, applyInsertions, type TagRequest } from '../../../src/core/policy/tagWriters';
import { analyzeFiles } from '../helpers';

/** mulberry32: a small seeded PRNG, so a failing case is reproducible from its index. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261126;
const CASES = 150;
const ALL_KEYS = ['team', 'project', 'env', 'cost-center', 'owner'];

interface Gen {
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

function gen(seed: number): Gen {
  const r = prng(seed);
  return { pick: (xs) => xs[Math.floor(r() * xs.length)], chance: (p) => r() < p };
}

function keysFor(g: Gen, present: string[]): TagRequest[] {
  const keys = ALL_KEYS.filter((k) => !present.includes(k) && g.chance(0.6));
  return (keys.length ? keys : ['owner'].filter((k) => !present.includes(k)).concat(present.includes('zone') ? [] : ['zone'])).map((key) => ({ key, choices: g.chance(0.3) ? ['dev', 'prod'] : undefined }));
}

function item(file: string, style: TaggingStyle, line: number, nested?: { attribute: string; blockPath: string[] }): CostItem {
  const range = { start: { line, column: 0 }, end: { line, column: 0 } };
  return { file, range, kind: 'compute', resource: 'r', provider: 'aws', region: null, sku: null, quantity: 1, pricing: 'on-demand', accelerators: null, tags: {}, tagging: { style, range, ...nested }, estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null }, assumptions: [] };
}

/** The edit's contract: only insertions; multi-line ones are whole lines in the file's line ending. */
async function applyChecked(text: string, it: CostItem, keys: TagRequest[]): Promise<string> {
  const fix = await tagFixFor(text, it, keys);
  assert.ok(fix, `a fix is computed for:\n${text}`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const ins of fix.insertions) {
    const inserted = plainText(ins.parts);
    if (!inserted.includes('\n')) continue;
    // JSON needs a comma after the last sibling and a last line without EOL needs one; else whole lines.
    const atLineStart = ins.offset === 0 || text[ins.offset - 1] === '\n';
    const afterLastLine = ins.offset === text.length && inserted.startsWith(eol);
    // An empty one-line block (`node_config {}`) is opened up: the insertion starts with the EOL.
    assert.ok(atLineStart || afterLastLine || inserted.startsWith(`,${eol}`) || inserted.startsWith(eol), `multi-line insertion at a line start: ${JSON.stringify(inserted)}`);
    assert.ok((inserted.endsWith(eol) || !atLineStart) && inserted.split(eol).join('').indexOf('\n') < 0, 'inserted lines use the file\'s line ending');
  }
  const out = applyInsertions(text, fix.insertions);
  // Every original byte is still there, in order, around the inserted text.
  let rest = out;
  for (const ins of [...fix.insertions].sort((a, b) => a.offset - b.offset)) {
    rest = rest.slice(0, ins.offset) + rest.slice(ins.offset + plainText(ins.parts).length);
  }
  assert.equal(rest, text);
  return out;
}

function terraformCase(g: Gen): { text: string; present: string[] } {
  const eol = g.pick(['\n', '\r\n']);
  const i = g.pick(['  ', '    ', '\t']);
  const present = ALL_KEYS.filter(() => g.chance(0.25));
  const entries = present.map((k) => `${k} = "v-${k}"`);
  const tags = g.pick([
    () => [],
    () => [`${i}tags = {`, ...entries.map((e) => `${i}${i}${e}`), `${i}}`],
    () => [`${i}tags = { ${entries.join(', ')} }`],
    () => [`${i}tags = merge(local.base, {`, ...entries.map((e) => `${i}${i}${e}`), `${i}})`],
    () => [`${i}tags = merge(local.base, local.more)`],
    () => [`${i}tags = local.base`],
  ])();
  const before = g.pick([[`${i}ami = "ami-1"`], [], [`${i}# comment`, `${i}ami = "x"`]]);
  const after = g.chance(0.3) ? [`${i}root_block_device {`, `${i}${i}volume_size = 100`, `${i}}`] : [];
  const lines = ['locals {', `${i}base = { team = "t" }`, `${i}more = {}`, '}', '', 'resource "aws_instance" "box" {', ...before, `${i}instance_type = "g5.xlarge"`, ...tags, ...after, '}'];
  return { text: lines.join(eol) + (g.chance(0.8) ? eol : ''), present: tags.length > 1 || !tags[0]?.includes('local') ? present : [] };
}

function k8sCase(g: Gen): string {
  const eol = g.pick(['\n', '\r\n']);
  const i = g.pick(['  ', '    ']);
  const labels = g.pick([
    () => [],
    () => [`${i}labels:`, `${i}${i}app: web`],
    () => [`${i}labels: {app: web}`],
    () => [`${i}labels: {}`],
    () => [`${i}labels: {`, `${i}${i}app: web${g.pick(['', ','])}`, `${i}}`],
    () => [`${i}labels:`, `${i}${i}app: web # owner`, `${i}# trailing comment`],
  ])();
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `${i}name: web`, ...labels, 'spec:', `${i}replicas: 1`];
  return lines.join(eol) + eol;
}

/** A resource type, with the style its `Tags` take. */
interface CfnShape {
  type: string;
  style: 'cloudformation-list' | 'cloudformation-map';
}

const CFN_SHAPES: CfnShape[] = [
  { type: 'AWS::EC2::Instance', style: 'cloudformation-list' },
  { type: 'AWS::AutoScaling::AutoScalingGroup', style: 'cloudformation-list' },
  { type: 'AWS::EKS::Nodegroup', style: 'cloudformation-map' },
];

function cfnCase(g: Gen, shape: CfnShape): string {
  const eol = g.pick(['\n', '\r\n']);
  const i = g.pick(['  ', '    ']);
  const t = `${i}${i}${i}`;
  const listTags = [() => [], () => [`${t}Tags:`, `${t}${i}- Key: app`, `${t}${i}  Value: web`], () => [`${t}Tags: [{Key: app, Value: web}]`], () => [`${t}Tags: []`], () => [`${t}Tags:`]];
  const mapTags = [() => [], () => [`${t}Tags:`, `${t}${i}app: web`], () => [`${t}Tags: {app: web}`], () => [`${t}Tags: {}`], () => [`${t}Tags:`], () => [`${t}Tags:`, `${t}${i}app: web # owner`]];
  const tags = g.pick(shape.style === 'cloudformation-map' ? mapTags : listTags)();
  const lines = ['Resources:', `${i}Box:`, `${i}${i}Type: ${shape.type}`, `${i}${i}Properties:`, `${t}InstanceType: g5.xlarge`, ...tags];
  if (g.chance(0.5)) lines.push('Outputs:', `${i}Id:`, `${i}${i}Value: x`);
  return lines.join(eol) + (g.chance(0.8) ? eol : '');
}

function jsonCase(g: Gen, shape: CfnShape): string {
  const eol = g.pick(['\n', '\r\n']);
  const i = g.pick(['  ', '    ', '\t']);
  const tags =
    shape.style === 'cloudformation-map'
      ? g.pick([null, '{}', `{${eol}${i.repeat(5)}"app": "web"${eol}${i.repeat(4)}}`, '{"app": "web"}'])
      : g.pick([null, '[]', `[${eol}${i.repeat(5)}{ "Key": "app", "Value": "web" }${eol}${i.repeat(4)}]`, '[{"Key": "app", "Value": "web"}]']);
  const props = [`${i.repeat(4)}"InstanceType": "g5.xlarge"`, ...(tags ? [`${i.repeat(4)}"Tags": ${tags}`] : [])].join(`,${eol}`);
  return ['{', `${i}"Resources": {`, `${i}${i}"Box": {`, `${i}${i}${i}"Type": "${shape.type}",`, `${i}${i}${i}"Properties": {`, props, `${i}${i}${i}}`, `${i}${i}}`, `${i}}`, '}', ''].join(eol);
}

/** Tags as CloudFormation reads them for the type: each key has an empty value, ASG tags propagate. */
function assertCfnTags(tags: unknown, shape: CfnShape, keys: TagRequest[], what: string): void {
  for (const k of keys) {
    if (shape.style === 'cloudformation-map') {
      assert.equal((tags as Record<string, string>)[k.key], '', what);
      continue;
    }
    const entry = (tags as { Key: string; Value: string; PropagateAtLaunch?: boolean }[]).find((t) => t.Key === k.key);
    assert.equal(entry?.Value, '', what);
    assert.equal(entry?.PropagateAtLaunch, shape.type === 'AWS::AutoScaling::AutoScalingGroup' ? true : undefined, what);
  }
}

/** A node pool whose billing labels sit in a nested block: GKE `node_config { resource_labels }` or AKS `default_node_pool { tags }`. */
interface NestedShape {
  resource: string;
  block: string;
  attribute: string;
  style: TaggingStyle;
  address: string;
}

const NESTED: NestedShape[] = [
  { resource: 'resource "google_container_node_pool" "p"', block: 'node_config', attribute: 'resource_labels', style: 'gcp-labels', address: 'google_container_node_pool.p' },
  { resource: 'resource "azurerm_kubernetes_cluster" "c"', block: 'default_node_pool', attribute: 'tags', style: 'terraform-map', address: 'azurerm_kubernetes_cluster.c default_node_pool' },
];

function nestedCase(g: Gen, shape: NestedShape): { text: string; present: string[] } {
  const eol = g.pick(['\n', '\r\n']);
  const i = g.pick(['  ', '    ', '\t']);
  const present = ALL_KEYS.filter(() => g.chance(0.25));
  const entries = present.map((k) => `${k} = "v-${k}"`);
  const a = shape.attribute;
  const map = g.pick([
    () => [],
    () => [`${i}${i}${a} = {`, ...entries.map((e) => `${i}${i}${i}${e}`), `${i}${i}}`],
    () => [`${i}${i}${a} = { ${entries.join(', ')} }`],
    () => [`${i}${i}${a} = merge(local.base, { ${entries.join(', ')} })`],
  ])();
  const k8sLabels = g.chance(0.4) ? [`${i}${i}labels = {`, `${i}${i}${i}workload = "train"`, `${i}${i}}`] : [];
  const inner = [`${i}${i}${shape.block === 'node_config' ? 'machine_type = "g2-standard-8"' : 'vm_size = "Standard_NC6s_v3"'}`, ...k8sLabels, ...map];
  const nested = g.pick([() => [`${i}${shape.block} {`, ...inner, `${i}}`], () => (map.length ? [`${i}${shape.block} {`, ...inner, `${i}}`] : []), () => [`${i}${shape.block} {}`]])();
  const head = shape.block === 'node_config' ? [`${i}name = "p"`, `${i}cluster = "c"`, `${i}node_count = 1`] : [`${i}name = "c"`, `${i}location = "eastus"`];
  const lines = ['locals {', `${i}base = { team = "t" }`, '}', '', `${shape.resource} {`, ...head, ...nested, ...(g.chance(0.3) ? [`${i}timeouts {`, `${i}${i}create = "30m"`, `${i}}`] : []), '}'];
  return { text: lines.join(eol) + (g.chance(0.8) ? eol : ''), present: map.length ? present : [] };
}

function k8sListCase(g: Gen): { text: string; file: string; line: number } {
  const eol = g.pick(['\n', '\r\n']);
  if (g.chance(0.5)) {
    const i = g.pick(['  ', '    ']);
    // Item keys line up after the dash: `- apiVersion` then `  kind`.
    const d = `${i}  `;
    const labels = g.pick([() => [], () => [`${d}${i}labels:`, `${d}${i}${i}app: web`], () => [`${d}${i}labels: {app: web}`]])();
    const lines = ['apiVersion: v1', 'kind: List', 'items:', `${i}- apiVersion: v1`, `${d}kind: ConfigMap`, `${i}- apiVersion: apps/v1`, `${d}kind: Deployment`, `${d}metadata:`, `${d}${i}name: web`, ...labels, `${d}spec:`, `${d}${i}replicas: 1`];
    return { text: lines.join(eol) + eol, file: '/ws/list.yaml', line: 5 };
  }
  const i = g.pick(['  ', '\t']);
  const labels = g.pick(['', `, "labels": { "app": "web" }`, `, "labels": {}`]);
  const first = ['{', `${i}"apiVersion": "v1",`, `${i}"kind": "ConfigMap"`, '}'];
  const second = ['{', `${i}"apiVersion": "apps/v1",`, `${i}"kind": "Deployment",`, `${i}"metadata": { "name": "web"${labels} }`, '}'];
  return { text: [...first, ...second].join(eol) + eol, file: '/ws/stream.json', line: first.length };
}

describe(`tag fix properties (seed ${SEED}, ${CASES} cases per format)`, () => {
  it('Terraform: only inserts, still parses, and the detector then reads every added key', async () => {
    const parser = await createParser('terraform');
    for (let n = 0; n < CASES; n++) {
      const g = gen(SEED + n);
      const { text, present } = terraformCase(g);
      const line = text.split('\n').findIndex((l) => l.startsWith('resource'));
      const keys = keysFor(g, [...present, 'team']);
      const out = await applyChecked(text, item('/ws/main.tf', 'terraform-map', line), keys);
      const tree = parser.parse(out);
      assert.ok(tree && !tree.rootNode.hasError, `case ${n} parses:\n${out}`);
      tree.delete();
      const { items } = await analyzeFiles({ 'main.tf': out }, 'main.tf');
      for (const k of keys) assert.ok(k.key in items[0].tags, `case ${n}: ${k.key} in ${JSON.stringify(items[0].tags)}\n${out}`);
    }
    parser.delete();
  });

  it('Kubernetes YAML: only inserts, still parses, and metadata.labels has every key', async () => {
    for (let n = 0; n < CASES; n++) {
      const g = gen(SEED * 3 + n);
      const text = k8sCase(g);
      const keys = keysFor(g, ['app']);
      const out = await applyChecked(text, item('/ws/d.yaml', 'k8s-labels', 0), keys);
      const [doc] = parseAllDocuments(out);
      assert.ok(doc && 'errors' in doc && doc.errors.length === 0, `case ${n} parses:\n${out}`);
      const labels = (doc.toJS() as { metadata: { labels: Record<string, string> } }).metadata.labels;
      for (const k of keys) assert.equal(labels[k.key], '', `case ${n}:\n${out}`);
    }
  });

  it('CloudFormation YAML and JSON: only inserts, still parses, and Tags (list or map by type) has every key', async () => {
    for (let n = 0; n < CASES; n++) {
      const g = gen(SEED * 5 + n);
      const json = g.chance(0.5);
      const shape = g.pick(CFN_SHAPES);
      const text = json ? jsonCase(g, shape) : cfnCase(g, shape);
      const keys = keysFor(g, ['app']);
      const out = await applyChecked(text, item(json ? '/ws/t.json' : '/ws/t.yaml', shape.style, json ? 2 : 1), keys);
      let parsed: unknown;
      if (json) {
        const errors: ParseError[] = [];
        parseTree(out, errors);
        assert.deepEqual(errors, [], `case ${n} parses:\n${out}`);
        parsed = JSON.parse(out);
      } else {
        const [doc] = parseAllDocuments(out);
        assert.ok(doc && 'errors' in doc && doc.errors.length === 0, `case ${n} parses:\n${out}`);
        parsed = doc.toJS();
      }
      const tags = (parsed as { Resources: { Box: { Properties: { Tags: unknown } } } }).Resources.Box.Properties.Tags;
      assertCfnTags(tags, shape, keys, `case ${n} (${shape.type}):\n${out}`);
    }
  });

  it('Terraform nested pools (GKE node_config, AKS default_node_pool): only inserts, parses, and the pool item reads every key', async () => {
    const parser = await createParser('terraform');
    for (let n = 0; n < CASES; n++) {
      const g = gen(SEED * 7 + n);
      const shape = g.pick(NESTED);
      const { text, present } = nestedCase(g, shape);
      const line = text.split('\n').findIndex((l) => l.startsWith('resource'));
      const keys = keysFor(g, [...present, 'team']);
      const out = await applyChecked(text, item('/ws/main.tf', shape.style, line, { attribute: shape.attribute, blockPath: [shape.block] }), keys);
      const tree = parser.parse(out);
      assert.ok(tree && !tree.rootNode.hasError, `case ${n} parses:\n${out}`);
      tree.delete();
      const { items } = await analyzeFiles({ 'main.tf': out }, 'main.tf');
      const pool = items.find((it) => it.resource.startsWith(shape.address));
      assert.ok(pool, `case ${n}: ${items.map((it) => it.resource).join(', ')}\n${out}`);
      for (const k of keys) assert.ok(k.key in pool.tags, `case ${n}: ${k.key} in ${JSON.stringify(pool.tags)}\n${out}`);
      assert.ok(!('workload' in pool.tags), `case ${n}: Kubernetes labels are not billing labels`);
    }
    parser.delete();
  });

  it('Kubernetes List items and JSON streams: only inserts, parses, and the object has every label', async () => {
    for (let n = 0; n < CASES; n++) {
      const g = gen(SEED * 11 + n);
      const { text, file, line } = k8sListCase(g);
      const keys = keysFor(g, ['app']);
      const out = await applyChecked(text, item(file, 'k8s-labels', line), keys);
      const { items, skipped } = await analyzeFiles({ [file.slice(4)]: out }, file.slice(4));
      assert.deepEqual(skipped, [], `case ${n}:\n${out}`);
      const labels = file.endsWith('.json')
        ? (JSON.parse(out.slice(out.indexOf('{', out.indexOf('}') + 1))) as { metadata: { labels: Record<string, string> } }).metadata.labels
        : ((parseAllDocuments(out)[0].toJS() as { items: { metadata?: { labels: Record<string, string> } }[] }).items[1].metadata?.labels ?? {});
      for (const k of keys) assert.equal(labels[k.key], '', `case ${n}:\n${out}`);
      assert.equal(items.length, 0, 'CPU-only objects are not priced');
    }
  });
});
