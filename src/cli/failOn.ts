/**
 * `--fail-on`: which findings fail a CI gate. Parsed here once so `scan` and `diff` accept
 * the same values and print the same messages.
 */
import type { ScanReport } from './scanReport';
import { UsageError } from './usageError';

export const FAIL_ON_RULES = ['missing-tags', 'policy'] as const;
export type FailOnRule = (typeof FAIL_ON_RULES)[number];

/** Findings per rule, one human-readable line each; a rule with no entry has no findings. */
export type GateFindings = Partial<Record<FailOnRule, readonly string[]>>;

/** `missing-tags,policy` → the rules; an empty or absent value → none. */
export function parseFailOn(value: string | undefined): FailOnRule[] {
  if (value === undefined) return [];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = names.filter((n) => !(FAIL_ON_RULES as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`--fail-on: unknown ${unknown.join(', ')} (use ${FAIL_ON_RULES.join(', ')})`);
  return [...new Set(names as FailOnRule[])];
}

/** One line per finding of each asked rule; empty when the gate passes. */
export function gateFailures(rules: readonly FailOnRule[], findings: GateFindings): string[] {
  return rules.flatMap((rule) => (findings[rule] ?? []).map((f) => `${rule}: ${f}`));
}

/** A scan's findings per rule; each rule's source adds its entry here. */
export function findingsOfReport(report: ScanReport): GateFindings {
  return {
    'missing-tags': report.items
      .filter((i) => i.missingTags.length)
      .map((i) => `${i.file}:${i.range.startLine} ${i.resource} lacks ${i.missingTags.join(', ')}`),
  };
}

/** Parses a USD amount for `--fail-over`. */
export function parseUsd(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const amount = Number(value.replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(amount) || amount < 0) throw new UsageError(`${flag} needs a non-negative amount in USD, got "${value}"`);
  return amount;
}
