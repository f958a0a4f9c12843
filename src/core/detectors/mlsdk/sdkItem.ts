import type { PriceCatalog } from '../../catalog/catalog';
import type { EngineOptions } from '../../config/engineOptions';
import type { CallSite, SourceFile } from '../../parsing/source/callSites';
import { Unresolved } from '../../parsing/source/sourceValue';

/** What an SDK handler needs besides the call: the file, its other calls, options and prices. */
export interface SdkEnv {
  file: string;
  source: SourceFile;
  options: EngineOptions;
  catalog: PriceCatalog;
}

/** A count argument: its value, the SDK default when absent, or 1 with a note when only known at run time. */
export function countArg(call: CallSite, name: string, fallback: number, notes: string[]): number {
  const v = call.kwargs.get(name)?.value;
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number' && v >= 0) return v;
  const why = v instanceof Unresolved ? v.reason : 'is not a number';
  notes.push(`${name} ${why}; priced for ${fallback}`);
  return fallback;
}

/** Where `**kwargs` could supply what the call does not write. */
export function spreadNote(call: CallSite): string[] {
  return call.hasSpread ? ['the call also passes **kwargs, which may set other values at run time'] : [];
}

