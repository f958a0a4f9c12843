import type { Argument, CallSite } from './callSites';
import { Alternatives, consistent, isRecord, MAX_OPTIONS, Unresolved, whenOf, type Pick, type SourceValue } from './sourceValue';

/** The call with one choice made for each argument that is one of several values. */
export interface CallVariant {
  call: CallSite;
  /** Which choices this variant made: `machine_type = "n1-standard-4" (else of \`if GPU\`)`. */
  chose: string[];
}

/** A choice of a run-time value, and the decisions it rests on. */
interface Choice {
  value: SourceValue;
  picks: Pick[];
}

/**
 * The calls a call stands for when some arguments are one of several values (a branch not
 * decidable from the source, a function's callers): one per consistent combination, at
 * most `MAX_OPTIONS`, including those with a value only known at run time. None when every
 * argument has one value.
 */
export function callVariants(call: CallSite): CallVariant[] | undefined {
  const args = [...call.kwargs.entries()].map(([name, arg]) => ({ name, arg })).concat(call.positional.map((arg, i) => ({ name: `argument ${i + 1}`, arg })));
  if (!args.some(({ arg }) => hasAlternatives(arg.value))) return undefined;
  let combos: { kwargs: Map<string, Argument>; positional: Argument[]; picks: Pick[]; chose: string[] }[] = [{ kwargs: new Map(call.kwargs), positional: [...call.positional], picks: [], chose: [] }];
  for (const { name, arg } of args) {
    if (!hasAlternatives(arg.value)) continue;
    combos = combos.flatMap((combo) => choicesOf(arg.value).map((c) => {
      const chosen = { ...arg, value: c.value };
      const kwargs = new Map(combo.kwargs);
      const positional = [...combo.positional];
      if (call.kwargs.get(name) === arg) kwargs.set(name, chosen);
      else positional[call.positional.indexOf(arg)] = chosen;
      const said = c.value instanceof Unresolved ? `${name} ${c.value.reason}` : `${name} = ${show(c.value)}`;
      return { kwargs, positional, picks: [...combo.picks, ...c.picks], chose: [...combo.chose, `${said}${suffix(c.picks)}`] };
    })).filter((c) => consistent(c.picks)).slice(0, MAX_OPTIONS);
  }
  return combos.map((c) => ({ call: { ...call, kwargs: c.kwargs, positional: c.positional }, chose: c.chose }));
}

function suffix(picks: readonly Pick[]): string {
  return picks.length ? ` (${whenOf(picks)})` : '';
}

function hasAlternatives(v: SourceValue): boolean {
  if (v instanceof Alternatives) return true;
  if (Array.isArray(v)) return v.some(hasAlternatives);
  return isRecord(v) && Object.values(v).some(hasAlternatives);
}

/** Every consistent combination of the alternatives inside a value (nested in lists and dicts too). */
function choicesOf(v: SourceValue): Choice[] {
  if (v instanceof Alternatives) return v.options.flatMap((o) => choicesOf(o.value).map((c) => ({ value: c.value, picks: [...o.picks, ...c.picks] }))).filter((c) => consistent(c.picks));
  const parts: [string, SourceValue][] | undefined = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : isRecord(v) ? Object.entries(v) : undefined;
  if (!parts || !hasAlternatives(v)) return [{ value: v, picks: [] }];
  let combos: { entries: [string, SourceValue][]; picks: Pick[] }[] = [{ entries: [], picks: [] }];
  for (const [key, part] of parts) {
    combos = combos.flatMap((combo) => choicesOf(part).map((c) => ({ entries: [...combo.entries, [key, c.value] as [string, SourceValue]], picks: [...combo.picks, ...c.picks] })))
      .filter((c) => consistent(c.picks)).slice(0, MAX_OPTIONS);
  }
  return combos.map((c) => ({ value: Array.isArray(v) ? c.entries.map(([, x]) => x) : Object.fromEntries(c.entries), picks: c.picks }));
}

function show(v: SourceValue): string {
  return typeof v === 'string' ? `"${v}"` : typeof v === 'object' && v !== null ? 'a literal' : String(v);
}
