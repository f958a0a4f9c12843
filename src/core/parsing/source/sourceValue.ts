/** Values of literal arguments read from Python or TypeScript source, without running it. */

/** A value only known when the program runs (a parameter, an env var, a function result). */
export class Unresolved {
  constructor(readonly reason: string) {}
}

/** A string with run-time parts (an f-string, a template literal): its literal text is still countable. */
export class DynamicText extends Unresolved {
  constructor(
    reason: string,
    readonly literal: string,
    /** How many interpolated parts the text has. */
    readonly holes: number,
  ) {
    super(reason);
  }
}

/**
 * A run-time value with a literal that runs unless something outside the file changes it:
 * `os.environ.get("NAME", "default")`, or `%store -r NAME` where a notebook beside this one
 * stores a literal.
 */
export class DefaultedValue extends Unresolved {
  constructor(
    reason: string,
    /** The literal that runs by default, when there is one. */
    readonly fallback: SourceValue | undefined,
    /** Why the fallback is what runs: `its default, which runs when NAME is not set`. */
    readonly fallbackNote: string,
  ) {
    super(reason);
  }
}

export type SourceValue = string | number | boolean | null | Unresolved | SourceValue[] | { [key: string]: SourceValue };

export function isRecord(v: SourceValue | undefined): v is { [key: string]: SourceValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unresolved);
}

/** Applies `+ - * / // %` to numbers and `+` to strings, as both languages would. */
export function arithmetic(op: string, a: SourceValue, b: SourceValue): SourceValue {
  if (a instanceof Alternatives || b instanceof Alternatives) return combine([a, b], (x, y) => arithmetic(op, x, y));
  if (a instanceof Unresolved) return a;
  if (b instanceof Unresolved) return b;
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (typeof a !== 'number' || typeof b !== 'number') return new Unresolved(`cannot evaluate ${op} on these operands`);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? new Unresolved('division by zero') : a / b;
    case '//': return b === 0 ? new Unresolved('division by zero') : Math.floor(a / b);
    case '%': return b === 0 ? new Unresolved('division by zero') : a % b;
    case '**': return a ** b;
    default: return new Unresolved(`operator ${op} is not evaluated`);
  }
}

/** A string argument, or why there is none. */
export function asString(v: SourceValue | undefined, what: string): string | Unresolved | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unresolved) return new Unresolved(`${what} ${v.reason}`);
  if (typeof v === 'string') return v;
  return new Unresolved(`${what} is not a string`);
}

/** A number argument (numeric strings included, as SDKs accept them), or why there is none. */
export function asNumber(v: SourceValue | undefined, what: string): number | Unresolved | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unresolved) return new Unresolved(`${what} ${v.reason}`);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return new Unresolved(`${what} is not a number`);
}

/**
 * One run-time decision taken one way: the branch of an `if` (`decision` names the `if`,
 * `when` the branch), or which caller of a function passed its arguments.
 */
export interface Pick {
  decision: string;
  when: string;
}

/** One value a name may hold, and the decisions it rests on. */
export interface Option {
  value: SourceValue;
  picks: readonly Pick[];
}

export function option(value: SourceValue, decision: string, when: string): Option {
  return { value, picks: [{ decision, when }] };
}

/** `else of \`if GPU\`, when called as \`deploy(1)\``. */
export function whenOf(picks: readonly Pick[]): string {
  return picks.map((p) => p.when).join(', ');
}

/**
 * Picks that can happen together: one decision taken one way. The arguments of one call of
 * a function come from the same caller; an `if` takes one branch for every name it sets.
 */
export function consistent(picks: readonly Pick[]): boolean {
  const taken = new Map<string, string>();
  for (const p of picks) {
    const before = taken.get(p.decision);
    if (before !== undefined && before !== p.when) return false;
    taken.set(p.decision, p.when);
  }
  return true;
}

/**
 * A value that is one of several, chosen at run time (a branch whose condition is not
 * decidable, the arguments of a function's callers). It is Unresolved to readers that do
 * not expand it; `optionsOf` lists the candidates for those that price each.
 */
