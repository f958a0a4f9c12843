import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { eolOf, lineIndent, lineStart, offsetAt, type InsertPart, type TagFix, type TagInsertion, type TagRequest } from './insertion';

export type YamlTagStyle = 'k8s-labels' | 'cloudformation-list' | 'cloudformation-map';

const UNIT = '  ';

/**
 * Adds keys to a Kubernetes object's `metadata.labels` or a CloudFormation resource's
 * `Properties.Tags` (a Key/Value list, or a map for the types that take one), in block or
 * flow style as the file writes them. `ownerLine` is the line of the mapping that owns them
 * (or of the key whose value it is).
 */
export function yamlTagFix(text: string, ownerLine: number, style: YamlTagStyle, keys: TagRequest[]): TagFix | undefined {
  const owner = findOwner(text, offsetAt(text, ownerLine, 0), offsetAt(text, ownerLine + 1, 0), OWNS[style]);
  if (!owner) return undefined;
  const w = new YamlWriter(text);
  const insertion = style === 'k8s-labels' ? w.labels(owner, keys) : style === 'cloudformation-map' ? w.cfnTagMap(owner, keys) : w.cfnTags(owner, keys);
  return insertion && { insertions: [insertion] };
}

/** What the owning mapping looks like: a Kubernetes object, or a CloudFormation resource. */
const OWNS: Record<YamlTagStyle, (map: YAMLMap) => boolean> = {
  'k8s-labels': (m) => m.has('kind') || m.has('metadata'),
  'cloudformation-list': (m) => m.has('Type'),
  'cloudformation-map': (m) => m.has('Type'),
};

/** Auto Scaling groups require `PropagateAtLaunch` on every tag; `true` puts the tag on the instances, which are billed. */
export const PROPAGATING_TAGS = 'AWS::AutoScaling::AutoScalingGroup';

/** A mapping that is the value of a key on the line, else one that starts on it. */
function findOwner(text: string, from: number, to: number, owns: (map: YAMLMap) => boolean): YAMLMap | undefined {
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc) || doc.errors.length) continue;
    let byKey: YAMLMap | undefined;
    let byStart: YAMLMap | undefined;
    const on = (at: number | undefined) => at !== undefined && at >= from && at < to;
    visit(doc, {
      Pair(_k, pair) {
        if (!byKey && on((pair.key as YamlNode | null)?.range?.[0]) && isMap(pair.value) && owns(pair.value)) byKey = pair.value;
      },
      Map(_k, map) {
        if (!byStart && on(map.range?.[0]) && owns(map)) byStart = map;
      },
    });
    if (byKey ?? byStart) return byKey ?? byStart;
  }
  return undefined;
}

const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(k) && !/^(true|false|null|yes|no|on|off|~)$/i.test(k) ? k : JSON.stringify(k));
const value = (k: TagRequest): InsertPart[] => ['"', { key: k.key, choices: k.choices }, '"'];
const mapEntry = (k: TagRequest): InsertPart[] => [`${key(k.key)}: `, ...value(k)];

class YamlWriter {
  private readonly eol: string;
  constructor(private readonly text: string) {
    this.eol = eolOf(text);
  }

  labels(object: YAMLMap, keys: TagRequest[]): TagInsertion | undefined {
    const labelsMap = (indent: string): InsertPart[] => ['labels:', this.eol, ...keys.flatMap((k) => [indent + UNIT, ...mapEntry(k), this.eol])];
    const metadata = object.get('metadata', true);
    if (!isMap(metadata)) {
      const indent = this.childIndent(object);
      return this.appendToMap(object, (i) => [`metadata:${this.eol}`, i + UNIT, ...labelsMap(i + UNIT)], ['metadata: {labels: {', ...this.inline(keys, mapEntry), '}}'], indent);
    }
    return this.intoChildMap(metadata, 'labels', keys);
  }

  /** `Tags: {k: v}` under `Properties`, as EKS node groups and Batch compute environments take them. */
  cfnTagMap(resource: YAMLMap, keys: TagRequest[]): TagInsertion | undefined {
    const props = resource.get('Properties', true);
    if (isMap(props)) return this.intoChildMap(props, 'Tags', keys);
    const tags = (i: string): InsertPart[] => ['Tags:', this.eol, ...keys.flatMap((k) => [i + UNIT, ...mapEntry(k), this.eol])];
    return this.appendToMap(resource, (i) => [`Properties:${this.eol}`, i + UNIT, ...tags(i + UNIT)], ['Properties: {Tags: {', ...this.inline(keys, mapEntry), '}}']);
  }

  /** Entries in the map `name` of `parent`: appended, under an empty `name:`, or a new map; undefined when `name` holds something else. */
  private intoChildMap(parent: YAMLMap, name: string, keys: TagRequest[]): TagInsertion | undefined {
    const child = parent.get(name, true);
    if (isMap(child)) return this.appendToMap(child, (i) => keys.flatMap((k, n) => [...(n ? [i] : []), ...mapEntry(k), this.eol]), this.inline(keys, mapEntry));
    const empty = this.emptyValueKey(parent, name);
    if (empty !== undefined) return { offset: this.afterContent(empty), parts: [...this.lead(empty), ...keys.flatMap((k) => [this.keyIndent(empty) + UNIT, ...mapEntry(k), this.eol])] };
    if (parent.has(name)) return undefined;
    const block = (i: string): InsertPart[] => [`${name}:`, this.eol, ...keys.flatMap((k) => [i + UNIT, ...mapEntry(k), this.eol])];
    return this.appendToMap(parent, block, [`${name}: {`, ...this.inline(keys, mapEntry), '}']);
  }

