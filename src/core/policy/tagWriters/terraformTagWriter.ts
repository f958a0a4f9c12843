import type { HclNode } from '../../detectors/terraform/hclSyntax';
import { attributeNode, unwrap } from '../../detectors/terraform/hclTree';
import { appendToBlock, withHclBlock, type HclStyle } from './hclBlocks';
import { lineIndent, lineStart, type InsertPart, type TagFix, type TagInsertion, type TagRequest } from './insertion';

/**
 * Adds keys to a Terraform resource's `tags` (or GCP `labels`) in HCL's own syntax: a new
 * attribute, keys in an existing map literal, a map appended to `merge(...)`, or a reference
 * wrapped as `merge(ref, { ... })`. Returns undefined when the block is not found.
 */
export function terraformTagFix(text: string, blockLine: number, attrName: string, keys: TagRequest[]): Promise<TagFix | undefined> {
  return withHclBlock(text, blockLine, (block, style) => {
    const attr = attributeNode(block.body, attrName);
    const expr = attr?.namedChildren.find((c) => c.type === 'expression');
    if (!attr || !expr) {
      const lines = (indent: string): InsertPart[] => [`${indent}${attrName} = {${style.eol}`, ...entryLines(keys, indent + style.unit, style.eol), `${indent}}${style.eol}`];
      return { insertions: [appendToBlock(text, block, style, lines)] };
    }
    return { insertions: intoExpression(text, unwrap(expr), expr, keys, style) };
  });
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
