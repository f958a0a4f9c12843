import type { Node } from 'web-tree-sitter';
import { MAX_EVAL_DEPTH } from './callSites';
import { Alternatives, alternatives, arithmetic, combine, option, DefaultedValue, DynamicText, isRecord, SerializedJson, Unresolved, type SourceValue } from './sourceValue';

/** What a name holds where it is read, or why that is only known at run time. */
export type NameReader = (name: string) => SourceValue;

/** The truth of a known value as Python tests it; undefined when it is only known at run time. */
export function truthy(v: SourceValue): boolean | undefined {
  if (v instanceof Unresolved) return undefined;
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.keys(v).length > 0;
  return Boolean(v);
}

/**
 * A Python expression's value as the interpreter computes it: literals, names, arithmetic,
 * comparisons, subscripts of literal dicts and lists, `a if c else b`, `dict(...)`, f-strings
 * of known parts. Anything else is Unresolved, saying what it is.
 */
export function evaluatePython(node: Node, names: NameReader, depth = 0): SourceValue {
  if (depth > MAX_EVAL_DEPTH) return new Unresolved(`is nested deeper than ${MAX_EVAL_DEPTH} levels`);
  const ev = (n: Node | null): SourceValue => (n ? evaluatePython(n, names, depth + 1) : new Unresolved('is missing'));
  switch (node.type) {
    case 'string': return stringValue(node, ev);
    case 'concatenated_string': return combine(children(node).map(ev), concatenate);
    case 'integer': return parseNumber(node.text);
    case 'float': return Number(node.text.replace(/_/g, ''));
    case 'true': return true;
    case 'false': return false;
    case 'none': return null;
    case 'parenthesized_expression': return ev(node.namedChildren[0]);
    case 'list':
    case 'tuple':
    case 'expression_list': return children(node).map(ev);
    case 'dictionary': return dictionary(node, ev);
    case 'identifier': return names(node.text);
    case 'unary_operator': return combine([ev(node.childForFieldName('argument'))], (v) => unary(node.childForFieldName('operator')?.text, v, node));
    case 'not_operator': return combine([ev(node.childForFieldName('argument'))], (v) => negate(truthy(v), v));
    case 'binary_operator':
      return arithmetic(node.childForFieldName('operator')?.text ?? '', ev(node.childForFieldName('left')), ev(node.childForFieldName('right')));
    case 'boolean_operator': return booleanOperator(node, ev);
    case 'comparison_operator': return comparison(node, ev);
    case 'conditional_expression': return conditional(node, ev);
    case 'subscript': return combine([ev(node.childForFieldName('value')), ev(node.childForFieldName('subscript'))], (v, k) => lookup(v, k, node));
    case 'attribute': return attributeValue(node, ev);
    case 'call': return callValue(node, ev);
    // Awaiting a coroutine of this file's functions gives its return value; other awaits say what they wait for.
    case 'await': return ev(node.namedChildren[0] ?? null);
    default: return new Unresolved(`is computed at run time (\`${clip(node.text)}\`)`);
  }
}

function children(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

function parseNumber(text: string): SourceValue {
  const n = Number(text.replace(/_/g, ''));
  return Number.isFinite(n) ? n : new Unresolved(`cannot read number ${text}`);
}

function unary(op: string | undefined, v: SourceValue, node: Node): SourceValue {
  if (v instanceof Unresolved) return v;
  if (typeof v === 'number' && op === '-') return -v;
  if (typeof v === 'number' && op === '+') return v;
  return new Unresolved(`cannot evaluate ${clip(node.text)}`);
}

function negate(truth: boolean | undefined, v: SourceValue): SourceValue {
  return truth === undefined ? v : !truth;
}

/** `a or b` / `a and b`: Python returns an operand, decided by the left one's truth. */
function booleanOperator(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const op = node.childForFieldName('operator')?.text;
  const right = node.childForFieldName('right');
  return combine([ev(node.childForFieldName('left'))], (left) => {
    const t = truthy(left);
    if (t === undefined) return left;
    return (op === 'or') === t ? left : ev(right);
  });
}

/** `a == b`, `a < b < c`, `x in (...)`, on known values. */
function comparison(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const operands = children(node).map(ev);
  const ops = node.children.filter((c): c is Node => c !== null && !c.isNamed).map((c) => c.text);
  // `not in` and `is not` are two tokens.
  const joined: string[] = [];
  for (const op of ops) {
    const prev = joined.length ? joined[joined.length - 1] : '';
    if ((op === 'in' && prev === 'not') || (op === 'not' && prev === 'is')) joined[joined.length - 1] = `${prev} ${op}`;
    else joined.push(op);
  }
  if (joined.length !== operands.length - 1) return new Unresolved(`cannot evaluate ${clip(node.text)}`);
  return combine(operands, (...vs) => {
    for (let i = 0; i < joined.length; i++) {
      const r = compare(joined[i], vs[i], vs[i + 1]);
      if (r !== true) return r;
    }
    return true;
  });
}

function compare(op: string, a: SourceValue, b: SourceValue): SourceValue {
  if (a instanceof Unresolved) return a;
  if (b instanceof Unresolved) return b;
  const same = JSON.stringify(a) === JSON.stringify(b);
  switch (op) {
    case '==': case 'is': return same;
    case '!=': case 'is not': return !same;
    case 'in': case 'not in': {
      const found = Array.isArray(b) ? b.some((x) => JSON.stringify(x) === JSON.stringify(a))
        : isRecord(b) ? typeof a === 'string' && a in b
          : typeof b === 'string' && typeof a === 'string' ? b.includes(a) : undefined;
      if (found === undefined) return new Unresolved(`cannot evaluate \`${op}\` on these operands`);
      return op === 'in' ? found : !found;
    }
    default:
      if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
        return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : op === '>=' ? a >= b : new Unresolved(`operator ${op} is not evaluated`);
      }
      return new Unresolved(`cannot evaluate \`${op}\` on these operands`);
  }
}

