import { MAX_FOR_ITEMS } from '../../limits';
import { clip, firstUnresolved, isObject, toNumber, Unresolved, type HclValue } from './hclValue';

type HclFunction = (args: HclValue[]) => HclValue;

const isList = (v: HclValue): v is HclValue[] => Array.isArray(v);

/**
 * The Terraform built-ins that decide instance types, counts, regions and tags in real
 * configurations. Anything else is reported as not evaluated rather than guessed.
 */
const FUNCTIONS: Record<string, HclFunction> = {
  merge: (args) => {
    const out: { [key: string]: HclValue } = {};
    for (const a of args) {
      if (a === null) continue;
      if (!isObject(a)) return new Unresolved('merge() of a value that is not a map');
      Object.assign(out, a);
    }
    return out;
  },
  lookup: ([map, key, fallback]) => {
    if (!isObject(map) || typeof key !== 'string') return new Unresolved('lookup() on an unknown map or key');
    if (key in map) return map[key];
    return fallback === undefined ? new Unresolved(`lookup(): key "${key}" is not in the map`) : fallback;
  },
  coalesce: (args) => args.find((a) => a !== null && a !== '') ?? new Unresolved('coalesce() found no non-empty value'),
  concat: (args) => (args.every(isList) ? args.flat() : new Unresolved('concat() of a value that is not a list')),
  max: (args) => numeric(args, (ns) => Math.max(...ns)),
  min: (args) => numeric(args, (ns) => Math.min(...ns)),
  abs: (args) => numeric(args, (ns) => Math.abs(ns[0])),
  ceil: (args) => numeric(args, (ns) => Math.ceil(ns[0])),
  floor: (args) => numeric(args, (ns) => Math.floor(ns[0])),
  tostring: ([v]) => (v === null || typeof v === 'object' ? new Unresolved('tostring() of a collection') : String(v)),
  tonumber: ([v]) => toNumber(v ?? null) ?? new Unresolved('tonumber() of a value that is not a number'),
  tomap: ([v]) => v ?? null,
  tolist: ([v]) => v ?? null,
  toset: ([v]) => (isList(v) ? [...new Map(v.map((x) => [JSON.stringify(x), x])).values()] : (v ?? null)),
  length: ([v]) =>
    isList(v) ? v.length : isObject(v) ? Object.keys(v).length : typeof v === 'string' ? [...v].length : new Unresolved('length() of an unknown value'),
  upper: ([v]) => (typeof v === 'string' ? v.toUpperCase() : new Unresolved('upper() of a value that is not a string')),
  lower: ([v]) => (typeof v === 'string' ? v.toLowerCase() : new Unresolved('lower() of a value that is not a string')),
  join: ([sep, list]) =>
    typeof sep === 'string' && isList(list) ? list.map((x) => String(x)).join(sep) : new Unresolved('join() of unknown values'),
  split: ([sep, s]) => (typeof sep === 'string' && typeof s === 'string' ? s.split(sep) : new Unresolved('split() of unknown values')),
  element: ([list, i]) =>
    isList(list) && typeof i === 'number' && list.length > 0 ? list[i % list.length] : new Unresolved('element() of unknown values'),
  keys: ([m]) => (isObject(m) ? Object.keys(m).sort() : new Unresolved('keys() of a value that is not a map')),
  values: ([m]) =>
    isObject(m) ? Object.keys(m).sort().map((k) => m[k]) : new Unresolved('values() of a value that is not a map'),
  format: ([fmt, ...rest]) => (typeof fmt === 'string' ? formatString(fmt, rest) : new Unresolved('format() with an unknown format')),
  replace: ([s, from, to]) =>
    typeof s === 'string' && typeof from === 'string' && typeof to === 'string' && !from.startsWith('/')
      ? s.split(from).join(to)
      : new Unresolved('replace() with unknown or regex arguments'),
  range: (args) => numberRange(args),
  substr: ([s, offset, length]) =>
    typeof s === 'string' && typeof offset === 'number' && typeof length === 'number'
      ? [...s].slice(offset, length < 0 ? undefined : offset + length).join('')
      : new Unresolved('substr() of unknown values'),
  trimspace: ([s]) => (typeof s === 'string' ? s.trim() : new Unresolved('trimspace() of a value that is not a string')),
  contains: ([list, v]) => (isList(list) && v !== undefined ? list.some((x) => sameValue(x, v)) : new Unresolved('contains() of a value that is not a list')),
  compact: ([list]) => (isList(list) ? list.filter((x) => x !== null && x !== '') : new Unresolved('compact() of a value that is not a list')),
  flatten: ([list]) => (isList(list) ? flat(list) : new Unresolved('flatten() of a value that is not a list')),
  distinct: ([list]) => (isList(list) ? list.filter((x, i) => list.findIndex((y) => sameValue(x, y)) === i) : new Unresolved('distinct() of a value that is not a list')),
  zipmap: ([ks, vs]) =>
    isList(ks) && isList(vs) && ks.length === vs.length && ks.every((k) => typeof k === 'string')
      ? Object.fromEntries(ks.map((k, i) => [k as string, vs[i]]))
      : new Unresolved('zipmap() of lists that are not keys and values of one length'),
  startswith: ([s, prefix]) => (typeof s === 'string' && typeof prefix === 'string' ? s.startsWith(prefix) : new Unresolved('startswith() of a value that is not a string')),
  endswith: ([s, suffix]) => (typeof s === 'string' && typeof suffix === 'string' ? s.endsWith(suffix) : new Unresolved('endswith() of a value that is not a string')),
};

