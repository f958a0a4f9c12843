import type { Node } from 'web-tree-sitter';
import { MAX_EVAL_DEPTH } from './callSites';
import { clip, evaluatePython, Imported, truthy, type NameReader } from './pythonValues';
import { alternatives, arithmetic, combine, option, Unresolved, type Option, type SourceValue } from './sourceValue';

/** A value computed when first read: most assignments are never read by a priced call. */
type Lazy = () => SourceValue;

function lazy(compute: Lazy): Lazy {
  let state: 'new' | 'computing' | 'done' = 'new';
  let value: SourceValue = null;
  return () => {
    if (state === 'done') return value;
    if (state === 'computing') return new Unresolved('is defined in terms of itself');
    state = 'computing';
    value = compute();
    state = 'done';
    return value;
  };
}

/** A name's assignments in one scope, in source order (row = where the value is visible from). */
class Bindings {
  private readonly byName = new Map<string, { row: number; value: Lazy }[]>();

  add(name: string, row: number, value: SourceValue | Lazy): void {
    const entry = { row, value: typeof value === 'function' ? lazy(value) : () => value };
    const list = this.byName.get(name);
    if (list) list.push(entry);
    else this.byName.set(name, [entry]);
  }

  /** The value code on `row` sees (Infinity: the last one, as a function body sees the module). */
  before(name: string, row: number): SourceValue | undefined {
    const list = this.byName.get(name) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].row < row) return list[i].value();
    return undefined;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

/** The bindings a branch or block writes to, and how it reads names on a row. */
interface BlockEnv {
  out: Bindings;
  read: (row: number) => NameReader;
}

/** Runs a block's statements in order, binding what each assigns, as the interpreter would. */
function runBlock(statements: readonly (Node | null)[], env: BlockEnv, depth: number): void {
  if (depth > MAX_EVAL_DEPTH) return;
  for (const stmt of statements) if (stmt) runStatement(stmt, env, depth);
}

function runStatement(stmt: Node, env: BlockEnv, depth: number): void {
  const row = stmt.startPosition.row;
  switch (stmt.type) {
    case 'expression_statement':
      for (const e of stmt.namedChildren) {
        if (e?.type === 'assignment' || e?.type === 'augmented_assignment') assign(e, env, row);
        else if (e?.type === 'call') growList(e, env, row);
      }
      return;
    case 'if_statement': return runIf(stmt, env, depth);
    case 'with_statement':
    case 'try_statement':
      // The body runs (an exception is the exception); `with ... as x` binds a run-time object.
      for (const c of stmt.namedChildren) {
        if (c?.type === 'block') runBlock(c.namedChildren, env, depth + 1);
        else if (c?.type === 'else_clause' || c?.type === 'finally_clause') runBlock(blockOf(c)?.namedChildren ?? [], env, depth + 1);
      }
      return;
    case 'for_statement': {
      const left = stmt.childForFieldName('left');
      for (const name of targetNames(left)) env.out.add(name, row, new Unresolved(`comes from \`${name}\`, a loop variable (\`for ${clip(left?.text ?? '')} in ...\`)`));
      runBlock(stmt.childForFieldName('body')?.namedChildren ?? [], env, depth + 1);
      return;
    }
    case 'import_statement':
    case 'import_from_statement':
      for (const name of importedNames(stmt)) env.out.add(name, row, new Imported(name, clip(stmt.text)));
      return;
    default:
  }
}

function blockOf(clause: Node): Node | null {
  return clause.childForFieldName('body') ?? clause.namedChildren.find((c) => c?.type === 'block') ?? null;
}

/** `x = v`, `a, b = 1, 2`, `a = b = v`, `x += v`. */
function assign(node: Node, env: BlockEnv, row: number): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return;
  const read = env.read(row);
  if (node.type === 'augmented_assignment') {
    if (left.type !== 'identifier') return;
    const op = node.childForFieldName('operator')?.text.replace(/=$/, '') ?? '';
    env.out.add(left.text, row, () => arithmetic(op, read(left.text), evaluatePython(right, read)));
    return;
  }
  if (right.type === 'assignment') assign(right, env, row);
  const source = right.type === 'assignment' ? right.childForFieldName('left') : right;
  if (source) bindTarget(left, lazy(() => evaluatePython(source, read)), env, row);
}

/** `specs.append(x)` / `specs.extend([...])` on a list name: later reads see the grown list, as notebooks build worker pools cell by cell. */
function growList(call: Node, env: BlockEnv, row: number): void {
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const target = fn?.childForFieldName('object');
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  if ((method !== 'append' && method !== 'extend') || target?.type !== 'identifier' || args.length !== 1 || args[0].type === 'keyword_argument') return;
  const read = env.read(row);
  env.out.add(target.text, row, () => combine([read(target.text), evaluatePython(args[0], read)], (list, v) => {
    if (!Array.isArray(list)) return list;
    if (method === 'append') return [...list, v];
    return Array.isArray(v) ? [...list, ...v] : new Unresolved(`is extended with a value known only at run time (\`${clip(call.text)}\`)`);
  }));
}

