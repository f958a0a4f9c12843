import type { HclNode } from '../../parsing/hcl/hclSyntax';
import { decodeEscapes, soleNamedChild, unwrap } from '../../parsing/hcl/hclTree';
import { callFunction } from './hclFunctions';
import { clip, firstUnresolved, isObject, toNumber, Unresolved, type HclValue } from './hclValue';
import { MAX_FOR_ITEMS, type WorkBudget } from '../../limits';
import { oversizedValue } from './valueBounds';

export { Unresolved, type HclValue } from './hclValue';

/** Names an expression can refer to. `local` is lazy because locals refer to each other. */
export interface Scope {
  variables: Record<string, HclValue>;
  local(name: string): HclValue;
  /** `count.index`, `each.key`/`each.value`, and `for` iterators. */
  bindings?: Record<string, HclValue>;
  /** The analysis's work bounds; evaluation past them yields `Unresolved` saying so. */
  budget?: WorkBudget;
}

/** Real configurations nest a few levels; this bounds the recursion on hostile input. */
const MAX_DEPTH = 200;
let depth = 0;

export function evaluate(expr: HclNode, scope: Scope): HclValue {
  if (depth >= MAX_DEPTH) return new Unresolved(`expression nested deeper than ${MAX_DEPTH} levels`);
  const budget = scope.budget;
  if (budget) {
    if (depth === 0) budget.beginExpression();
    const stop = budget.step();
    if (stop) return new Unresolved(stop);
  }
  if (depth > 0) {
    depth++;
    const value = evaluateNode(unwrap(expr), scope);
    depth--;
    return value;
  }
  // Only the outermost call restores the depth when something throws: nothing in between catches.
  depth = 1;
  try {
    return evaluateNode(unwrap(expr), scope);
  } finally {
    depth = 0;
  }
}

function evaluateNode(node: HclNode, scope: Scope): HclValue {
  switch (node.type) {
    case 'literal_value':
      return literal(node, scope);
    case 'template_expr':
    case 'quoted_template':
    case 'heredoc_template':
    case 'string_lit':
      return oversizedValue(template(node, scope));
    case 'collection_value':
      return collection(node, scope);
    case 'expression':
      return evalTerm(node.namedChildren, scope, node);
    case 'variable_expr':
      return evalTerm([node], scope, node);
    case 'function_call':
      return oversizedValue(functionCall(node, scope));
    case 'conditional':
      return conditional(node, scope);
    case 'operation': {
      const op = node.firstNamedChild;
      return op ? operation(op, scope) : unresolvedText(node);
    }
    case 'unary_operation':
    case 'binary_operation':
      return operation(node, scope);
    case 'for_expr':
      return oversizedValue(forExpr(node, scope));
    default:
      return unresolvedText(node);
  }
}

function unresolvedText(node: HclNode): Unresolved {
  return new Unresolved(`cannot evaluate \`${clip(node.text)}\` statically`);
}

function literal(node: HclNode, scope: Scope): HclValue {
  const inner = node.firstNamedChild;
  if (!inner) return unresolvedText(node);
  switch (inner.type) {
    case 'string_lit':
      return template(inner, scope);
    case 'numeric_lit':
      return Number(inner.text);
    case 'bool_lit':
      return inner.text === 'true';
    case 'null_lit':
      return null;
    default:
      return unresolvedText(node);
  }
}

/**
 * Rebuilds a template from the source between its delimiters, so spacing the grammar
 * leaves out of `template_literal` nodes is kept, and evaluates its interpolations.
 */
