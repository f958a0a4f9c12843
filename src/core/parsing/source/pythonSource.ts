import type { Node, Parser } from 'web-tree-sitter';
import { createParser } from '../treeSitter';
import { collectCalls, MAX_EVAL_DEPTH, rangeOf, type Argument, type CallSite, type SourceFile } from './callSites';

import { arithmetic, DynamicText, Unresolved, type SourceValue } from './sourceValue';

let parser: Promise<Parser> | undefined;

let last: { text: string; file: Promise<SourceFile> } | undefined;

/**
 * Parses Python and lists its calls with their literal (or constant) arguments. Several
 * detectors read the same document, so the last result is kept.
 */
export function parsePython(text: string): Promise<SourceFile> {
  if (last?.text !== text) last = { text, file: parse(text) };
  return last.file;
}

async function parse(text: string): Promise<SourceFile> {
  const p = await (parser ??= createParser('python'));
  const tree = p.parse(text);
  if (!tree) throw new Error('the Python parser returned no tree');
  try {
    const constants = moduleConstants(tree.rootNode);
    return collectCalls(tree.rootNode, ['call'], (n) => toCall(n, constants));
  } finally {
    tree.delete();
  }
}

/** The names an expression can read: a read-only view of the module's constants. */
export type Constants = Pick<ReadonlyMap<string, SourceValue>, 'has' | 'get'>;

/**
 * `NAME = value` at module level, in source order. What a read sees depends on where it
 * is, as when Python runs the module: module-level code sees the assignments above it;
 * a function body runs once the module has loaded and sees each name's last value. A
 * notebook's cells joined into one module read constants the way the kernel does.
 */
class ModuleConstants {
  private readonly byName = new Map<string, { row: number; value: SourceValue }[]>();

  add(name: string, row: number, value: SourceValue): void {
    const list = this.byName.get(name);
    if (list) list.push({ row, value });
    else this.byName.set(name, [{ row, value }]);
  }

  /** The constants as seen from code on `row`, inside the function `enclosing` (null at module level). */
  seenFrom(row: number, enclosing: string | null): Constants {
    return this.before(enclosing === null ? row : Infinity);
  }

  before(row: number): Constants {
    const valueOf = (name: string) => {
      const list = this.byName.get(name) ?? [];
      for (let i = list.length - 1; i >= 0; i--) if (list[i].row < row) return list[i];
      return undefined;
    };
    return { has: (name) => valueOf(name) !== undefined, get: (name) => valueOf(name)?.value };
  }
}

function moduleConstants(root: Node): ModuleConstants {
  const constants = new ModuleConstants();
  for (const stmt of root.namedChildren) {
    const assign = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (assign?.type !== 'assignment') continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const row = assign.startPosition.row;
    constants.add(left.text, row, evaluatePython(right, constants.before(row)));
  }
  return constants;
}

/** `enclosing` is the call's function, found once per call: a receiver call shares its caller's. */
function toCall(node: Node, module: ModuleConstants, depth = 0, enclosing = enclosingFunction(node)): CallSite | undefined {
  if (depth > MAX_EVAL_DEPTH) return undefined;
  const fn = node.childForFieldName('function');
  const argList = node.childForFieldName('arguments');
  if (!fn || !argList) return undefined;
  const constants = module.seenFrom(node.startPosition.row, enclosing);
  const kwargs = new Map<string, Argument>();
  const positional: Argument[] = [];
  let hasSpread = false;
  for (const arg of argList.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) kwargs.set(name.text, argument(value, constants));
    } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') {
      hasSpread = true;
    } else {
      positional.push(argument(arg, constants));
    }
  }
  const object = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  const name = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.text;
  return {
    callee: fn.text.replace(/\s+/g, ''),
    name,
    receiverCall: object?.type === 'call' ? toCall(object, module, depth + 1, enclosing) : undefined,
    receiverName: object?.type === 'identifier' ? object.text : undefined,
    kwargs,
    positional,
    hasSpread,
    range: rangeOf(node),
    enclosingFunction: enclosing,
    assignedTo: assignedName(node),
  };
}

function argument(node: Node, constants: Constants): Argument {
  return { value: evaluatePython(node, constants), range: rangeOf(node), name: node.type === 'identifier' ? node.text : undefined };
}

function enclosingFunction(node: Node): string | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n.childForFieldName('name')?.text ?? null;
  }
  return null;
}