/** `a if cond else b`: the branch taken when the condition is known, else both as options. */
function conditional(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const [whenTrue, cond, whenFalse] = children(node);
  const c = ev(cond ?? null);
  const t = truthy(c);
  if (t !== undefined) return ev(t ? whenTrue : whenFalse);
  const test = clip(cond?.text ?? '');
  const decision = `if-expression ${node.id}`;
  return alternatives([option(ev(whenTrue), decision, `if \`${test}\``), option(ev(whenFalse), decision, `unless \`${test}\``)]);
}

/** `MODELS["Claude 3.7 Sonnet"]`, `SIZES[0]`: a literal dict's entry or a literal list's element. */
function lookup(container: SourceValue, key: SourceValue, node: Node): SourceValue {
  if (container instanceof Unresolved) return container;
  if (key instanceof Unresolved) return new Unresolved(`is looked up with a key known only at run time (\`${clip(node.text)}\`)`);
  if (isRecord(container) && (typeof key === 'string' || typeof key === 'number')) {
    return String(key) in container ? container[String(key)] : new Unresolved(`looks up key ${JSON.stringify(key)}, which the dict does not have`);
  }
  if ((Array.isArray(container) || typeof container === 'string') && typeof key === 'number' && Number.isInteger(key)) {
    const at = key < 0 ? container.length + key : key;
    const v = container[at];
    return v === undefined ? new Unresolved(`indexes past the end (\`${clip(node.text)}\`)`) : v;
  }
  return new Unresolved(`cannot evaluate ${clip(node.text)}`);
}

/**
 * `obj.attr`: run time, said as such. A SageMaker pipeline parameter's `default_value`
 * is the default it was declared with, and `sys.argv` is the command line.
 */
function attributeValue(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const attr = node.childForFieldName('attribute')?.text;
  const object = node.childForFieldName('object');
  if (object?.text === 'sys' && attr === 'argv') return new Unresolved('is a command-line argument (`sys.argv`)');
  // Vertex reads an accelerator enum member by its name: `aiplatform.gapic.AcceleratorType.NVIDIA_L4`.
  if (attr && /(^|\.)AcceleratorType$/.test(object?.text ?? '')) return attr;
  const value = object ? ev(object) : undefined;
  if (attr === 'default_value' && value instanceof PipelineParameter) return value.defaultValue;
  if (value instanceof Imported) return new Unresolved(`comes from \`${clip(node.text)}\`, set in an imported module (\`${value.statement}\`)`);
  const member = (v: SourceValue | undefined): SourceValue => {
    if (attr === 'name' && typeof v === 'string' && ENUM_NAME.test(v)) return v;
    if (v === null) return new Unresolved(`is \`${clip(node.text)}\` where ${clip(object?.text ?? '')} is None`);
    return new Unresolved(`is an attribute of an object (\`${clip(node.text)}\`), known only at run time`);
  };
  return value instanceof Alternatives && !(value instanceof PipelineParameter) ? combine([value], member) : member(value);
}

/** An enum member's `.name` is the member itself, which the reader holds as its name. */
const ENUM_NAME = /^[A-Z][A-Z0-9_]*$/;

