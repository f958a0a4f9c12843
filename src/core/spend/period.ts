/** Calendar arithmetic on `YYYY-MM-DD` strings, in UTC, with inclusive ends. */

export const PERIOD_PRESETS = ['7d', '30d', '90d', 'mtd', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function daysInRange(r: DateRange): number {
  return Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY_MS) + 1;
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The range a preset means on `asOf` (the last day counted). */
export function resolvePeriod(preset: PeriodPreset, asOf: string, custom?: DateRange): DateRange {
  switch (preset) {
    case '7d':
      return { from: addDays(asOf, -6), to: asOf };
    case '30d':
      return { from: addDays(asOf, -29), to: asOf };
    case '90d':
      return { from: addDays(asOf, -89), to: asOf };
    case 'mtd':
      return { from: monthStart(asOf), to: asOf };
    case 'custom':
      if (!custom) throw new Error('a custom period needs from and to');
      return custom;
  }
}

/** The range of the same length that ends the day before `r` starts. */
export function previousRange(r: DateRange): DateRange {
  const n = daysInRange(r);
  return { from: addDays(r.from, -n), to: addDays(r.from, -1) };
}

/** Every day of a range, in order. */
export function eachDay(r: DateRange): string[] {
  const out: string[] = [];
  for (let d = r.from; d <= r.to; d = addDays(d, 1)) out.push(d);
  return out;
}