/** `x = call(...)` or `x = await call(...)`. */
function assignedName(node: Node): string | undefined {
  let n: Node | null = node.parent;
  if (n?.type === 'await') n = n.parent;
  if (n?.type !== 'assignment') return undefined;
  const left = n.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** Literals, module constants, arithmetic and `dict(...)`; anything else is Unresolved with a reason. */
export function evaluatePython(node: Node, constants: Constants, depth = 0): SourceValue {
  if (depth > MAX_EVAL_DEPTH) return new Unresolved(`is nested deeper than ${MAX_EVAL_DEPTH} levels`);
  const ev = (n: Node | null): SourceValue => (n ? evaluatePython(n, constants, depth + 1) : new Unresolved('is missing'));
  switch (node.type) {
    case 'string': return stringValue(node);
    case 'concatenated_string': return concatenate(node.namedChildren.filter((c): c is Node => c !== null).map(ev));
    case 'integer': return parseNumber(node.text);
    case 'float': return Number(node.text.replace(/_/g, ''));
    case 'true': return true;
    case 'false': return false;
    case 'none': return null;
    case 'parenthesized_expression': return ev(node.namedChildren[0]);
    case 'list':
    case 'tuple': return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map(ev);
    case 'dictionary': return dictionary(node, ev);
    case 'identifier': return constants.has(node.text) ? (constants.get(node.text) as SourceValue) : new Unresolved(`comes from \`${node.text}\`, which is not a module-level constant`);
    case 'unary_operator': {
      const v = ev(node.childForFieldName('argument'));
      const op = node.childForFieldName('operator')?.text;
      return typeof v === 'number' && op === '-' ? -v : typeof v === 'number' && op === '+' ? v : new Unresolved(`cannot evaluate ${node.text}`);
    }
    case 'binary_operator':
      return arithmetic(node.childForFieldName('operator')?.text ?? '', ev(node.childForFieldName('left')), ev(node.childForFieldName('right')));
    case 'call': return callValue(node, ev);
    default: return new Unresolved(`is computed at run time (\`${clip(node.text)}\`)`);
  }
}

function parseNumber(text: string): SourceValue {
  const n = Number(text.replace(/_/g, ''));
  return Number.isFinite(n) ? n : new Unresolved(`cannot read number ${text}`);
}

function stringValue(node: Node): SourceValue {
  const prefix = node.firstChild?.text.replace(/["']+$/, '').toLowerCase() ?? '';
  if (prefix.includes('b')) return new Unresolved('is a bytes literal');
  let literal = '';
  let holes = 0;
  for (const c of node.namedChildren) {
    if (c?.type === 'string_content') literal += prefix.includes('r') ? c.text : unescapePython(c.text);
    else if (c?.type === 'escape_sequence') literal += unescapePython(c.text);
    else if (c?.type === 'interpolation') holes++;
  }
  return holes ? new DynamicText(`is an f-string with ${holes} run-time part${holes > 1 ? 's' : ''}`, literal, holes) : literal;
}

function unescapePython(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|")/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function concatenate(parts: SourceValue[]): SourceValue {
  let literal = '';
  let holes = 0;
  for (const p of parts) {
    if (typeof p === 'string') literal += p;
    else if (p instanceof DynamicText) { literal += p.literal; holes += p.holes; }
    else return p instanceof Unresolved ? p : new Unresolved('is not a string');
  }
  return holes ? new DynamicText(`is an f-string with ${holes} run-time parts`, literal, holes) : literal;
}

function dictionary(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const out: { [key: string]: SourceValue } = {};
  for (const pair of node.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = ev(pair.childForFieldName('key'));
    if (typeof key === 'string' || typeof key === 'number') out[String(key)] = ev(pair.childForFieldName('value'));
  }
  return out;
}

/** `dict(a=1)` is a literal; `os.getenv("X")` names where a run-time value comes from. */
function callValue(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const fn = node.childForFieldName('function')?.text ?? '';
  const args = node.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null) ?? [];
  if (fn === 'dict') {
    const out: { [key: string]: SourceValue } = {};
    for (const a of args) {
      if (a.type !== 'keyword_argument') return new Unresolved('is a dict built at run time');
      out[a.childForFieldName('name')?.text ?? ''] = ev(a.childForFieldName('value'));
    }
    return out;
  }
  if (/^(os\.)?(getenv|environ\.get)$/.test(fn) && args[0]) {
    const name = ev(args[0]);
    return new Unresolved(`comes from environment variable ${typeof name === 'string' ? name : '?'}`);
  }
  return new Unresolved(`is computed at run time (\`${clip(node.text)}\`)`);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
