import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../../model';
import type { SourceValue } from './sourceValue';

/** An argument's value and where it is written. */
export interface Argument {
  value: SourceValue;
  range: SourceRange;
  /** The name when the argument is a bare name (`estimator=est`), to follow bindings. */
  name?: string;
  /** `system=build_system()`: the function of this file whose return value this is (lists and dicts carry it themselves). */
  returnedBy?: string;
}

/**
 * A call found in source, the same shape for Python and TypeScript: Python keyword
 * arguments and the properties of a TypeScript call's object argument are both `kwargs`.
 */
export interface CallSite {
  /** Dotted callee text: `client.chat.completions.create`, `sagemaker.estimator.Estimator`. */
  callee: string;
  /** The last segment of the callee: `create`, `Estimator`. */
  name: string;
  /** The callee's object when it is itself a call: `Model(...)` in `Model(...).deploy()`. */
  receiverCall?: CallSite;
  /** The callee's object when it is a plain name: `est` in `est.deploy()`. */
  receiverName?: string;
  kwargs: Map<string, Argument>;
  positional: Argument[];
  /** `**kwargs` / `...opts`: arguments not written here may still be passed. */
  hasSpread: boolean;
  range: SourceRange;
  /** Innermost enclosing function or method name; null at module level. */
  enclosingFunction: string | null;
  /** `x = Call(...)` (or `const x = ...`): the name the result is bound to. */
  assignedTo?: string;
}

/** The calls of one source file and what its names are bound to. */
export interface SourceFile {
  calls: CallSite[];
  /** The last call each name is assigned from, to follow `est = Estimator(...); est.deploy()`. */
  bindings: Map<string, CallSite>;
  /** Parse errors, as line numbers (0-based). */
  errorLines: number[];
}

/** The call a receiver name was bound to where `call` reads it, or the receiver call itself. */
export function receiverOf(file: SourceFile, call: CallSite): CallSite | undefined {
  if (call.receiverCall) return call.receiverCall;
  return call.receiverName ? bindingAt(file, call.receiverName, call) : undefined;
}

/**
 * The last `name = Call(...)` written before `at`: notebooks rebind `job` or `compute` cell
 * after cell, and each use means the one above it. A name only bound further down (a
 * function body reading a module name) falls back to the file's last binding.
 */
export function bindingAt(file: SourceFile, name: string, at: CallSite): CallSite | undefined {
  let found: CallSite | undefined;
  for (const c of file.calls) {
    if (!before(c.range.start, at.range.start)) break;
    if (c.assignedTo === name) found = c;
  }
  return found ?? file.bindings.get(name);
}

function before(a: SourceRange['start'], b: SourceRange['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

export function kwarg(call: CallSite, name: string): SourceValue | undefined {
  return call.kwargs.get(name)?.value;
}

const SYNTAX_ERROR = 'syntax error at ';

/**
 * Tree-sitter recovers from syntax errors; the reader should still know part of the file
 * may be missed. `label` names a 0-based line (a notebook names its cell); by default "line N".
 */
export function syntaxProblems(file: string, errorLines: readonly number[], label?: (line: number) => string): { file: string; message: string }[] {
  if (errorLines.length === 0) return [];
  const rows = [...new Set(errorLines)].slice(0, 5);
  const where = label ? rows.map(label).join(', ') : `line ${rows.map((l) => l + 1).join(', ')}`;
  return [{ file, message: `${SYNTAX_ERROR}${where}; calls near it may be missing` }];
}

export function isSyntaxProblem(skipped: { message: string }): boolean {
  return skipped.message.startsWith(SYNTAX_ERROR);
}

/** Expressions nested deeper than this are not evaluated (no real argument is; fuzzed input is). */
export const MAX_EVAL_DEPTH = 100;

/** Pre-order walk without recursion, so pathologically nested input cannot overflow the stack. */
export function walk(root: Node, f: (n: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    f(node);
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push(c);
    }
  }
}

/**
 * Every call in a tree, in source order, with the `x = Call()` bindings and the lines of
 * syntax errors; each language says which node types are calls and how to read one.
 * The calls are found inside the WASM runtime (`descendantsOfType`), so only call nodes
 * cross into JavaScript (`found` when the caller already has them); the full walk is kept
 * for files with syntax errors.
 */
export function collectCalls(root: Node, callTypes: readonly string[], toCall: (n: Node) => CallSite | undefined, found?: readonly (Node | null)[]): SourceFile {
  const calls: CallSite[] = [];
  const bindings = new Map<string, CallSite>();
  for (const node of found ?? root.descendantsOfType([...callTypes])) {
    const call = node && toCall(node);
    if (!call) continue;
    calls.push(call);
    if (call.assignedTo) bindings.set(call.assignedTo, call);
  }
  return { calls, bindings, errorLines: root.hasError ? errorLinesOf(root) : [] };
}

function errorLinesOf(root: Node): number[] {
  const lines: number[] = [];
  walk(root, (node) => {
    if (node.type === 'ERROR' || node.isMissing) lines.push(node.startPosition.row);
  });
  return lines;
}

export { nodeRange as rangeOf } from '../nodeRange';

/** The call with its positional arguments named by the callee's signature (keywords written win). */
export function withPositional(call: CallSite, params: readonly string[]): CallSite {
  if (call.positional.length === 0) return call;
  const kwargs = new Map(call.kwargs);
  call.positional.slice(0, params.length).forEach((arg, i) => {
    if (!kwargs.has(params[i])) kwargs.set(params[i], arg);
  });
  return { ...call, kwargs };
}

/** The call with keyword arguments renamed (`old → new`), as an SDK's older spellings map to its current ones. */
export function withRenamed(call: CallSite, renames: Readonly<Record<string, string>>): CallSite {
  if (![...call.kwargs.keys()].some((k) => k in renames)) return call;
  const kwargs = new Map<string, Argument>();
  for (const [k, v] of call.kwargs) if (!(k in renames)) kwargs.set(k, v);
  for (const [k, v] of call.kwargs) if (k in renames && !kwargs.has(renames[k])) kwargs.set(renames[k], v);
  return { ...call, kwargs };
}