function bindTarget(target: Node, value: Lazy, env: BlockEnv, row: number): void {
  if (target.type === 'identifier') {
    env.out.add(target.text, row, value);
    return;
  }
  if (!['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(target.type)) return;
  const parts = target.namedChildren.filter((c): c is Node => c !== null);
  parts.forEach((part, i) => {
    const element = () => combine([value()], (v) => (Array.isArray(v) && v.length === parts.length ? v[i] : v instanceof Unresolved ? v : new Unresolved('is unpacked from a value of another shape')));
    bindTarget(part, lazy(element), env, row);
  });
}

function targetNames(node: Node | null): string[] {
  if (!node) return [];
  if (node.type === 'identifier') return [node.text];
  return node.namedChildren.flatMap((c) => targetNames(c));
}

function importedNames(stmt: Node): string[] {
  const from = stmt.childForFieldName('module_name')?.id;
  return stmt.namedChildren.flatMap((c) => {
    if (c?.type === 'aliased_import') return [c.childForFieldName('alias')?.text ?? ''];
    if (c?.type === 'dotted_name' && c.id !== from) return [c.text.split('.')[0]];
    return [];
  }).filter(Boolean);
}

interface Branch {
  block: Node | null;
  label: string;
}

/**
 * `if/elif/else`: when the conditions are known, the branch taken runs as plain code; when
 * not, each possible branch runs on its own and the names they assign become options.
 */
function runIf(stmt: Node, env: BlockEnv, depth: number): void {
  const row = stmt.startPosition.row;
  const read = env.read(row);
  const clauses = [stmt, ...stmt.namedChildren.filter((c): c is Node => c?.type === 'elif_clause')];
  const elseClause = stmt.namedChildren.find((c) => c?.type === 'else_clause') ?? null;
  const firstTest = clip(stmt.childForFieldName('condition')?.text ?? '');
  const possible: Branch[] = [];
  let decided = false;
  for (const clause of clauses) {
    const cond = clause.childForFieldName('condition');
    const truth = cond ? truthy(evaluatePython(cond, read)) : undefined;
    if (truth === false) continue;
    possible.push({ block: clause.childForFieldName('consequence'), label: `${clause === stmt ? 'if' : 'elif'} \`${clip(cond?.text ?? '')}\`` });
    if (truth === true) { decided = true; break; }
  }
  if (!decided) possible.push({ block: elseClause ? blockOf(elseClause) : null, label: `${elseClause ? 'else' : 'unless'} of \`if ${firstTest}\`` });
  if (possible.length === 1) {
    runBlock(possible[0].block?.namedChildren ?? [], env, depth + 1);
    return;
  }
  const runs = possible.map((branch) => {
    const own = new Bindings();
    const branchEnv: BlockEnv = { out: own, read: (r) => (name) => own.before(name, r) ?? env.read(r)(name) };
    runBlock(branch.block?.namedChildren ?? [], branchEnv, depth + 1);
    return { branch, own };
  });
  const end = stmt.endPosition.row;
  const assigned = new Set(runs.flatMap((r) => r.own.names()));
  for (const name of assigned) {
    env.out.add(name, end, () => {
      const options: Option[] = runs.map(({ branch, own }) => option(own.before(name, Infinity) ?? read(name), `if ${stmt.id}`, branch.label));
      return alternatives(options);
    });
  }
}

interface FunctionScope {
  node: Node;
  name: string;
  params: Map<string, { index: number; dflt: Node | null }>;
  locals: Bindings;
  isMethod: boolean;
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

  /** `calls`: every call node of the tree, to find a function's callers. */
  /** Every function of the file by its byte span, to find a node's enclosing ones without walking parents. */
  private readonly spans: { node: Node; start: number; end: number }[];

  constructor(root: Node, private readonly calls: readonly (Node | null)[]) {
    this.spans = root.descendantsOfType('function_definition').filter((n): n is Node => n !== null)
      .map((node) => ({ node, start: node.startIndex, end: node.endIndex }))
      .sort((a, b) => (a.end - a.start) - (b.end - b.start));
    runBlock(root.namedChildren, { out: this.module, read: (row) => this.moduleReader(row) }, 0);
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
    runBlock(fn.childForFieldName('body')?.namedChildren ?? [], { out: scope.locals, read }, 0);
    this.functions.set(fn.id, scope);
    return scope;
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
