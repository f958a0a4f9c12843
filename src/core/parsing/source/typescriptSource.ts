import type { Node, Parser } from 'web-tree-sitter';
import { createParser, type GrammarName } from '../treeSitter';
import { collectCalls, MAX_EVAL_DEPTH, rangeOf, type Argument, type CallSite, type SourceFile } from './callSites';
import { arithmetic, DynamicText, Unresolved, type SourceValue } from './sourceValue';

const parsers = new Map<GrammarName, Promise<Parser>>();

/** `.ts` uses the TypeScript grammar; JSX-capable files the TSX one (a superset of JavaScript). */
export function grammarFor(file: string): 'typescript' | 'tsx' {
  return /\.(ts|mts|cts)$/.test(file) ? 'typescript' : 'tsx';
}

/** Parses TypeScript or JavaScript; a call's object-literal argument gives its `kwargs`. */
export async function parseTypeScript(text: string, grammar: 'typescript' | 'tsx'): Promise<SourceFile> {
  let parser = parsers.get(grammar);
  if (!parser) parsers.set(grammar, (parser = createParser(grammar)));
  const tree = (await parser).parse(text);
  if (!tree) throw new Error('the TypeScript parser returned no tree');
  try {
    const constants = programConstants(tree.rootNode);
    return collectCalls(tree.rootNode, ['call_expression', 'new_expression'], (n) => toCall(n, constants));
  } finally {
    tree.delete();
  }
}

function named(node: Node | null): Node[] {
  return node ? node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') : [];
}

/** Top-level `const X = ...` (exported or not). */
function programConstants(root: Node): Map<string, SourceValue> {
  const constants = new Map<string, SourceValue>();
  for (let stmt of named(root)) {
    if (stmt.type === 'export_statement') stmt = stmt.childForFieldName('declaration') ?? stmt;
    if (stmt.type !== 'lexical_declaration' || !stmt.text.startsWith('const')) continue;
    for (const decl of named(stmt)) {
      const name = decl.childForFieldName('name');
      const value = decl.childForFieldName('value');
      if (decl.type === 'variable_declarator' && name?.type === 'identifier' && value) constants.set(name.text, evaluateTs(value, constants));
    }
  }
  return constants;
}

function toCall(node: Node, constants: Map<string, SourceValue>, depth = 0): CallSite | undefined {
  if (depth > MAX_EVAL_DEPTH) return undefined;
  const fn = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
  const args = node.childForFieldName('arguments');
  if (!fn) return undefined;
  const kwargs = new Map<string, Argument>();
  const positional: Argument[] = [];
  let hasSpread = false;
  for (const arg of named(args)) {
    if (arg.type === 'spread_element') hasSpread = true;
    else positional.push(argument(arg, constants));
    if (arg.type === 'object' && kwargs.size === 0) hasSpread = readObject(arg, constants, kwargs, 0) || hasSpread;
  }
  const object = fn.type === 'member_expression' ? unwrapAwait(fn.childForFieldName('object')) : null;
  return {
    callee: fn.text.replace(/\s+/g, '').replace(/\?\./g, '.'),
    name: fn.type === 'member_expression' ? (fn.childForFieldName('property')?.text ?? '') : fn.text,
    receiverCall: object && (object.type === 'call_expression' || object.type === 'new_expression') ? toCall(object, constants, depth + 1) : undefined,
    receiverName: object?.type === 'identifier' ? object.text : undefined,
    kwargs,
    positional,
    hasSpread,
    range: rangeOf(node),
    enclosingFunction: enclosingFunction(node),
    assignedTo: assignedName(node),
  };
}

function unwrapAwait(n: Node | null): Node | null {
  let node = n;
  while (node && (node.type === 'await_expression' || node.type === 'parenthesized_expression')) node = named(node)[0] ?? null;
  return node;
}

/** Fills `kwargs` from an object literal; true when it spreads another object. */
function readObject(obj: Node, constants: Map<string, SourceValue>, kwargs: Map<string, Argument>, depth: number): boolean {
  let spread = false;
  for (const prop of named(obj)) {
    if (prop.type === 'spread_element') spread = true;
    else if (prop.type === 'shorthand_property_identifier') kwargs.set(prop.text, argumentOfName(prop, constants));
    else if (prop.type === 'pair') {
      const key = propertyKey(prop.childForFieldName('key'));
      const value = prop.childForFieldName('value');
      if (key !== undefined && value) kwargs.set(key, argument(value, constants, depth));
    }
  }
  return spread;
}

