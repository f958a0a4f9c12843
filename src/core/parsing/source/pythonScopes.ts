import type { Node } from 'web-tree-sitter';
import { Bindings, runBlock, runReturning } from './pythonBlocks';
import { clip, evaluatePython, LocalFunction, type CallArguments, type NameReader } from './pythonValues';
import { alternatives, markReturned, option, Unresolved, type Option, type SourceValue } from './sourceValue';

interface FunctionScope {
  node: Node;
  name: string;
  params: Map<string, { index: number; dflt: Node | null }>;
  locals: Bindings;
  isMethod: boolean;
}

/** What following a call of a function needs from its definition. */
interface FunctionShape {
  body: Node | null;
  async: boolean;
  generator: boolean;
  params: Map<string, { index: number; dflt: Node | null }>;
  splats: { name: string; kind: string }[];
  /** How the body reads names it does not bind. */
  outer: NameReader;
}

/**
 * Names as a Python program binds them: module code sees the assignments above it; a
 * function body sees its own assignments above, its parameters (the arguments its callers
 * in this file pass) and the module's last values.
 */
export class PythonScopes {
  private readonly module = new Bindings();
  private readonly functions = new Map<number, FunctionScope | 'building'>();
  private readonly params = new Map<string, SourceValue | 'resolving'>();
  private callsByName: Map<string, Node[]> | undefined;
  /** Functions whose call is being followed, to stop at recursion. */
  private readonly invoking = new Set<number>();
  private invocations = 0;
  /** Returns of calls with literal arguments, which give the same value every time. */
  private readonly returned = new Map<string, SourceValue>();
  private readonly shapes = new Map<number, FunctionShape>();

  /** `calls`: every call node of the tree, to find a function's callers. */
  /** Every function of the file by its byte span, to find a node's enclosing ones without walking parents. */
  private readonly spans: { node: Node; start: number; end: number }[];

  constructor(root: Node, private readonly calls: readonly (Node | null)[]) {
    this.spans = root.descendantsOfType('function_definition').filter((n): n is Node => n !== null)
      .map((node) => ({ node, start: node.startIndex, end: node.endIndex }))
      .sort((a, b) => (a.end - a.start) - (b.end - b.start));
    runBlock(root.namedChildren, { out: this.module, read: (row) => this.moduleReader(row), define: this.define }, 0);
  }

  /** The functions `node` is inside, innermost first. */
  enclosingFunctions(node: Node): Node[] {
    const start = node.startIndex;
    const end = node.endIndex;
    return this.spans.filter((f) => f.start < start && end <= f.end && f.node.id !== node.id).map((f) => f.node);
  }

  /** How code at `node` reads names. */
  readerAt(node: Node): NameReader {
    const chain = this.enclosingFunctions(node);
    if (chain.length === 0) return this.moduleReader(node.startPosition.row);
    return this.functionReader(chain, node.startPosition.row);
  }

  private moduleReader(row: number): NameReader {
    return (name) => this.module.before(name, row) ?? notAssigned(name);
  }

  private functionReader(chain: Node[], row: number): NameReader {
    return (name) => {
      for (const [i, fn] of chain.entries()) {
        const scope = this.scopeOf(fn);
        if (scope === undefined) return new Unresolved(`comes from \`${name}\`, whose function is defined in terms of itself`);
        const local = scope.locals.before(name, i === 0 ? row : Infinity);
        if (local !== undefined) return local;
        if (scope.params.has(name)) return this.paramValue(scope, name);
      }
      return this.module.before(name, Infinity) ?? notAssigned(name);
    };
  }

  private scopeOf(fn: Node): FunctionScope | undefined {
    const known = this.functions.get(fn.id);
    if (known === 'building') return undefined;
    if (known) return known;
    this.functions.set(fn.id, 'building');
    const scope: FunctionScope = { node: fn, name: fn.childForFieldName('name')?.text ?? '', params: paramsOf(fn), locals: new Bindings(), isMethod: isMethod(fn) };
    const chain = this.enclosingFunctions(fn.childForFieldName('body') ?? fn);
    const outer = chain.length > 1 ? (row: number) => this.functionReader(chain.slice(1), row) : () => this.moduleReader(Infinity);
    // Parameters first, so a local that shadows nothing still finds them.
    const read = (row: number): NameReader => (name) => scope.locals.before(name, row) ?? (scope.params.has(name) ? this.paramValue(scope, name) : outer(row)(name));
    runBlock(fn.childForFieldName('body')?.namedChildren ?? [], { out: scope.locals, read, define: this.define }, 0);
    this.functions.set(fn.id, scope);
    return scope;
  }

