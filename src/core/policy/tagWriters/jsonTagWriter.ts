import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { jsonValueSpans, maskOutside } from '../../detectors/shared/jsonStream';
import { eolOf, lineIndent, lineStart, offsetAt, type InsertPart, type TagFix, type TagInsertion, type TagRequest } from './insertion';
import { PROPAGATING_TAGS, type YamlTagStyle } from './yamlTagWriter';

/**
 * The JSON form of the YAML writers: a Kubernetes manifest or a CloudFormation template
 * written as JSON. Entries follow the indentation of their siblings.
 */
export function jsonTagFix(text: string, ownerLine: number, style: YamlTagStyle, keys: TagRequest[]): TagFix | undefined {
  const root = parseTree(valueOnLine(text, ownerLine));
  if (!root) return undefined;
  const owns = (n: JsonNode) => (style === 'k8s-labels' ? ['kind', 'metadata'] : ['Type']).some((k) => findNodeAtLocation(n, [k]) !== undefined);
  const owner = findOwner(root, offsetAt(text, ownerLine, 0), offsetAt(text, ownerLine + 1, 0), owns);
  if (!owner) return undefined;
  const w = new JsonWriter(text);
  const value = (k: TagRequest): InsertPart[] => ['"', { key: k.key, choices: k.choices }, '"'];
  if (style === 'k8s-labels') {
    const entries = keys.map((k): InsertPart[] => [`${JSON.stringify(k.key)}: `, ...value(k)]);
    return wrap(w.ensurePath(owner, ['metadata', 'labels'], '{', '}', entries));
  }
  if (style === 'cloudformation-map') {
    const entries = keys.map((k): InsertPart[] => [`${JSON.stringify(k.key)}: `, ...value(k)]);
    return wrap(w.ensurePath(owner, ['Properties', 'Tags'], '{', '}', entries));
  }
  const propagate = findNodeAtLocation(owner, ['Type'])?.value === PROPAGATING_TAGS ? ', "PropagateAtLaunch": true' : '';
  const items = keys.map((k): InsertPart[] => [`{ "Key": ${JSON.stringify(k.key)}, "Value": `, ...value(k), `${propagate} }`]);
  return wrap(w.ensurePath(owner, ['Properties', 'Tags'], '[', ']', items));
}

function wrap(insertion: TagInsertion | undefined): TagFix | undefined {
  return insertion && { insertions: [insertion] };
}

/** A JSON stream (kubectl reads several objects from one file): the one value holding the line. */
function valueOnLine(text: string, line: number): string {
  const spans = jsonValueSpans(text);
  const at = offsetAt(text, line, 0);
  const span = spans && spans.length > 1 ? spans.find(([, end]) => end > at) : undefined;
  return span ? maskOutside(text, span[0], span[1]) : text;
}

/** An object that is the value of a key on the line, or that starts on it, and `owns` the tags. */
function findOwner(node: JsonNode, from: number, to: number, owns: (n: JsonNode) => boolean): JsonNode | undefined {
  const on = node.offset >= from && node.offset < to;
  const value = node.children?.[1];
  if (on && node.type === 'property' && value?.type === 'object' && owns(value)) return value;
  if (on && node.type === 'object' && owns(node)) return node;
  for (const child of node.children ?? []) {
    if (child.offset > to || child.offset + child.length < from) continue;
    const found = findOwner(child, from, to, owns);
    if (found) return found;
  }
  return undefined;
}

class JsonWriter {
  private readonly eol: string;
  constructor(private readonly text: string) {
    this.eol = eolOf(text);
  }

  /** Appends `entries` to the container at `path`, creating the missing parts; undefined when a part holds something else. */
  ensurePath(owner: JsonNode, path: string[], open: string, close: string, entries: InsertPart[][]): TagInsertion | undefined {
    let node = owner;
    for (let depth = 0; depth < path.length; depth++) {
      const next = findNodeAtLocation(node, [path[depth]]);
      const wanted = depth === path.length - 1 ? (open === '[' ? 'array' : 'object') : 'object';
      if (next?.type === wanted) {
        node = next;
        continue;
      }
      if (next) return undefined;
      let wrapped: InsertPart[][] = [[open, ...this.joinInline(entries), close]];
      for (const name of path.slice(depth + 1).reverse()) wrapped = [[`{ ${JSON.stringify(name)}: `, ...wrapped[0], ' }']];
      return this.append(node, [[`${JSON.stringify(path[depth])}: `, ...wrapped[0]]]);
    }
    return this.append(node, entries);
  }

  private joinInline(entries: InsertPart[][]): InsertPart[] {
    return [' ', ...entries.flatMap((e, i) => [...(i ? [', '] : []), ...e]), ' '];
  }

  /** After the last child: on new lines when the container spans lines, inline otherwise. */
  private append(container: JsonNode, entries: InsertPart[][]) {
    const children = container.children ?? [];
    const last = children[children.length - 1];
    const closeAt = container.offset + container.length - 1;
    if (!last) return { offset: closeAt, parts: this.joinInline(entries) };
    const first = children[0];
    const ownLine = this.text.slice(lineStart(this.text, first.offset), first.offset).trim() === '';
    if (!ownLine) return { offset: last.offset + last.length, parts: entries.flatMap((e) => [', ', ...e]) };
    const indent = lineIndent(this.text, first.offset);
    return { offset: last.offset + last.length, parts: entries.flatMap((e) => [',', this.eol, indent, ...e]) };
  }
}