export class Alternatives extends Unresolved {
  constructor(readonly options: readonly Option[], reason?: string) {
    super(reason ?? `is one of ${options.length} values chosen at run time (${options.map(describeOption).join('; ')})`);
  }
}

/** Candidates are capped: past this many, the value is reported as run-time rather than multiplied out. */
export const MAX_OPTIONS = 8;

function describeOption(o: Option): string {
  const v = o.value;
  const shown = v instanceof Unresolved ? v.reason : typeof v === 'string' ? `"${v}"` : typeof v === 'object' && v !== null ? 'a literal' : String(v);
  return `${shown} ${whenOf(o.picks)}`;
}

/** The options a value stands for: itself when it is not an `Alternatives`. */
export function optionsOf(v: SourceValue): readonly Option[] {
  return v instanceof Alternatives ? v.options : [{ value: v, picks: [] }];
}

/**
 * One value from candidates: the value itself when they all agree, an Unresolved when none
 * is known (the first one's reason), else Alternatives (equal candidates merged).
 */
export function alternatives(options: readonly Option[]): SourceValue {
  const flat = options.flatMap((o) => optionsOf(o.value).map((inner) => ({ value: inner.value, picks: [...o.picks, ...inner.picks] }))).filter((o) => consistent(o.picks));
  const distinct: Option[] = [];
  for (const o of flat) if (!distinct.some((d) => sameValue(d.value, o.value))) distinct.push(o);
  if (distinct.length === 0) return new Unresolved('has no value');
  if (distinct.length === 1) return distinct[0].value;
  if (distinct.every((o) => o.value instanceof Unresolved)) return distinct[0].value;
  if (distinct.length > MAX_OPTIONS) return new Unresolved(`is one of ${distinct.length} values chosen at run time`);
  return new Alternatives(distinct);
}

function sameValue(a: SourceValue, b: SourceValue): boolean {
  if (a instanceof Unresolved || b instanceof Unresolved) return a instanceof Unresolved && b instanceof Unresolved && a.reason === b.reason;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies `f` to every consistent combination of the operands' options (a plain value has one). */
export function combine(values: readonly SourceValue[], f: (...vs: SourceValue[]) => SourceValue): SourceValue {
  if (!values.some((v) => v instanceof Alternatives)) return f(...values);
  let combos: { values: SourceValue[]; picks: Pick[] }[] = [{ values: [], picks: [] }];
  for (const v of values) {
    combos = combos.flatMap((c) => optionsOf(v).map((o) => ({ values: [...c.values, o.value], picks: [...c.picks, ...o.picks] }))).filter((c) => consistent(c.picks));
    if (combos.length > MAX_OPTIONS * MAX_OPTIONS) return new Unresolved(`combines more than ${MAX_OPTIONS * MAX_OPTIONS} run-time choices`);
  }
  return alternatives(combos.map((c) => ({ value: f(...c.values), picks: c.picks })));
}

/**
 * Which function's `return` built a list, dict or f-string value (`build_prompt()`), so a
 * reader that counts it can say so. Kept beside the value: the value itself stays plain.
 */
const returnedBy = new WeakMap<object, string>();

/** Marks a value (and each candidate of an `Alternatives`) as returned by `fn`. */
export function markReturned(v: SourceValue, fn: string): void {
  for (const o of optionsOf(v)) if (typeof o.value === 'object' && o.value !== null && !returnedBy.has(o.value)) returnedBy.set(o.value, fn);
}

/** The function whose return built this value, when it was marked. */
export function returnOrigin(v: SourceValue): string | undefined {
  return typeof v === 'object' && v !== null ? returnedBy.get(v) : undefined;
}

/**
 * `json.dumps({...})` of a structure with run-time parts: a string whose literal text still
 * counts, and whose structure a reader of the request body (Bedrock's `invokeModel`) can read.
 */
export class SerializedJson extends DynamicText {
  constructor(reason: string, literal: string, holes: number, readonly data: SourceValue) {
    super(reason, literal, holes);
  }
}
