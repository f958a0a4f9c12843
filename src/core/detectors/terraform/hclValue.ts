/** Values of evaluated HCL expressions. */

/** A value Terraform only knows at plan or apply time, or one we cannot evaluate statically. */
export class Unresolved {
  constructor(readonly reason: string) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | Unresolved
  | HclValue[]
  | { [key: string]: HclValue };

export function isObject(v: HclValue): v is { [key: string]: HclValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unresolved);
}

/** First unresolved part of a value, so an item can say what it could not read. */
export function firstUnresolved(v: HclValue): Unresolved | undefined {
  if (v instanceof Unresolved) return v;
  if (typeof v !== 'object' || v === null) return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const found = firstUnresolved(x);
    if (found) return found;
  }
  return undefined;
}

/** Whitespace `clip` would change: a run of it, any but a plain space, or a space at either end. */
const UNFLAT = /\s\s|[^\S ]|^ | $/;

export function clip(text: string, max = 60): string {
  const flat = UNFLAT.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function toNumber(v: HclValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

