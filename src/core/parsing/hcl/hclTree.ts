import { FILE_ORIGIN, type HclNode, type Origin } from './hclSyntax';

/** A block such as `resource "aws_instance" "trainer" { ... }`. */
export interface HclBlock {
  node: HclNode;
  type: string;
  labels: string[];
  body: HclNode | null;
  /** Where the block's nodes sit in the file: ranges are `nodeRange(node, block.origin)`. */
  origin: Origin;
}

export function rootBody(root: HclNode): HclNode | null {
  return root.namedChildOfType('body');
}

export function blocksOf(body: HclNode | null, origin: Origin = FILE_ORIGIN): HclBlock[] {
  if (!body) return [];
  const out: HclBlock[] = [];
  for (const child of body.children) {
    if (child.isNamed && child.type === 'block') out.push(toBlock(child, origin));
  }
  return out;
}

/**
 * A node converted as a `block`, read as one. Its few children are read again on each call:
 * a cache keyed by node (a WeakMap) cost more in garbage collection than the reading it saved.
 */
export function toBlock(node: HclNode, origin: Origin): HclBlock {
  const labels: string[] = [];
  let type = '';
  let body: HclNode | null = null;
  for (const child of node.children) {
    if (!child.isNamed) continue;
    if (child.type === 'identifier' && !type) type = child.text;
    else if (child.type === 'identifier') labels.push(child.text);
    else if (child.type === 'string_lit') labels.push(stringLitText(child));
    else if (child.type === 'body') body = child;
  }
  return { node, type, labels, body, origin };
}

/** Attribute name → its expression node, in source order; later duplicates win as in HCL errors. */
export function attributesOf(body: HclNode | null): Map<string, HclNode> {
  const out = new Map<string, HclNode>();
  if (!body) return out;
  // Read through `children`: most bodies are read once, and `namedChildren` would copy each list.
  for (const child of body.children) {
    if (!child.isNamed || child.type !== 'attribute') continue;
    const name = child.namedChildOfType('identifier');
    const expr = child.namedChildOfType('expression');
    if (name && expr) out.set(name.text, expr);
  }
  return out;
}

/** The attribute node (name and value) for a key, for ranges of whole lines. */
export function attributeNode(body: HclNode | null, key: string): HclNode | undefined {
  if (!body) return undefined;
  for (const child of body.children) {
    if (!child.isNamed || child.type !== 'attribute') continue;
    if (child.namedChildOfType('identifier')?.text === key) return child;
  }
  return undefined;
}

export function childBlocks(block: HclBlock, type: string): HclBlock[] {
  return blocksOf(block.body, block.origin).filter((b) => b.type === type);
}

/** Text of a plain `"..."` label or literal, with HCL escapes decoded. */
function stringLitText(node: HclNode): string {
  let out = '';
  for (const c of node.children) if (c.isNamed && c.type === 'template_literal') out += decodeEscapes(c.text);
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export function decodeEscapes(raw: string): string {
  // Most literals have nothing to decode; the replacements below would each copy them.
  if (!/[\\$%]/.test(raw)) return raw;
  return raw
    .replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, a: string | undefined, b: string | undefined) =>
      String.fromCodePoint(parseInt(a ?? b ?? '0', 16)),
    )
    .replace(/\\([nrt"\\])/g, (_m, c: string) => ESCAPES[c] ?? c)
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

export { nodeRange, type HclNode } from './hclSyntax';

/** The node itself, unwrapped from `expression` and parentheses. */
export function unwrap(expr: HclNode): HclNode {
  let node = expr;
  while (node.type === 'expression') {
    const only = soleNamedChild(node);
    if (only && (node.children.length === 1 || node.children[0].type === '(')) node = only;
    else return node;
  }
  return node;
}

/** A node's one named child, or null when it has none or several: read without building `namedChildren`. */
export function soleNamedChild(node: HclNode): HclNode | null {
  let only: HclNode | null = null;
  for (const c of node.children) {
    if (!c.isNamed) continue;
    if (only) return null;
    only = c;
  }
  return only;
}