/** Terraform compares collection elements by value: `contains(["a"], "a")`, maps and lists alike. */
function sameValue(a: HclValue, b: HclValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `flatten()` unnests lists of lists at any depth (maps stay elements). */
function flat(list: HclValue[]): HclValue[] {
  return list.flatMap((x) => (isList(x) ? flat(x) : [x]));
}

/** `range(n)`, `range(start, limit)`, `range(start, limit, step)`, bounded like a `for` expression. */
function numberRange(args: HclValue[]): HclValue {
  const ns = args.map((a) => toNumber(a));
  if (ns.length === 0 || ns.length > 3 || !ns.every((n): n is number => n !== undefined)) return new Unresolved('range() of unknown values');
  const [start, limit, step] = ns.length === 1 ? [0, ns[0], 1] : [ns[0], ns[1], ns[2] ?? (ns[1] >= ns[0] ? 1 : -1)];
  if (step === 0 || (limit - start) / step > MAX_FOR_ITEMS) return new Unresolved(`range() over more than ${MAX_FOR_ITEMS} numbers`);
  const out: number[] = [];
  for (let n = start; step > 0 ? n < limit : n > limit; n += step) out.push(n);
  return out;
}

function numeric(args: HclValue[], f: (ns: number[]) => number): HclValue {
  const ns = args.map((a) => toNumber(a));
  return ns.every((n): n is number => n !== undefined) && ns.length > 0 ? f(ns) : new Unresolved('arithmetic on unknown values');
}

function formatString(fmt: string, args: HclValue[]): HclValue {
  let i = 0;
  let failed = false;
  const out = fmt.replace(/%%|%[sdvf]/g, (m) => {
    if (m === '%%') return '%';
    const v = args[i++];
    if (v === undefined || (typeof v === 'object' && v !== null)) failed = true;
    return String(v);
  });
  return failed ? new Unresolved('format() with unknown arguments') : out;
}

/** `call` is the call's node: its text is read only for a function we do not evaluate. */
export function callFunction(name: string, args: HclValue[], call: { readonly text: string }): HclValue {
  const fn = FUNCTIONS[name];
  if (!fn) return new Unresolved(`function ${name}() is not evaluated statically (\`${clip(call.text)}\`)`);
  // merge() keeps unresolved values inside maps (a tag's value may be unknown); the others need every argument.
  for (const a of args) {
    const unresolved = name === 'merge' ? (a instanceof Unresolved ? a : undefined) : firstUnresolved(a);
    if (unresolved) return unresolved;
  }
  return fn(args);
}