function propertyKey(key: Node | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'string') return stringValue(key) as string;
  return key.type === 'property_identifier' || key.type === 'number' ? key.text : undefined;
}

function argument(node: Node, constants: Map<string, SourceValue>, depth = 0): Argument {
  return { value: evaluateTs(node, constants, depth), range: rangeOf(node), name: node.type === 'identifier' ? node.text : undefined };
}

function argumentOfName(node: Node, constants: Map<string, SourceValue>): Argument {
  const value = constants.get(node.text) ?? new Unresolved(`comes from \`${node.text}\`, which is not a top-level constant`);
  return { value, range: rangeOf(node), name: node.text };
}

const FUNCTION_TYPES = new Set(['function_declaration', 'method_definition', 'generator_function_declaration']);

function enclosingFunction(node: Node): string | null {
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type)) return n.childForFieldName('name')?.text ?? null;
    if ((n.type === 'arrow_function' || n.type === 'function_expression') && n.parent?.type === 'variable_declarator') {
      return n.parent.childForFieldName('name')?.text ?? null;
    }
  }
  return null;
}

function assignedName(node: Node): string | undefined {
  let n: Node | null = node.parent;
  if (n?.type === 'await_expression') n = n.parent;
  if (n?.type === 'variable_declarator') return n.childForFieldName('name')?.type === 'identifier' ? n.childForFieldName('name')?.text : undefined;
  if (n?.type === 'assignment_expression') return n.childForFieldName('left')?.type === 'identifier' ? n.childForFieldName('left')?.text : undefined;
  return undefined;
}

const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

/** Literals, top-level constants and arithmetic; anything else is Unresolved with a reason. */
function evaluateTs(node: Node, constants: ReadonlyMap<string, SourceValue>, depth = 0): SourceValue {
  if (depth > MAX_EVAL_DEPTH) return new Unresolved(`is nested deeper than ${MAX_EVAL_DEPTH} levels`);
  const ev = (n: Node | null | undefined): SourceValue => (n ? evaluateTs(n, constants, depth + 1) : new Unresolved('is missing'));
  if (WRAPPERS.has(node.type)) return ev(named(node)[0]);
  switch (node.type) {
    case 'string': return stringValue(node);
    case 'template_string': return templateValue(node);
    case 'number': return Number(node.text.replace(/_/g, ''));
    case 'true': return true;
    case 'false': return false;
    case 'null':
    case 'undefined': return null;
    case 'array': return named(node).map(ev);
    case 'object': {
      const out: { [key: string]: SourceValue } = {};
      const kwargs = new Map<string, Argument>();
      readObject(node, constants as Map<string, SourceValue>, kwargs, depth + 1);
      for (const [k, a] of kwargs) out[k] = a.value;
      return out;
    }
    case 'identifier': return constants.has(node.text) ? (constants.get(node.text) as SourceValue) : new Unresolved(`comes from \`${node.text}\`, which is not a top-level constant`);
    case 'unary_expression': {
      const v = ev(node.childForFieldName('argument'));
      return typeof v === 'number' && node.childForFieldName('operator')?.text === '-' ? -v : new Unresolved(`cannot evaluate ${node.text}`);
    }
    case 'binary_expression':
      return arithmetic(node.childForFieldName('operator')?.text ?? '', ev(node.childForFieldName('left')), ev(node.childForFieldName('right')));
    case 'member_expression': {
      const m = /^process\.env\.(\w+)$/.exec(node.text);
      if (m) return new Unresolved(`comes from environment variable ${m[1]}`);
      return new Unresolved(`is computed at run time (\`${clip(node.text)}\`)`);
    }
    default: return new Unresolved(`is computed at run time (\`${clip(node.text)}\`)`);
  }
}

function stringValue(node: Node): SourceValue {
  let out = '';
  for (const c of named(node)) out += c.type === 'escape_sequence' ? unescape(c.text) : c.text;
  return out;
}

function templateValue(node: Node): SourceValue {
  let literal = '';
  let holes = 0;
  for (const c of named(node)) {
    if (c.type === 'template_substitution') holes++;
    else literal += c.type === 'escape_sequence' ? unescape(c.text) : c.text;
  }
  return holes ? new DynamicText(`is a template with ${holes} run-time part${holes > 1 ? 's' : ''}`, literal, holes) : literal;
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|"|`)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
