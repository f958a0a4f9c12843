import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Tags } from 'yaml';
import type { SourceRange } from '../../model';
import type { DocumentView } from '../types';
import { keyNode, nodeAt, nodeRange, parseYaml, toPlain, type Plain } from '../shared/yamlSource';
import { SHORT_FORMS, shortFormToLong } from './cfnValue';

/** A parsed template with positions: where each resource's logical ID and properties are written. */
export interface CfnTemplate {
  root: { [key: string]: Plain };
  /** The logical ID's line (`MyInstance:`), where the lens goes. */
  logicalIdRange(id: string): SourceRange | undefined;
  /** The value at a path under a resource, e.g. `['Properties', 'InstanceType']`. */
  valueRange(id: string, path: readonly (string | number)[]): SourceRange | undefined;
}

/** Every short-form intrinsic, as scalar, sequence and mapping, so `yaml` parses rather than warns. */
const CFN_TAGS: Tags = Object.keys(SHORT_FORMS).flatMap((name) => [
  { tag: `!${name}`, resolve: (s: string) => s },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (v: unknown) => v },
  { tag: `!${name}`, collection: 'map' as const, resolve: (v: unknown) => v },
]);

/** JSON when the first non-blank character opens an object; YAML otherwise (YAML is a superset, but positions differ). */
export function parseTemplate(text: string): CfnTemplate | { error: string } {
  return /^\s*\{/.test(text) ? parseJson(text) : parseYamlTemplate(text);
}

function parseYamlTemplate(text: string): CfnTemplate | { error: string } {
  const { docs, lines } = parseYaml(text, CFN_TAGS);
  const doc = docs[0];
  if (!doc) return { error: 'empty template' };
  const err = doc.errors[0];
  if (err) return { error: `YAML error near line ${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}` };
  let root;
  try {
    root = toPlain(doc, shortFormToLong);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return { error: 'the template is not a mapping' };
  const resources = nodeAt(doc.contents, ['Resources']);
  return {
    root,
    logicalIdRange: (id) => nodeRange(keyNode(resources, id), lines),
    valueRange: (id, path) => nodeRange(nodeAt(resources, [id, ...path]), lines),
  };
}

function parseJson(text: string): CfnTemplate | { error: string } {
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  let root: Plain;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: true });
    root = tree ? (getNodeValue(tree) as Plain) : null;
  } catch {
    // jsonc-parser recurses per nesting level: a hostile depth overflows the stack.
    return { error: 'JSON nested too deeply to read' };
  }
  if (!tree || errors.length > 0) {
    const e = errors[0];
    const where = e ? ` at line ${lineStarts(text).filter((s) => s <= e.offset).length}` : '';
    return { error: `JSON error${where}: ${e ? printParseErrorCode(e.error) : 'no value'}` };
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return { error: 'the template is not an object' };
  const starts = lineStarts(text);
  const range = (node: JsonNode | undefined) => (node ? offsetsRange(starts, node.offset, node.offset + node.length) : undefined);
  return {
    root,
    logicalIdRange: (id) => range(findNodeAtLocation(tree, ['Resources', id])?.parent?.children?.[0]),
    valueRange: (id, path) => range(findNodeAtLocation(tree, ['Resources', id, ...path])),
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function offsetsRange(starts: number[], from: number, to: number): SourceRange {
  const pos = (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line, column: offset - starts[line] };
  };
  return { start: pos(from), end: pos(to) };
}

/** A CloudFormation template by content: the format version, or resources typed `AWS::...`. */
export function looksLikeCloudFormation(doc: DocumentView): boolean {
  const keys = doc.topLevelKeys;
  if (keys.has('AWSTemplateFormatVersion')) return true;
  return keys.has('Resources') && /"?Type"?\s*:\s*["']?(AWS|Custom)::[A-Za-z0-9]+/.test(doc.text);
}