  /** A `def` binds its name to a function whose calls this reader can follow. */
  private readonly define = (def: Node): SourceValue => {
    const name = def.childForFieldName('name')?.text ?? '';
    return new LocalFunction(name, (args, awaited) => this.invoke(def, name, args, awaited));
  };

  /**
   * What one call of a function of this file returns: its body run with the parameters bound
   * to the call's arguments (defaults for the rest), each `return` reached an option. Bounded:
   * a function that calls itself, calls nested too deep or too many calls in one file are run time.
   */
  private invoke(def: Node, name: string, args: CallArguments, awaited: boolean): SourceValue {
    const what = `is the return value of \`${name}()\``;
    const shape = this.shapeOf(def);
    if (!shape.body) return new Unresolved(`${what}, which has no body`);
    if (shape.async && !awaited) return new Unresolved(`is a coroutine of \`async def ${name}()\`, not awaited here`);
    if (shape.generator) return new Unresolved(`${what}, a generator`);
    const key = memoKey(def, args, awaited);
    const known = key === undefined ? undefined : this.returned.get(key);
    if (known !== undefined) return known;
    if (this.invoking.has(def.id)) return new Unresolved(`${what}, which calls itself`);
    if (this.invoking.size >= MAX_CALL_DEPTH) return new Unresolved(`${what}, called more than ${MAX_CALL_DEPTH} functions deep`);
    if (this.invocations >= MAX_INVOCATIONS) return new Unresolved(`${what}; this file makes more than ${MAX_INVOCATIONS} calls of its own functions to follow`);
    this.invocations++;
    this.invoking.add(def.id);
    try {
      const bound = bindArguments(shape, name, args);
      const locals = new Bindings();
      const read = (row: number): NameReader => (n) => locals.before(n, row) ?? (bound.has(n) ? bound.get(n) as SourceValue : shape.outer(n));
      const returns: Option[] = [];
      if (!runReturning(shape.body.namedChildren, { out: locals, read, define: this.define }, 0, returns, [])) returns.push({ value: null, picks: [] });
      const value = alternatives(returns);
      // A plain run-time value says it was returned, once: an inner function's return already says so.
      const explained = value instanceof Unresolved && value.constructor === Unresolved && !value.reason.startsWith('is the return value of') ? new Unresolved(`${what}, which ${value.reason}`) : value;
      markReturned(explained, `${name}()`);
      if (key !== undefined) this.returned.set(key, explained);
      return explained;
    } finally {
      this.invoking.delete(def.id);
    }
  }

