/**
 * Runs Python statements as the interpreter would, binding what each assigns (lazily: most
 * assignments are never read by a priced call); `pythonScopes.ts` decides which bindings a
 * name is read from.
 */
import type { Node } from 'web-tree-sitter';
import { MAX_EVAL_DEPTH } from './callSites';
import { clip, evaluatePython, Imported, LocalFunction, truthy, type NameReader } from './pythonValues';
import { alternatives, arithmetic, combine, option, Unresolved, type Option, type Pick, type SourceValue } from './sourceValue';

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
export class Bindings {
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
export interface BlockEnv {
  out: Bindings;
  read: (row: number) => NameReader;
  /** The value a `def` statement binds its name to. */
  define: (def: Node) => SourceValue;
}

/** Runs a block's statements in order, binding what each assigns, as the interpreter would. */
export function runBlock(statements: readonly (Node | null)[], env: BlockEnv, depth: number): void {
  if (depth > MAX_EVAL_DEPTH) return;
  for (const stmt of statements) if (stmt) runStatement(stmt, env, depth);
}

export function runStatement(stmt: Node, env: BlockEnv, depth: number): void {
  const row = stmt.startPosition.row;
  switch (stmt.type) {
    case 'expression_statement':
      for (const e of stmt.namedChildren) {
        if (e?.type === 'assignment' || e?.type === 'augmented_assignment') assign(e, env, row);
        else if (e?.type === 'call') growList(e, env, row);
      }
      return;
    case 'if_statement':
      runIf(stmt, env, depth);
      return;
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
    case 'function_definition':
    case 'decorated_definition': {
      const def = stmt.type === 'function_definition' ? stmt : stmt.childForFieldName('definition');
      const name = def?.childForFieldName('name')?.text;
      if (def?.type !== 'function_definition' || !name) return;
      // A decorator may replace the function, so what a call of it returns is not this body's.
      const decorated = new Unresolved(`is the return value of \`${name}()\`, wrapped by a decorator (\`${clip(stmt.namedChildren[0]?.text ?? '')}\`)`);
      env.out.add(name, row, stmt === def ? env.define(def) : new LocalFunction(name, () => decorated));
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
 * Runs the statements of one branch; true when every path through them leaves the function
 * (`return`, `raise`). `branch` is the decision taken to get there, when it was not decidable.
 */
type BranchRunner = (statements: readonly (Node | null)[], env: BlockEnv, depth: number, branch?: Pick) => boolean;

const plainBranch: BranchRunner = (statements, env, depth) => {
  runBlock(statements, env, depth);
  return false;
};

/**
 * `if/elif/else`: when the conditions are known, the branch taken runs as plain code; when
 * not, each possible branch runs on its own and the names they assign become options.
 * True when every branch that may run leaves the function.
 */
function runIf(stmt: Node, env: BlockEnv, depth: number, runBranch: BranchRunner = plainBranch): boolean {
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
  if (possible.length === 1) return runBranch(possible[0].block?.namedChildren ?? [], env, depth + 1);
  const decision = `if ${stmt.id}`;
  const runs = possible.map((branch) => {
    const own = new Bindings();
    const branchEnv: BlockEnv = { out: own, read: (r) => (name) => own.before(name, r) ?? env.read(r)(name), define: env.define };
    const leaves = runBranch(branch.block?.namedChildren ?? [], branchEnv, depth + 1, { decision, when: branch.label });
    return { branch, own, leaves };
  });
  const end = stmt.endPosition.row;
  const assigned = new Set(runs.flatMap((r) => r.own.names()));
  for (const name of assigned) {
    env.out.add(name, end, () => {
      const options: Option[] = runs.map(({ branch, own }) => option(own.before(name, Infinity) ?? read(name), decision, branch.label));
      return alternatives(options);
    });
  }
  return runs.every((r) => r.leaves);
}

/**
 * Runs a function body for one call and collects what its `return` statements give (each
 * with the branch decisions that reach it) into `returns`. True when every path returns or raises.
 */
export function runReturning(statements: readonly (Node | null)[], env: BlockEnv, depth: number, returns: Option[], picks: readonly Pick[]): boolean {
  if (depth > MAX_EVAL_DEPTH) return false;
  for (const stmt of statements) {
    if (!stmt) continue;
    switch (stmt.type) {
      case 'return_statement': {
        const expr = stmt.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
        returns.push({ value: expr ? evaluatePython(expr, env.read(stmt.startPosition.row)) : null, picks });
        return true;
      }
      case 'raise_statement': return true;
      case 'if_statement':
        if (runIf(stmt, env, depth, (body, branchEnv, d, pick) => runReturning(body, branchEnv, d, returns, pick ? [...picks, pick] : picks))) return true;
        break;
      default:
        runStatement(stmt, env, depth);
        // A loop may return on any pass, or never: its returns are not followed.
        if ((stmt.type === 'for_statement' || stmt.type === 'while_statement' || stmt.type === 'with_statement' || stmt.type === 'try_statement') && stmt.descendantsOfType('return_statement').length > 0) {
          returns.push({ value: new Unresolved(`is returned inside a \`${stmt.type.replace('_statement', '')}\` block (line ${stmt.startPosition.row + 1})`), picks });
        }
    }
  }
  return false;
}