  cfnTags(resource: YAMLMap, keys: TagRequest[]): TagInsertion | undefined {
    const propagate = resource.get('Type') === PROPAGATING_TAGS;
    const item = (k: TagRequest, i: string): InsertPart[] => [`- Key: ${key(k.key)}`, this.eol, `${i}  Value: `, ...value(k), this.eol, ...(propagate ? [`${i}  PropagateAtLaunch: true`, this.eol] : [])];
    const flowItem = (k: TagRequest): InsertPart[] => [`{Key: ${key(k.key)}, Value: `, ...value(k), propagate ? ', PropagateAtLaunch: true}' : '}'];
    const tagsSeq = (i: string): InsertPart[] => ['Tags:', this.eol, ...keys.flatMap((k) => [i + UNIT, ...item(k, i + UNIT)])];
    const props = resource.get('Properties', true);
    if (!isMap(props)) {
      return this.appendToMap(resource, (i) => [`Properties:${this.eol}`, i + UNIT, ...tagsSeq(i + UNIT)], ['Properties: {Tags: [', ...this.inline(keys, flowItem), ']}']);
    }
    const tags = props.get('Tags', true);
    if (isSeq(tags)) return this.appendToSeq(tags, keys, item, flowItem);
    const empty = this.emptyValueKey(props, 'Tags');
    if (empty !== undefined) {
      const i = this.keyIndent(empty) + UNIT;
      return { offset: this.afterContent(empty), parts: [...this.lead(empty), ...keys.flatMap((k) => [i, ...item(k, i)])] };
    }
    if (props.has('Tags')) return undefined;
    return this.appendToMap(props, (i) => tagsSeq(i), ['Tags: [', ...this.inline(keys, flowItem), ']']);
  }

  private inline(keys: TagRequest[], one: (k: TagRequest) => InsertPart[]): InsertPart[] {
    return keys.flatMap((k, n) => [...(n ? [', '] : []), ...one(k)]);
  }

  /** Block maps get new lines after their last entry; flow maps new entries before `}`. */
  private appendToMap(map: YAMLMap, lines: (indent: string) => InsertPart[], inline: InsertPart[], indent = this.childIndent(map)): TagInsertion {
    if (map.flow) return this.beforeClose(map, '}', inline);
    return { offset: this.afterContent(map), parts: [...this.lead(map), indent, ...lines(indent)] };
  }

  private appendToSeq(seq: YAMLSeq, keys: TagRequest[], item: (k: TagRequest, i: string) => InsertPart[], flowItem: (k: TagRequest) => InsertPart[]): TagInsertion {
    if (seq.flow || !seq.items.length) return this.beforeClose(seq, ']', this.inline(keys, flowItem));
    const first = seq.items[0] as YamlNode;
    const dash = this.text.lastIndexOf('-', first.range?.[0] ?? 0);
    const indent = this.text.slice(lineStart(this.text, dash), dash);
    const pad = /^[ \t]*$/.test(indent) ? indent : lineIndent(this.text, dash);
    return { offset: this.afterContent(seq), parts: [...this.lead(seq), ...keys.flatMap((k) => [pad, ...item(k, pad)])] };
  }

  /** Right after the last entry (so a multi-line flow map keeps its indentation), or inside `{}`/`[]`. */
  private beforeClose(node: YAMLMap | YAMLSeq, close: string, inline: InsertPart[]): TagInsertion {
    const last = node.items[node.items.length - 1] as unknown;
    if (last === undefined) return { offset: this.text.lastIndexOf(close, (node.range?.[1] ?? 1) - 1), parts: inline };
    const lastNode = isPair(last) ? ((last.value as YamlNode | null) ?? (last.key as YamlNode)) : (last as YamlNode);
    let end = lastNode.range?.[1] ?? 0;
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    return { offset: end, parts: [', ', ...inline] };
  }

  /** The key node of `name: ` written with no value, which YAML reads as null. */
  private emptyValueKey(map: YAMLMap, name: string): YamlNode | undefined {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === name);
    const v = pair?.value as YamlNode | null | undefined;
    return pair && (v === null || v === undefined || (isScalar(v) && v.value === null)) ? (pair.key as YamlNode) : undefined;
  }

  private keyIndent(keyNode: YamlNode): string {
    const at = keyNode.range?.[0] ?? 0;
    return ' '.repeat(at - lineStart(this.text, at));
  }

  /** Where the map's first key starts on its line; nested maps indent one step past their parent. */
  private childIndent(map: YAMLMap): string {
    const first = map.items.find(isPair)?.key as YamlNode | undefined;
    const at = first?.range?.[0] ?? map.range?.[0] ?? 0;
    return ' '.repeat(at - lineStart(this.text, at));
  }

  /** Just past the line ending of the last character of the node's content. */
  private afterContent(node: YamlNode): number {
    let end = lastContentEnd(node);
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    const nl = this.text.indexOf('\n', end);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** A file whose last line has no line ending gets one before the new lines. */
  private lead(node: YamlNode): string[] {
    return this.text.indexOf('\n', lastContentEnd(node) - 1) < 0 && !this.text.endsWith('\n') ? [this.eol] : [];
  }
}

function lastContentEnd(node: YamlNode): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length) {
    const last = node.items[node.items.length - 1] as unknown;
    const inner = isPair(last) ? ((last.value as YamlNode | null) ?? (last.key as YamlNode)) : (last as YamlNode);
    if (inner && !isScalar(inner)) return lastContentEnd(inner);
    return inner?.range?.[1] ?? node.range?.[1] ?? 0;
  }
  return node.range?.[1] ?? 0;
}
