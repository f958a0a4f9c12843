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

export type SourceValue = string | number | boolean | null | Unresolved | SourceValue[] | { [key: string]: SourceValue };

export function isRecord(v: SourceValue | undefined): v is { [key: string]: SourceValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unresolved);
}

/** Applies `+ - * / // %` to numbers and `+` to strings, as both languages would. */
export function arithmetic(op: string, a: SourceValue, b: SourceValue): SourceValue {
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
