import type { Node, Parser } from 'web-tree-sitter';
import { createParser } from '../treeSitter';
import { collectCalls, MAX_EVAL_DEPTH, rangeOf, type Argument, type CallSite, type SourceFile } from './callSites';

import { PythonScopes } from './pythonScopes';
import { evaluatePython, LocalFunction, type NameReader } from './pythonValues';
import { isRecord } from './sourceValue';

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
    const callNodes = tree.rootNode.descendantsOfType('call');
    const scopes = new PythonScopes(tree.rootNode, callNodes);
    return collectCalls(tree.rootNode, ['call'], (n) => toCall(n, scopes), callNodes);
  } finally {
    tree.delete();
  }
}

/** `enclosing` is the call's function, found once per call: a receiver call shares its caller's. */
function toCall(node: Node, scopes: PythonScopes, depth = 0, enclosing = enclosingName(scopes, node)): CallSite | undefined {
  if (depth > MAX_EVAL_DEPTH) return undefined;
  const fn = node.childForFieldName('function');
  const argList = node.childForFieldName('arguments');
  if (!fn || !argList) return undefined;
  const constants = scopes.readerAt(node);
  const kwargs = new Map<string, Argument>();
  const positional: Argument[] = [];
  let hasSpread = false;
  for (const arg of argList.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) kwargs.set(name.text, argument(value, constants));
    } else if (arg.type === 'dictionary_splat') {
      // `**params` of a literal dict passes its keys as keyword arguments.
      const spread = arg.namedChildren[0] ? evaluatePython(arg.namedChildren[0], constants) : undefined;
      if (isRecord(spread)) {
        for (const [k, value] of Object.entries(spread)) if (!kwargs.has(k)) kwargs.set(k, { value, range: rangeOf(arg) });
      } else hasSpread = true;
    } else if (arg.type === 'list_splat') {
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
    receiverCall: object?.type === 'call' ? toCall(object, scopes, depth + 1, enclosing) : undefined,
    receiverName: object?.type === 'identifier' ? object.text : undefined,
    kwargs,
    positional,
    hasSpread,
    range: rangeOf(node),
    enclosingFunction: enclosing,
    assignedTo: assignedName(node),
  };
}

function argument(node: Node, constants: NameReader): Argument {
  const value = evaluatePython(node, constants);
  return { value, range: rangeOf(node), name: node.type === 'identifier' ? node.text : undefined, returnedBy: typeof value === 'string' ? localCallee(node, constants) : undefined };
}

/** `f(...)` or `await f(...)` where `f` is a function of this file: `f()`. */
function localCallee(node: Node, constants: NameReader): string | undefined {
  let n: Node | null = node;
  while (n && (n.type === 'await' || n.type === 'parenthesized_expression')) n = n.namedChildren[0];
  const fn = n?.type === 'call' ? n.childForFieldName('function') : null;
  return fn?.type === 'identifier' && constants(fn.text) instanceof LocalFunction ? `${fn.text}()` : undefined;
}

function enclosingName(scopes: PythonScopes, node: Node): string | null {
  const [innermost] = scopes.enclosingFunctions(node);
  return innermost ? (innermost.childForFieldName('name')?.text ?? null) : null;
}

/** `x = call(...)` or `x = await call(...)`. */
function assignedName(node: Node): string | undefined {
  let n: Node | null = node.parent;
  if (n?.type === 'await') n = n.parent;
  if (n?.type !== 'assignment') return undefined;
  const left = n.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