function template(node: HclNode, scope: Scope, keepUnknowns = false): HclValue {
  const parts = node.type === 'template_expr' ? node.firstNamedChild : node;
  if (!parts) return unresolvedText(node);
  const children = parts.children;
  const isHeredoc = parts.type === 'heredoc_template';
  const open = isHeredoc ? children.find((c) => c.type === 'heredoc_identifier') : children[0];
  const close = children[children.length - 1];
  if (!open || !close || open === close) return '';
  let cursor = open.endIndex;
  let out = '';
  for (const child of children) {
    if (child.startIndex < cursor || child === close) continue;
    if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
    if (child.type === 'template_directive') return unresolvedText(child);
    out += parts.textBetween(cursor, child.startIndex);
    const inner = child.namedChildOfType('expression');
    const value = inner ? evaluate(inner, scope) : unresolvedText(child);
    const unknown = value instanceof Unresolved || (typeof value === 'object' && value !== null);
    if (unknown && !keepUnknowns) return value instanceof Unresolved ? value : new Unresolved(`\`${clip(child.text)}\` is not a string`);
    out += unknown ? child.text : String(value ?? '');
    cursor = child.endIndex;
  }
  out += parts.textBetween(cursor, close.startIndex);
  return isHeredoc ? heredocText(out, children.some((c) => c.text === '<<-')) : decodeEscapes(out);
}

/**
 * A string or heredoc whose unknown interpolations (`${module.eks.cluster_name}`) stay as
 * written: a manifest in a heredoc is still readable when only names and ARNs are known after
 * apply. Anything but a template is evaluated as usual.
 */
export function templateKeepingUnknowns(expr: HclNode, scope: Scope): HclValue {
  const node = unwrap(expr);
  const inner = node.type === 'literal_value' ? node.firstNamedChild : node;
  if (inner && ['template_expr', 'quoted_template', 'heredoc_template', 'string_lit'].includes(inner.type)) return oversizedValue(template(inner, scope, true));
  return evaluate(expr, scope);
}

