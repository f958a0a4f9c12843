/**
 * `--fail-on`: which findings fail a CI gate. Parsed here once so `scan` and `diff` accept
 * the same values and print the same messages.
 */
import { GATES, matchesGate, type Finding } from '../core/policy/findings';
import { relativeFile } from './scanReport';
import { UsageError } from './usageError';

export type FailOnRule = (typeof GATES)[number];

/** `missing-tags,policy` → the rules; an empty or absent value → none. */
export function parseFailOn(value: string | undefined): FailOnRule[] {
  if (value === undefined) return [];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = names.filter((n) => !(GATES as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`--fail-on: unknown ${unknown.join(', ')} (use ${GATES.join(', ')})`);
  return [...new Set(names as FailOnRule[])];
}

/** One line per finding that an asked rule matches; empty when the gate passes. */
export function gateFailures(root: string, rules: readonly FailOnRule[], findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => rules.some((r) => matchesGate(f, r)))
    .map((f) => `${f.category}: ${relativeFile(root, f.file)}:${f.range.start.line + 1} ${f.resource}: ${f.message}`);
}

/** Parses a USD amount for `--fail-over`. */
export function parseUsd(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const amount = Number(value.replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(amount) || amount < 0) throw new UsageError(`${flag} needs a non-negative amount in USD, got "${value}"`);
  return amount;
}
