import { clip } from '../terraform/hclValue';
import { isPlainObject, type Plain } from '../shared/yamlSource';
import { CfnUnresolved, isCfnObject, type CfnValue } from './cfnValue';

/** What intrinsics can see: parameters with their defaults, mappings, conditions, resources, the region. */
export interface CfnScope {
  parameters: Record<string, CfnValue>;
  mappings: Record<string, Plain>;
  conditions: Record<string, Plain>;
  resources: ReadonlySet<string>;
  region: string;
  /** Conditions being evaluated, to stop `Condition` cycles. */
  evaluating?: Set<string>;
}

/** A `Ref` to another resource of the template: kept as a marker so a handler can follow it. */
export class ResourceRef extends CfnUnresolved {
  constructor(readonly logicalId: string, readonly attribute?: string) {
    super(`\`${logicalId}${attribute ? `.${attribute}` : ''}\` is known only after the stack is deployed`);
  }
}

const PSEUDO: Record<string, (s: CfnScope) => CfnValue> = {
  'AWS::Region': (s) => s.region,
  'AWS::Partition': () => 'aws',
  'AWS::URLSuffix': () => 'amazonaws.com',
  'AWS::NoValue': () => null,
};

/** Evaluates a property value, resolving every intrinsic it can; the rest become `CfnUnresolved`. */
export function evaluateCfn(value: Plain, scope: CfnScope): CfnValue {
  if (Array.isArray(value)) return value.map((v) => evaluateCfn(v, scope));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))) {
    return intrinsic(keys[0], value[keys[0]], scope);
  }
  const out: { [key: string]: CfnValue } = {};
  for (const k of keys) out[k] = evaluateCfn(value[k], scope);
  return out;
}

function intrinsic(fn: string, arg: Plain, scope: CfnScope): CfnValue {
  switch (fn) {
    case 'Ref':
      return ref(arg, scope);
    case 'Condition':
      return typeof arg === 'string' ? condition(arg, scope) : bad(fn, arg);
    case 'Fn::Sub':
      return sub(arg, scope);
    case 'Fn::Join':
      return join(arg, scope);
    case 'Fn::Select':
      return select(arg, scope);
    case 'Fn::FindInMap':
      return findInMap(arg, scope);
    case 'Fn::If':
      return ifFn(arg, scope);
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return logic(fn, arg, scope);
    case 'Fn::GetAtt':
      return getAtt(arg);
    case 'Fn::Split':
      return split(arg, scope);
    case 'Fn::Base64':
      return evaluateCfn(arg, scope);
    case 'Fn::GetAZs':
      return new CfnUnresolved('Fn::GetAZs lists zones only at deploy time');
    case 'Fn::ImportValue':
      return new CfnUnresolved(`Fn::ImportValue reads another stack's export at deploy time`);
    default:
      return new CfnUnresolved(`${fn} is not evaluated statically`);
  }
}

function bad(fn: string, arg: Plain): CfnUnresolved {
  return new CfnUnresolved(`malformed ${fn}: \`${clip(JSON.stringify(arg))}\``);
}

function ref(arg: Plain, scope: CfnScope): CfnValue {
  if (typeof arg !== 'string') return bad('Ref', arg);
  const pseudo = PSEUDO[arg];
  if (pseudo) return pseudo(scope);
  if (arg in scope.parameters) return scope.parameters[arg];
  if (scope.resources.has(arg)) return new ResourceRef(arg);
  if (arg.startsWith('AWS::')) return new CfnUnresolved(`${arg} is known only at deploy time`);
  return new CfnUnresolved(`Ref ${arg}: no parameter or resource of that name`);
}

function condition(name: string, scope: CfnScope): CfnValue {
  const expr = scope.conditions[name];
  if (expr === undefined) return new CfnUnresolved(`condition ${name} is not declared`);
  const evaluating = scope.evaluating ?? new Set<string>();
  if (evaluating.has(name)) return new CfnUnresolved(`condition ${name} refers to itself`);
  evaluating.add(name);
  const v = evaluateCfn(expr, { ...scope, evaluating });
  evaluating.delete(name);
  return v;
}

function text(v: CfnValue): string | CfnUnresolved {
  if (v instanceof CfnUnresolved) return v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return new CfnUnresolved(`\`${clip(JSON.stringify(v))}\` is not a string`);
}

