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
  return root.namedChildren.find((c) => c.type === 'body') ?? null;
}

export function blocksOf(body: HclNode | null, origin: Origin = FILE_ORIGIN): HclBlock[] {
  if (!body) return [];
  const out: HclBlock[] = [];
  for (const child of body.namedChildren) {
    if (child.type === 'block') out.push(toBlock(child, origin));
  }
  return out;
}

/** A block's type, labels and body by its node: read once, since converted blocks live across edits. */
const blockParts = new WeakMap<HclNode, Omit<HclBlock, 'node' | 'origin'>>();

/** A node converted as a `block`, read as one. */
export function toBlock(node: HclNode, origin: Origin): HclBlock {
  let parts = blockParts.get(node);
  if (!parts) blockParts.set(node, (parts = readBlock(node)));
  return { node, ...parts, origin };
}

function readBlock(node: HclNode): Omit<HclBlock, 'node' | 'origin'> {
  const labels: string[] = [];
  let type = '';
  let body: HclNode | null = null;
  for (const child of node.namedChildren) {
    if (child.type === 'identifier' && !type) type = child.text;
    else if (child.type === 'identifier') labels.push(child.text);
    else if (child.type === 'string_lit') labels.push(stringLitText(child));
    else if (child.type === 'body') body = child;
  }
  return { type, labels, body };
}

/** Attribute name → its expression node, in source order; later duplicates win as in HCL errors. */
export function attributesOf(body: HclNode | null): Map<string, HclNode> {
  const out = new Map<string, HclNode>();
  if (!body) return out;
  for (const child of body.namedChildren) {
    if (child.type !== 'attribute') continue;
    const name = child.namedChildren.find((c) => c.type === 'identifier');
    const expr = child.namedChildren.find((c) => c.type === 'expression');
    if (name && expr) out.set(name.text, expr);
  }
  return out;
}

/** The attribute node (name and value) for a key, for ranges of whole lines. */
export function attributeNode(body: HclNode | null, key: string): HclNode | undefined {
  if (!body) return undefined;
  for (const child of body.namedChildren) {
    if (child.type !== 'attribute') continue;
    const name = child.namedChildren.find((c) => c.type === 'identifier');
    if (name?.text === key) return child;
  }
  return undefined;
}

export function childBlocks(block: HclBlock, type: string): HclBlock[] {
  return blocksOf(block.body, block.origin).filter((b) => b.type === type);
}

/** Text of a plain `"..."` label or literal, with HCL escapes decoded. */
function stringLitText(node: HclNode): string {
  const parts = node.namedChildren.filter((c) => c.type === 'template_literal');
  return parts.map((p) => decodeEscapes(p.text)).join('');
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
  for (;;) {
    const named = node.namedChildren;
    if (node.type === 'expression' && named.length === 1 && node.childCount === 1) node = named[0];
    else if (node.type === 'expression' && named.length === 1 && node.child(0)?.type === '(') node = named[0];
    else return node;
  }
}