/** Heredocs start after the opening line; `<<-` strips the common indentation, as Terraform does. */
function heredocText(raw: string, indented: boolean): string {
  const body = raw.replace(/^[^\n]*\n/, '');
  if (!indented) return body;
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

function collection(node: HclNode, scope: Scope): HclValue {
  const inner = node.firstNamedChild;
  if (!inner) return unresolvedText(node);
  if (inner.type === 'tuple') {
    const items: HclValue[] = [];
    for (const c of inner.children) if (c.isNamed && c.type === 'expression') items.push(evaluate(c, scope));
    return items;
  }
  const out: { [key: string]: HclValue } = {};
  for (const elem of inner.children) {
    if (!elem.isNamed || elem.type !== 'object_elem') continue;
    const keyNode = elem.childForFieldName('key');
    const valNode = elem.childForFieldName('val');
    if (!keyNode || !valNode) continue;
    const key = objectKey(keyNode, scope);
    if (key instanceof Unresolved) return key;
    out[key] = evaluate(valNode, scope);
  }
  return out;
}

/** In `{ team = "x" }` a bare identifier key is the key itself, not a variable. */
function objectKey(keyNode: HclNode, scope: Scope): string | Unresolved {
  const node = unwrap(keyNode);
  const only = node.type === 'expression' ? soleNamedChild(node) : null;
  if (only?.type === 'variable_expr') return only.text;
  if (node.type === 'variable_expr') return node.text;
  const value = evaluate(keyNode, scope);
  if (value instanceof Unresolved) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return new Unresolved(`object key \`${clip(keyNode.text)}\` is not a string`);
}

const ACCESSORS = new Set(['get_attr', 'index', 'splat']);

/**
 * A term and its accessors: `var.x`, `local.y[0]`, `count.index`, `each.value.size`,
 * `split(",", s)[0]`. The grammar lays these out as siblings, not as a nested tree.
 */
function evalTerm(nodes: readonly HclNode[], scope: Scope, whole: HclNode): HclValue {
  const base = nodes[0];
  if (!base) return unresolvedText(whole);
  let value: HclValue;
  // The accessors applied to the base start here.
  let next = 1;
  if (base.type === 'variable_expr') {
    const name = base.text;
    if (name === 'var' || name === 'local') {
      const first = nodes[1];
      if (first?.type !== 'get_attr') return unresolvedText(whole);
      const attr = getAttrName(first);
      // A declared variable may hold null (`default = null`): only a missing key is undeclared.
      value = name === 'var' ? (Object.hasOwn(scope.variables, attr) ? scope.variables[attr] : new Unresolved(`variable "${attr}" is not declared`)) : scope.local(attr);
      next = 2;
    } else if (scope.bindings && name in scope.bindings) {
      value = scope.bindings[name];
    } else {
      return new Unresolved(`\`${clip(whole.text)}\` is known only after apply`);
    }
  } else {
    value = evaluate(base, scope);
  }
  for (let i = next; i < nodes.length; i++) {
    if (value instanceof Unresolved) return value;
    value = applyStep(value, nodes[i], scope);
  }
  return value;
}

function getAttrName(step: HclNode): string {
  return step.namedChildOfType('identifier')?.text ?? '';
}

function applyStep(value: HclValue, step: HclNode, scope: Scope): HclValue {
  if (step.type === 'get_attr') return member(value, getAttrName(step), step);
  if (step.type === 'index') {
    const legacy = step.firstNamedChild;
    if (legacy?.type === 'legacy_index') return member(value, legacy.text.replace(/^\./, ''), step);
    const keyExpr = step.firstDescendantOfType('expression');
    if (!keyExpr) return unresolvedText(step);
    const key = evaluate(keyExpr, scope);
    if (key instanceof Unresolved) return key;
    return member(value, String(key), step);
  }
  return new Unresolved(`\`${clip(step.text)}\` (splat) is not evaluated statically`);
}

function member(value: HclValue, key: string, step: HclNode): HclValue {
  if (Array.isArray(value)) {
    const i = Number(key);
    return Number.isInteger(i) && i >= 0 && i < value.length ? value[i] : new Unresolved(`index ${key} is out of range`);
  }
  if (isObject(value) && key in value) return value[key];
  return new Unresolved(`\`${clip(step.text)}\` does not exist in the value`);
}

function functionCall(node: HclNode, scope: Scope): HclValue {
  const name = node.namedChildOfType('identifier')?.text ?? '';
  const argsNode = node.namedChildOfType('function_arguments');
  const argNodes = argsNode ? argsNode.children : [];
  // `try` must see each argument's failure rather than short-circuit on it.
  if (name === 'try') {
    for (const arg of argNodes) {
      if (!arg.isNamed || arg.type !== 'expression') continue;
      const v = evaluate(arg, scope);
      if (!firstUnresolved(v)) return v;
    }
    return new Unresolved(`no argument of \`${clip(node.text)}\` could be evaluated`);
  }
  const args: HclValue[] = [];
  // `f(xs...)` passes the last argument's elements as arguments.
  let expand = false;
  for (const arg of argNodes) {
    if (arg.isNamed && arg.type === 'expression') args.push(evaluate(arg, scope));
    else if (arg.type === '...') expand = true;
  }
  return callFunction(name, expand ? expandLast(args) : args, node);
}

function expandLast(args: HclValue[]): HclValue[] {
  const last = args[args.length - 1];
  return Array.isArray(last) ? [...args.slice(0, -1), ...last] : args;
}

function conditional(node: HclNode, scope: Scope): HclValue {
  const [cond, yes, no] = node.children.filter((c) => c.isNamed && c.type === 'expression');
  if (!cond || !yes || !no) return unresolvedText(node);
  const c = evaluate(cond, scope);
  if (typeof c === 'boolean') return evaluate(c ? yes : no, scope);
  const a = evaluate(yes, scope);
  const b = evaluate(no, scope);
  // Both branches agree: the condition does not matter.
  if (!(a instanceof Unresolved) && JSON.stringify(a) === JSON.stringify(b)) return a;
  return c instanceof Unresolved ? c : unresolvedText(cond);
}

function operation(op: HclNode, scope: Scope): HclValue {
  const node = op;
  const { operator, terms } = splitOperands(op);
  const values = terms.map((t) => evalTerm(t, scope, op));
  const bad = values.find((v) => v instanceof Unresolved);
  if (bad) return bad;
  if (op.type === 'unary_operation') return unary(operator, values[0], node);
  return binary(operator, values[0], values[1], node);
}

/** Groups an operation's children into operand terms (a base plus accessors) and its operator. */
function splitOperands(op: HclNode): { operator: string; terms: HclNode[][] } {
  let operator = '';
  const terms: HclNode[][] = [];
  for (const child of op.children) {
    if (!child) continue;
    if (!child.isNamed) {
      // Parentheses group the operand that follows; they are not the operator.
      if (child.type !== '(' && child.type !== ')') operator ||= child.type;
      continue;
    }
    const current = terms[terms.length - 1];
    if (ACCESSORS.has(child.type) && current) current.push(child);
    else terms.push([child]);
  }
  return { operator, terms };
}

function unary(operator: string, v: HclValue, node: HclNode): HclValue {
  if (operator === '-' && typeof v === 'number') return -v;
  if (operator === '!' && typeof v === 'boolean') return !v;
  return unresolvedText(node);
}

function binary(operator: string, a: HclValue, b: HclValue, node: HclNode): HclValue {
  const na = toNumber(a);
  const nb = toNumber(b);
  switch (operator) {
    case '==':
      return JSON.stringify(a) === JSON.stringify(b);
    case '!=':
      return JSON.stringify(a) !== JSON.stringify(b);
    case '&&':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : unresolvedText(node);
    case '||':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : unresolvedText(node);
  }
  if (na === undefined || nb === undefined) return unresolvedText(node);
  switch (operator) {
    case '+':
      return na + nb;
    case '-':
      return na - nb;
    case '*':
      return na * nb;
    case '/':
      return nb === 0 ? unresolvedText(node) : na / nb;
    case '%':
      return nb === 0 ? unresolvedText(node) : na % nb;
    case '<':
      return na < nb;
    case '>':
      return na > nb;
    case '<=':
      return na <= nb;
    case '>=':
      return na >= nb;
    default:
      return unresolvedText(node);
  }
}

/** `[for x in xs : f(x) if p(x)]` and `{for k, v in m : k => v}` over known collections. */
function forExpr(node: HclNode, scope: Scope): HclValue {
  const inner = node.namedChildren[0];
  const intro = inner?.namedChildren.find((c) => c.type === 'for_intro');
  if (!inner || !intro) return unresolvedText(node);
  const names = intro.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  const source = intro.namedChildren.find((c) => c.type === 'expression');
  const coll = source ? evaluate(source, scope) : unresolvedText(node);
  if (coll instanceof Unresolved) return coll;
  const entries: [HclValue, HclValue][] = Array.isArray(coll)
    ? coll.map((v, i) => [i, v])
    : isObject(coll)
      ? Object.entries(coll)
      : [];
  if (entries.length > MAX_FOR_ITEMS) return new Unresolved(`\`for\` over ${entries.length} elements is over the ${MAX_FOR_ITEMS} bound`);
  const exprs = inner.namedChildren.filter((c) => c.type === 'expression');
  const cond = inner.namedChildren.find((c) => c.type === 'for_cond')?.namedChildren.find((c) => c.type === 'expression');
  const isObjectFor = inner.type === 'for_object_expr';
  const results: HclValue[] = [];
  const objectOut: { [key: string]: HclValue } = {};
  for (const [k, v] of entries) {
    const bindings = { ...scope.bindings, ...(names.length === 2 ? { [names[0]]: k, [names[1]]: v } : { [names[0]]: v }) };
    const inner2: Scope = { ...scope, bindings };
    if (cond) {
      const keep = evaluate(cond, inner2);
      if (keep instanceof Unresolved) return keep;
      if (keep !== true) continue;
    }
    if (isObjectFor) {
      const key = exprs[0] ? evaluate(exprs[0], inner2) : unresolvedText(node);
      if (key instanceof Unresolved) return key;
      objectOut[String(key)] = exprs[1] ? evaluate(exprs[1], inner2) : unresolvedText(node);
    } else {
      results.push(exprs[0] ? evaluate(exprs[0], inner2) : unresolvedText(node));
    }
  }
  return isObjectFor ? objectOut : results;
}