/** `${Param}`, `${AWS::Region}`, `${Res.Attr}` and `${!Literal}`, with an optional variable map. */
function sub(arg: Plain, scope: CfnScope): CfnValue {
  const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof template !== 'string') return bad('Fn::Sub', arg);
  const locals = isPlainObject(vars) ? vars : {};
  let failure: CfnUnresolved | undefined;
  const out = template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const v = name in locals ? evaluateCfn(locals[name], scope) : name.includes('.') ? getAtt(name.split('.')) : ref(name, scope);
    const t = text(v);
    if (t instanceof CfnUnresolved) {
      failure ??= t;
      return whole;
    }
    return t;
  });
  return failure ?? out;
}

function join(arg: Plain, scope: CfnScope): CfnValue {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') return bad('Fn::Join', arg);
  const list = evaluateCfn(arg[1] ?? [], scope);
  if (list instanceof CfnUnresolved) return list;
  if (!Array.isArray(list)) return bad('Fn::Join', arg);
  const parts: string[] = [];
  for (const v of list) {
    const t = text(v);
    if (t instanceof CfnUnresolved) return t;
    parts.push(t);
  }
  return parts.join(arg[0]);
}

function select(arg: Plain, scope: CfnScope): CfnValue {
  if (!Array.isArray(arg) || arg.length !== 2) return bad('Fn::Select', arg);
  const index = evaluateCfn(arg[0], scope);
  const list = evaluateCfn(arg[1], scope);
  if (index instanceof CfnUnresolved) return index;
  if (list instanceof CfnUnresolved) return list;
  const i = Number(index);
  if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length) return bad('Fn::Select', arg);
  return list[i];
}

function findInMap(arg: Plain, scope: CfnScope): CfnValue {
  if (!Array.isArray(arg) || arg.length < 3) return bad('Fn::FindInMap', arg);
  const [map, top, second] = arg.slice(0, 3).map((a) => text(evaluateCfn(a, scope)));
  for (const k of [map, top, second]) if (k instanceof CfnUnresolved) return k;
  const found = lookupPath(scope.mappings, [map, top, second] as string[]);
  if (found !== undefined) return evaluateCfn(found, scope);
  // The language extension's fourth argument: { DefaultValue: ... }.
  const fallback = arg[3];
  if (isPlainObject(fallback) && 'DefaultValue' in fallback) return evaluateCfn(fallback.DefaultValue, scope);
  return new CfnUnresolved(`Mappings has no ${(map as string)}.${(top as string)}.${(second as string)}`);
}

function lookupPath(root: Plain, keys: string[]): Plain | undefined {
  let node: Plain | undefined = root;
  for (const k of keys) node = isPlainObject(node) ? node[k] : undefined;
  return node;
}

function ifFn(arg: Plain, scope: CfnScope): CfnValue {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return bad('Fn::If', arg);
  const c = condition(arg[0], scope);
  if (typeof c === 'boolean') return evaluateCfn(c ? arg[1] : arg[2], scope);
  const a = evaluateCfn(arg[1], scope);
  const b = evaluateCfn(arg[2], scope);
  if (!(a instanceof CfnUnresolved) && JSON.stringify(a) === JSON.stringify(b)) return a;
  return c instanceof CfnUnresolved ? c : new CfnUnresolved(`condition ${arg[0]} is not a boolean`);
}

function logic(fn: string, arg: Plain, scope: CfnScope): CfnValue {
  if (!Array.isArray(arg)) return bad(fn, arg);
  const values = arg.map((a) => evaluateCfn(a, scope));
  const unresolved = values.find((v) => v instanceof CfnUnresolved);
  if (fn === 'Fn::Equals') {
    if (unresolved) return unresolved;
    return values.length === 2 && JSON.stringify(values[0]) === JSON.stringify(values[1]);
  }
  if (unresolved || !values.every((v) => typeof v === 'boolean')) return unresolved ?? bad(fn, arg);
  const bools = values as boolean[];
  if (fn === 'Fn::Not') return !bools[0];
  return fn === 'Fn::And' ? bools.every(Boolean) : bools.some(Boolean);
}

function getAtt(arg: Plain): CfnValue {
  if (typeof arg === 'string') return getAtt(arg.split('.'));
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') return bad('Fn::GetAtt', arg);
  return new ResourceRef(arg[0], typeof arg[1] === 'string' ? arg[1] : undefined);
}

function split(arg: Plain, scope: CfnScope): CfnValue {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') return bad('Fn::Split', arg);
  const t = text(evaluateCfn(arg[1], scope));
  return t instanceof CfnUnresolved ? t : t.split(arg[0]);
}

export { isCfnObject };