  /** What a call of `def` needs from its syntax, read once per function. */
  private shapeOf(def: Node): FunctionShape {
    const known = this.shapes.get(def.id);
    if (known) return known;
    const body = def.childForFieldName('body');
    const chain = this.enclosingFunctions(def);
    const shape: FunctionShape = {
      body,
      async: def.children.some((c) => c?.type === 'async'),
      generator: (body?.descendantsOfType('yield').length ?? 0) > 0,
      params: paramsOf(def),
      splats: (def.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p) => {
        const star = p?.type === 'list_splat_pattern' || p?.type === 'dictionary_splat_pattern' ? p.namedChildren[0]?.text : undefined;
        return star ? [{ name: star, kind: p?.type === 'list_splat_pattern' ? '*args' : '**kwargs' }] : [];
      }),
      // Names the body does not bind: the enclosing function's, else the module's last values.
      outer: chain.length > 0 ? this.functionReader(chain, Infinity) : this.moduleReader(Infinity),
    };
    this.shapes.set(def.id, shape);
    return shape;
  }

  /** A parameter holds what this file's callers pass (or its default when they do not). */
  private paramValue(scope: FunctionScope, name: string): SourceValue {
    const key = `${scope.node.id}:${name}`;
    const known = this.params.get(key);
    if (known === 'resolving') return new Unresolved(`comes from \`${name}\`, a parameter of \`${scope.name}()\` passed on recursively`);
    if (known !== undefined) return known;
    this.params.set(key, 'resolving');
    const value = this.resolveParam(scope, name);
    this.params.set(key, value);
    return value;
  }

  private resolveParam(scope: FunctionScope, name: string): SourceValue {
    const param = scope.params.get(name);
    const what = `comes from \`${name}\`, a parameter of \`${scope.name}()\``;
    const callers = this.callersOf(scope);
    if (!param || callers.length === 0) return new Unresolved(`${what}, which this file does not call`);
    const offset = scope.isMethod ? 1 : 0;
    const options = callers.map((call): Option => {
      const pick = (value: SourceValue) => option(value, `caller of ${scope.node.id}`, `when called as \`${clip(call.text)}\``);
      const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
      if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return pick(new Unresolved(`${what}, passed through *args/**kwargs`));
      const byName = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value');
      const positional = args.filter((a) => a.type !== 'keyword_argument');
      const arg = byName ?? positional[param.index - offset];
      if (arg) return pick(evaluatePython(arg, this.readerAt(call)));
      if (param.dflt) return pick(evaluatePython(param.dflt, this.moduleReader(scope.node.startPosition.row)));
      return pick(new Unresolved(`${what}, not passed`));
    });
    return alternatives(options);
  }

  private callersOf(scope: FunctionScope): Node[] {
    if (!this.callsByName) {
      this.callsByName = new Map();
      for (const call of this.calls) {
        const fn = call?.childForFieldName('function');
        const callee = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? `.${fn.childForFieldName('attribute')?.text}` : undefined;
        if (!call || !callee) continue;
        const list = this.callsByName.get(callee);
        if (list) list.push(call);
        else this.callsByName.set(callee, [call]);
      }
    }
    return this.callsByName.get(scope.isMethod ? `.${scope.name}` : scope.name) ?? [];
  }
}

function isMethod(fn: Node): boolean {
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const decorators = fn.parent?.type === 'decorated_definition' ? fn.parent.text : '';
  return holder.parent?.parent?.type === 'class_definition' && !decorators.startsWith('@staticmethod');
}

/** Calls of this file's functions followed inside one another, at most. */
const MAX_CALL_DEPTH = 12;
/** Calls of this file's functions followed in one file, at most: each runs the function's body again. */
const MAX_INVOCATIONS = 2000;

/** The parameters of a function as one call fills them: by keyword, by position, else the default. */
function bindArguments(shape: FunctionShape, name: string, args: CallArguments): Map<string, SourceValue> {
  const bound = new Map<string, SourceValue>();
  for (const [param, { index, dflt }] of shape.params) {
    const passed = args.keywords.has(param) ? args.keywords.get(param) : args.positional[index];
    if (passed !== undefined) bound.set(param, passed);
    else if (args.spread) bound.set(param, new Unresolved(`comes from \`${param}\`, a parameter of \`${name}()\` passed through *args/**kwargs`));
    else if (dflt) bound.set(param, evaluatePython(dflt, shape.outer));
    else bound.set(param, new Unresolved(`comes from \`${param}\`, a parameter of \`${name}()\` the call does not pass`));
  }
  for (const splat of shape.splats) bound.set(splat.name, new Unresolved(`comes from \`${splat.name}\`, the ${splat.kind} of \`${name}()\``));
  return bound;
}

/** A key for a call whose arguments are all literals; undefined when one is only known at run time. */
function memoKey(def: Node, args: CallArguments, awaited: boolean): string | undefined {
  let literal = !args.spread;
  const text = JSON.stringify([def.id, awaited, args.positional, [...args.keywords]], (_k, v: unknown) => {
    if (v instanceof Unresolved) literal = false;
    return v;
  });
  return literal ? text : undefined;
}

function notAssigned(name: string): Unresolved {
  return new Unresolved(`comes from \`${name}\`, which is not assigned in this file`);
}

function paramsOf(fn: Node): Map<string, { index: number; dflt: Node | null }> {
  const out = new Map<string, { index: number; dflt: Node | null }>();
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((c): c is Node => c !== null) ?? [];
  params.forEach((p, index) => {
    const nameNode = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    if (!nameNode || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') return;
    out.set(nameNode.text, { index, dflt: p.childForFieldName('value') });
  });
  return out;
}
