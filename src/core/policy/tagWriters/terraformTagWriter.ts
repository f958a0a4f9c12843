import type { HclNode } from '../../parsing/hcl/hclSyntax';
import { attributeNode, childBlocks, unwrap, type HclBlock } from '../../parsing/hcl/hclTree';
import { appendToBlock, withHclBlock, type HclStyle } from './hclBlocks';
import { lineIndent, lineStart, type InsertPart, type TagFix, type TagInsertion, type TagRequest } from './insertion';

/**
 * Adds keys to a Terraform resource's `tags` (or GCP `labels`, or the map named by `attrName`
 * in the nested blocks `blockPath`, e.g. GKE's `node_config { resource_labels }`) in HCL's own
 * syntax: a new attribute (and blocks), keys in an existing map literal, a map appended to
 * `merge(...)`, or a reference wrapped as `merge(ref, { ... })`. Undefined when the block is not found.
 */
export function terraformTagFix(file: string, text: string, blockLine: number, attrName: string, keys: TagRequest[], blockPath: readonly string[] = []): Promise<TagFix | undefined> {
  return withHclBlock(file, text, blockLine, (resource, style) => {
    let block: HclBlock = resource;
    for (let depth = 0; depth < blockPath.length; depth++) {
      const child = childBlocks(block, blockPath[depth])[0];
      if (!child) return { insertions: [appendToBlock(text, block, style, (indent) => nested(blockPath.slice(depth), attrName, keys, indent, style))] };
      block = child;
    }
    const attr = block.body ? attributeNode(block.body, attrName) : undefined;
    const expr = attr?.namedChildren.find((c) => c.type === 'expression');
    if (!attr || !expr) return { insertions: [appendToBlock(text, block, style, (indent) => nested([], attrName, keys, indent, style))] };
    return { insertions: intoExpression(text, unwrap(expr), expr, keys, style) };
  });
}

/** `a {` … `attr = { keys }` … `}`: the blocks of `path` around a new map attribute. */
function nested(path: readonly string[], attrName: string, keys: TagRequest[], indent: string, style: HclStyle): InsertPart[] {
  if (!path.length) return [`${indent}${attrName} = {${style.eol}`, ...entryLines(keys, indent + style.unit, style.eol), `${indent}}${style.eol}`];
  return [`${indent}${path[0]} {${style.eol}`, ...nested(path.slice(1), attrName, keys, indent + style.unit, style), `${indent}}${style.eol}`];
}

function entry(key: TagRequest): InsertPart[] {
  const name = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key.key) ? key.key : JSON.stringify(key.key);
  return [`${name} = "`, { key: key.key, choices: key.choices }, '"'];
}

function entryLines(keys: TagRequest[], indent: string, eol: string): InsertPart[] {
  return keys.flatMap((k) => [indent, ...entry(k), eol]);
}

function inlineEntries(keys: TagRequest[]): InsertPart[] {
  return keys.flatMap((k, i) => [...(i ? [', '] : []), ...entry(k)]);
}

function intoExpression(text: string, node: HclNode, expr: HclNode, keys: TagRequest[], style: HclStyle): TagInsertion[] {
  const object = objectOf(node);
  if (object) return [intoObject(text, object, keys, style)];
  if (node.type === 'function_call' && node.namedChildren[0]?.text === 'merge') {
    const args = node.namedChildren.find((c) => c.type === 'function_arguments');
    const argExprs = args?.namedChildren.filter((c) => c.type === 'expression') ?? [];
    const lastObject = argExprs.map((a) => objectOf(unwrap(a))).filter((o): o is HclNode => Boolean(o)).pop();
    if (lastObject) return [intoObject(text, lastObject, keys, style)];
    const last = argExprs[argExprs.length - 1];
    if (last) return [{ offset: last.endIndex, parts: [', { ', ...inlineEntries(keys), ' }'] }];
  }
  // A reference, a conditional, a call: keep it whole and merge the missing keys over it.
  return [
    { offset: expr.startIndex, parts: ['merge('] },
    { offset: expr.endIndex, parts: [', { ', ...inlineEntries(keys), ' })'] },
  ];
}

function objectOf(node: HclNode): HclNode | undefined {
  if (node.type === 'object') return node;
  if (node.type === 'collection_value') return node.namedChildren.find((c) => c.type === 'object') ?? undefined;
  return undefined;
}

/** Keys go on their own lines in a multi-line map, inline in a one-line map. */
function intoObject(text: string, object: HclNode, keys: TagRequest[], style: HclStyle): TagInsertion {
  const end = object.namedChildren.find((c) => c.type === 'object_end') ?? object;
  const elems = object.namedChildren.filter((c) => c.type === 'object_elem');
  const multiLine = object.startPosition.row !== end.startPosition.row;
  const endOwnLine = text.slice(lineStart(text, end.startIndex), end.startIndex).trim() === '';
  if (multiLine && endOwnLine) {
    const indent = elems[0] ? lineIndent(text, elems[0].startIndex) : lineIndent(text, end.startIndex) + style.unit;
    return { offset: lineStart(text, end.startIndex), parts: entryLines(keys, indent, style.eol) };
  }
  const last = elems[elems.length - 1];
  if (!last) return { offset: end.startIndex, parts: [text[end.startIndex - 1] === '{' ? ' ' : '', ...inlineEntries(keys), ' '] };
  const afterLast = text.slice(last.endIndex, end.startIndex);
  const sep = afterLast.trimStart().startsWith(',') ? '' : ',';
  if (sep === '') {
    const comma = last.endIndex + afterLast.indexOf(',') + 1;
    return { offset: comma, parts: [' ', ...inlineEntries(keys), ','] };
  }
  return { offset: last.endIndex, parts: [', ', ...inlineEntries(keys)] };
}