/** A name bound by an import: its value is set in another module. */
export class Imported extends Unresolved {
  constructor(name: string, readonly statement: string) {
    super(`comes from \`${name}\`, imported (\`${statement}\`)`);
  }
}

/**
 * A SageMaker Pipelines `ParameterString`/`ParameterInteger`/...: its declared default,
 * unless an execution is started with another value.
 */
export class PipelineParameter extends Alternatives {
  constructor(readonly parameter: string, readonly defaultValue: SourceValue) {
    super([option(defaultValue, `pipeline parameter ${parameter}`, `the default_value of pipeline parameter ${parameter}; an execution can pass another`)], `is pipeline parameter ${parameter}, set when an execution starts`);
  }
}

function stringValue(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const prefix = node.firstChild?.text.replace(/["']+$/, '').toLowerCase() ?? '';
  if (prefix.includes('b')) return new Unresolved('is a bytes literal');
  const parts: SourceValue[] = [];
  for (const c of node.namedChildren) {
    if (c?.type === 'string_content') parts.push(prefix.includes('r') ? c.text : unescapePython(c.text));
    else if (c?.type === 'escape_sequence') parts.push(unescapePython(c.text));
    else if (c?.type === 'interpolation') parts.push(interpolation(c, ev));
  }
  return combine(parts, concatenate);
}

/** `{expr}` of an f-string: its value when known and written plainly (no `!r`, no format spec). */
function interpolation(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const expr = node.childForFieldName('expression');
  const plain = node.namedChildren.every((c) => c?.id === expr?.id);
  const v = plain ? ev(expr) : undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return new DynamicText('is an f-string with 1 run-time part', '', 1);
}

function unescapePython(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|")/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function concatenate(...parts: SourceValue[]): SourceValue {
  let literal = '';
  let holes = 0;
  for (const p of parts) {
    if (typeof p === 'string') literal += p;
    else if (p instanceof DynamicText) { literal += p.literal; holes += p.holes; }
    else return p instanceof Unresolved ? p : new Unresolved('is not a string');
  }
  return holes ? new DynamicText(`is an f-string with ${holes} run-time part${holes > 1 ? 's' : ''}`, literal, holes) : literal;
}

function dictionary(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const out: { [key: string]: SourceValue } = {};
  for (const pair of node.namedChildren) {
    if (pair?.type === 'dictionary_splat') {
      const spread = ev(pair.namedChildren[0] ?? null);
      if (isRecord(spread)) Object.assign(out, spread);
      continue;
    }
    if (pair?.type !== 'pair') continue;
    const key = ev(pair.childForFieldName('key'));
    if (typeof key === 'string' || typeof key === 'number') out[String(key)] = ev(pair.childForFieldName('value'));
  }
  return out;
}

const PIPELINE_PARAMETERS = /(^|\.)Parameter(String|Integer|Float|Boolean)$/;

/** Calls whose value is known (`dict(a=1)`, `str(4)`, a dict's `.get`) or whose source can be named. */
function callValue(node: Node, ev: (n: Node | null) => SourceValue): SourceValue {
  const fnNode = node.childForFieldName('function');
  const fn = fnNode?.text ?? '';
  const argList = node.childForFieldName('arguments');
  const args = argList ? children(argList) : [];
  const kw = (name: string) => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? null;
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  if (fn === 'dict') return dictCall(args, ev);
  if (/^(os\.)?(getenv|environ\.get)$/.test(fn) && positional[0]) {
    const value = ev(positional[0]);
    const name = typeof value === 'string' ? value : '?';
    return new DefaultedValue(`comes from environment variable ${name}`, positional[1] ? ev(positional[1]) : undefined, `its default, which runs when ${name} is not set`);
  }
  if (/^(json\.)?dumps$/.test(fn) && positional.length === 1) return jsonDumps(ev(positional[0]));
  if (fn === 'input') return new Unresolved('is typed in when the program runs (`input()`)');
  if (fn === 'get_ipython().getoutput') return new Unresolved(`is the output of shell command \`!${clip(stringArg(positional[0], ev))}\``);
  if (fn === 'get_ipython().run_line_magic') {
    const magic = stringArg(positional[0], ev);
    const line = `%${magic} ${stringArg(positional[1] ?? null, ev)}`.trim();
    if (magic !== 'store') return new Unresolved(`is the result of IPython magic \`${line}\``);
    const reason = `is restored from another notebook's store (\`${line}\`)`;
    // The notebook reader adds the literal a notebook beside this one stores, and which one.
    return positional[2] && positional[3] ? new DefaultedValue(reason, ev(positional[2]), `which ${stringArg(positional[3], ev)} in this folder stores`) : new Unresolved(reason);
  }
  if (PIPELINE_PARAMETERS.test(fn)) {
    const name = stringArg(kw('name') ?? positional[0] ?? null, ev);
    const dflt = kw('default_value') ?? positional[1] ?? null;
    return new PipelineParameter(name, dflt ? ev(dflt) : new Unresolved(`is pipeline parameter ${name}, which has no default_value`));
  }
  if ((fn === 'str' || fn === 'int' || fn === 'float') && positional.length === 1) return combine([ev(positional[0])], (v) => convert(fn, v));
  if (fnNode?.type === 'identifier') {
    const callee = ev(fnNode);
    if (callee instanceof LocalFunction) return callee.call(callArguments(args, ev), node.parent?.type === 'await');
  }
  if (fnNode?.type === 'attribute' && fnNode.childForFieldName('attribute')?.text === 'get' && positional[0]) {
    const dictValue = ev(fnNode.childForFieldName('object'));
    if (isRecord(dictValue)) return combine([ev(positional[0])], (k) => (typeof k === 'string' && k in dictValue ? dictValue[k] : positional[1] ? ev(positional[1]) : null));
  }
  return new Unresolved(`is computed at run time (\`${clip(node.text)}\`)`);
}

/** A call's arguments, evaluated where the call is written. */
function callArguments(args: Node[], ev: (n: Node | null) => SourceValue): CallArguments {
  const keywords = new Map<string, SourceValue>();
  const positional: SourceValue[] = [];
  let spread = false;
  for (const a of args) {
    if (a.type === 'keyword_argument') keywords.set(a.childForFieldName('name')?.text ?? '', ev(a.childForFieldName('value')));
    else if (a.type === 'list_splat' || a.type === 'dictionary_splat') spread = true;
    else positional.push(ev(a));
  }
  return { positional, keywords, spread };
}

/** The arguments one call passes to a function of this file. */
export interface CallArguments {
  positional: SourceValue[];
  keywords: Map<string, SourceValue>;
  /** `*args` / `**kwargs`: parameters may be filled by values not written here. */
  spread: boolean;
}

/**
 * A function defined in this file (`def build_prompt(review): ...`): as a value it is only
 * known at run time, but a call of it has the value its `return` computes from the arguments
 * the call passes (`PythonScopes` runs the body for them).
 */
export class LocalFunction extends Unresolved {
  constructor(
    readonly name: string,
    private readonly run: (args: CallArguments, awaited: boolean) => SourceValue,
  ) {
    super(`is function \`${name}()\` of this file, not a value`);
  }

  /** `awaited`: the call is awaited, so an `async def` gives its return value rather than a coroutine. */
  call(args: CallArguments, awaited: boolean): SourceValue {
    return this.run(args, awaited);
  }
}

/**
 * `json.dumps(v)` as Python writes it (`{"a": 1, "b": [1, 2]}`); with run-time parts, their
 * literal text and the structure, for readers of a request body.
 */
function jsonDumps(v: SourceValue): SourceValue {
  if (v instanceof Alternatives) return combine([v], jsonDumps);
  let holes = 0;
  const write = (x: SourceValue): string => {
    if (x instanceof DynamicText) { holes += x.holes; return JSON.stringify(x.literal); }
    if (x instanceof Unresolved) { holes++; return '""'; }
    if (Array.isArray(x)) return `[${x.map(write).join(', ')}]`;
    if (isRecord(x)) return `{${Object.entries(x).map(([k, y]) => `${JSON.stringify(k)}: ${write(y)}`).join(', ')}}`;
    return JSON.stringify(x);
  };
  const text = write(v);
  return holes === 0 ? text : new SerializedJson(`is JSON of a value with ${holes} run-time part${holes > 1 ? 's' : ''}`, text, holes, v);
}

function dictCall(args: Node[], ev: (n: Node | null) => SourceValue): SourceValue {
  const out: { [key: string]: SourceValue } = {};
  for (const a of args) {
    if (a.type !== 'keyword_argument') return new Unresolved('is a dict built at run time');
    out[a.childForFieldName('name')?.text ?? ''] = ev(a.childForFieldName('value'));
  }
  return out;
}

function stringArg(node: Node | null, ev: (n: Node | null) => SourceValue): string {
  const v = node ? ev(node) : undefined;
  return typeof v === 'string' ? v : '?';
}

function convert(fn: string, v: SourceValue): SourceValue {
  if (v instanceof Unresolved) return v;
  if (fn === 'str' && (typeof v === 'string' || typeof v === 'number')) return String(v);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return new Unresolved(`cannot convert with ${fn}()`);
  return fn === 'int' ? Math.trunc(n) : n;
}

export function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
