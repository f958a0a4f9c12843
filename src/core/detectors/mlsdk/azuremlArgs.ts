import type { CallSite } from '../../parsing/source/callSites';
import { asString, isRecord, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import { countValue, type CountReading } from '../../resources/aws/groupSize';
import type { AzureMlGroup } from '../../resources/azure/azureMl';
import type { SdkEnv } from './sdkItem';

/** A VM size argument, or why it is not known. */
export function skuOf(v: SourceValue | undefined, arg: string): AzureMlGroup['sku'] | undefined {
  const s = asString(v, arg);
  return s instanceof Unresolved ? { unresolved: s.reason } : s;
}

/** A count argument as the billing layer reads counts. */
export function reading(call: CallSite, name: string): CountReading {
  return countReading(call.kwargs.get(name)?.value, name);
}

export function countReading(v: SourceValue | undefined, name: string): CountReading {
  return { name, value: v instanceof Unresolved ? { unresolved: v.reason } : countValue(v, (x) => `${name} is ${JSON.stringify(x)}, not a whole number`) };
}

/**
 * The arguments of a settings object passed as `name=`: a literal dict, or a call written in
 * place or bound to a name above (`resources=JobResourceConfiguration(instance_count=2)`).
 */
export function nestedArgs(env: SdkEnv, call: CallSite, name: string): Record<string, SourceValue> | undefined {
  const arg = call.kwargs.get(name);
  if (!arg) return undefined;
  if (isRecord(arg.value)) return arg.value;
  const inner = arg.name ? env.source.bindings.get(arg.name) : env.source.calls.find((c) => samePosition(c.range.start, arg.range.start) && samePosition(c.range.end, arg.range.end));
  return inner ? Object.fromEntries([...inner.kwargs].map(([k, a]) => [k, a.value])) : undefined;
}

function samePosition(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line === b.line && a.column === b.column;
}
