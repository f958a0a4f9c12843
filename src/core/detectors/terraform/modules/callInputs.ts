/**
 * The inputs of a module call as a known module reads them: scalars, and map or list inputs
 * (`eks_managed_node_groups`, `node_pools`) split into the places that write their entries, so
 * each node group's item sits on the lines that define it, in the call or in the `locals` it
 * names.
 */
import { EMPTY_ESTIMATE, type CostItem, type Provider, type SourceRange } from '../../../model';
import { evaluate } from '../hclEval';
import { nodeRange, type Origin } from '../../../parsing/hcl/hclSyntax';
import { attributesOf, unwrap, type HclNode } from '../../../parsing/hcl/hclTree';
import { isObject, Unresolved, type HclValue } from '../hclValue';
import type { ResourceEnv } from '../resourceEnv';

/** A `module` block being priced by its inputs: the block is `env.block`, the call's instance scope `env.scope`. */
export interface ModuleCallEnv extends ResourceEnv {
  /** The call's `source`, as written. */
  source: string;
  /** Says which path priced the call (the known module's inputs), for every item's assumptions. */
  pathNote: string;
}

/** One entry of a map or list input: its key (map key, or `name`, or index) and its value. */
export interface InputEntry {
  key: string;
  value: HclValue;
  /** The entry's expression when it is written as a literal, for what only its text tells. */
  node?: HclNode;
}

/** Where one or more entries are written: one object element, or a whole `for` expression. */
export interface InputSite {
  file: string;
  range: SourceRange;
  entries: InputEntry[];
}

/** An input as written on the call, `undefined` when the call does not set it. */
export function input(env: ModuleCallEnv, name: string): HclValue | undefined {
  const expr = attributesOf(env.block.body).get(name);
  return expr ? evaluate(expr, env.scope) : undefined;
}

/** A string input, or why it is not one. */
export function inputString(env: ModuleCallEnv, name: string): string | Unresolved | undefined {
  const v = input(env, name);
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unresolved || typeof v === 'string') return v;
  return typeof v === 'number' ? String(v) : new Unresolved(`${name} is not a string`);
}

/**
 * The sites of a map or list input. An object or tuple literal (in the call or in the local it
 * names) gives one site per element; anything else (a `for` expression, `merge()`, a variable)
 * one site for all its entries, at the expression.
 */
export function inputSites(env: ModuleCallEnv, name: string): InputSite[] | Unresolved | undefined {
  const expr = attributesOf(env.block.body).get(name);
  if (!expr) return undefined;
  const { node, file, origin } = definition(env, expr);
  const inner = unwrap(node);
  const literal = inner.type === 'collection_value' ? inner.namedChildren[0] : undefined;
  if (literal?.type === 'object') return objectSites(env, literal, file, origin);
  if (literal?.type === 'tuple') return tupleSites(env, literal, file, origin);
  const value = evaluate(node, env.scope);
  if (value instanceof Unresolved) return value;
  const entries = entriesOf(value);
  if (!entries) return new Unresolved(`${name} is not a map or list`);
  return [{ file, range: nodeRange(node, origin), entries }];
}

/** `local.x` is followed to its definition (within the calling module); any other expression is its own. */
function definition(env: ModuleCallEnv, expr: HclNode): { node: HclNode; file: string; origin: Origin } {
  const ref = /^local\.([A-Za-z_][\w-]*)$/.exec(unwrap(expr).text.trim());
  const local = ref ? env.module.localDefinition(ref[1]) : undefined;
  return local ? { node: local.expr, file: local.file, origin: local.origin } : { node: expr, file: env.file, origin: env.block.origin };
}

function objectSites(env: ModuleCallEnv, object: HclNode, file: string, origin: Origin): InputSite[] | Unresolved {
  const sites: InputSite[] = [];
  for (const elem of object.namedChildren) {
    if (elem.type !== 'object_elem') continue;
    const keyNode = elem.childForFieldName('key');
    const valNode = elem.childForFieldName('val');
    if (!keyNode || !valNode) continue;
    const key = keyText(keyNode, env);
    if (key instanceof Unresolved) return key;
    sites.push({ file, range: nodeRange(elem, origin), entries: [{ key, value: evaluate(valNode, env.scope), node: valNode }] });
  }
  return sites;
}

function tupleSites(env: ModuleCallEnv, tuple: HclNode, file: string, origin: Origin): InputSite[] {
  return tuple.namedChildren
    .filter((c) => c.type === 'expression')
    .map((c, i) => {
      const value = evaluate(c, env.scope);
      return { file, range: nodeRange(c, origin), entries: [{ key: entryName(value, i), value, node: c }] };
    });
}

/** A bare identifier key is its own text (`example = {...}`); anything else is evaluated. */
function keyText(keyNode: HclNode, env: ModuleCallEnv): string | Unresolved {
  const node = unwrap(keyNode);
  if (node.type === 'variable_expr' || (node.type === 'expression' && node.namedChildCount === 1 && node.namedChildren[0]?.type === 'variable_expr')) {
    return node.text.trim();
  }
  const v = evaluate(keyNode, env.scope);
  if (v instanceof Unresolved) return v;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : new Unresolved(`key \`${node.text}\` is not a string`);
}

function entriesOf(value: HclValue): InputEntry[] | undefined {
  if (Array.isArray(value)) return value.map((v, i) => ({ key: entryName(v, i), value: v }));
  if (isObject(value)) return Object.entries(value).map(([key, v]) => ({ key, value: v }));
  return undefined;
}

/** A list entry is known by its `name` attribute when it has one (GKE `node_pools`), else by index. */
function entryName(value: HclValue, index: number): string {
  return isObject(value) && typeof value.name === 'string' ? value.name : String(index);
}

/** An attribute of an entry, with the module's `*_defaults` map under it; `undefined` when neither sets it. */
export function field(entry: HclValue, name: string, defaults?: HclValue): HclValue | undefined {
  if (isObject(entry) && name in entry && entry[name] !== null) return entry[name];
  if (defaults !== undefined && isObject(defaults) && name in defaults && defaults[name] !== null) return defaults[name];
  return undefined;
}

/** The source text of an attribute of a literal entry (`node_locations = "${var.region}-b,..."`), if written. */
export function writtenText(entry: InputEntry, name: string): string | undefined {
  const object = entry.node && unwrap(entry.node).namedChildren[0];
  if (object?.type !== 'object') return undefined;
  for (const elem of object.namedChildren) {
    const key = elem.childForFieldName('key');
    if (elem.type === 'object_elem' && key && unwrap(key).text.trim() === name) return elem.childForFieldName('val')?.text;
  }
  return undefined;
}

/** A map input's string values as tags; a value not known statically reads as "(known after apply)". */
export function tagsOf(value: HclValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined || !isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '(known after apply)';
  return out;
}

/** An input the module prices from but whose value is not known statically: one unpriced item on the call, saying so. */
export function unreadableInput(env: ModuleCallEnv, name: string, why: Unresolved, provider: Provider): CostItem {
  return {
    file: env.file,
    range: nodeRange(env.block.node, env.block.origin),
    kind: 'cluster',
    resource: `${env.address}.${name}`,
    provider,
    region: null,
    sku: null,
    quantity: env.quantity,
    pricing: 'on-demand',
    accelerators: null,
    tags: {},
    estimate: EMPTY_ESTIMATE,
    assumptions: [env.pathNote],
    unpricedReason: `${name}: ${why.reason}`,
  };
}
