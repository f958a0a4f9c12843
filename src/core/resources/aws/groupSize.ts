/**
 * How many instances an Auto Scaling group, EKS node group or endpoint variant runs, from the
 * count attributes the format writes (Terraform `desired_capacity`, CloudFormation
 * `DesiredCapacity`, ...), the same rule for every format.
 */

/** One count attribute as an adapter read it: a whole number, why it is not one, or not written. */
export interface CountReading {
  /** The attribute as the source names it, for the assumption. */
  name: string;
  value: number | { unresolved: string } | undefined;
}

export interface GroupSize {
  n: number;
  note: string;
}

/**
 * The first written reading wins (desired capacity is what runs; without it the group starts at
 * its minimum); one that is not a whole number prices one `unit`, and so does a group sized to
 * zero, which says it scales to zero. With none written, the tool's own default size (`unset`,
 * eksctl's 2 nodes) when it has one, else one `unit`.
 */
export function groupSize(readings: readonly CountReading[], unit: string, unset?: GroupSize): GroupSize {
  for (const r of readings) {
    if (r.value === undefined) continue;
    // A group sized to zero still costs its per-instance price whenever it scales up: never a silent $0.
    if (r.value === 0) return { n: 1, note: `${r.name} = 0: scales to zero; priced per ${unit} while one runs` };
    if (typeof r.value === 'number') return { n: r.value, note: `${r.name} = ${r.value}` };
    return { n: 1, note: `${r.name} could not be resolved (${r.value.unresolved}); priced as 1 ${unit}` };
  }
  if (unset) return unset;
  const names = readings.map((r) => r.name);
  const which = names.length > 1 ? `neither ${names.slice(0, -1).join(', ')} nor ${names[names.length - 1]}` : `${names[0] ?? 'no count'} not`;
  return { n: 1, note: `${which} set; priced as 1 ${unit}` };
}

/** A raw value as a count reading: whole numbers ≥ 0 count, anything else says why not. */
export function countValue(v: unknown, describe: (v: unknown) => string): CountReading['value'] {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : { unresolved: describe(v) };
}
