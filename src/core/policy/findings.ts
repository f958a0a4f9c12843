import type { CheckId } from '../config/sections/checks';
import type { SourceRange } from '../model';
import type { TagRequest } from './tagWriters/insertion';

/**
 * What a `--fail-on` gate matches: `missing-tags` (required keys absent), `tag-values`
 * (values outside `allowed` or `pattern`), `savings` (a FinOps check). `policy` matches all.
 */
export type FindingCategory = 'missing-tags' | 'tag-values' | 'savings';

export type FindingSeverity = 'warning' | 'information';

/** A mechanical edit a check proposes: replace the text at `range` (e.g. the SKU literal). */
export interface Replacement {
  range: SourceRange;
  oldText: string;
  newText: string;
  title: string;
}

/**
 * A structural edit computed from the file's text when the user applies it, by the core
 * function named by `kind` (`terraform-spot-market`: `fixes/spotMarketFix.ts`).
 */
export interface BlockFix {
  kind: 'terraform-spot-market';
  title: string;
  blockLine: number;
}

/** One thing `.finops.yml` asks to change about one resource. */
export interface Finding {
  check: CheckId;
  category: FindingCategory;
  severity: FindingSeverity;
  file: string;
  /** The resource's first line, where the editor shows it. */
  range: SourceRange;
  resource: string;
  message: string;
  monthlySavingUsd?: number;
  /** For `missing-tags`: the keys the quick fix inserts, with their allowed values. */
  missingTags?: TagRequest[];
  replacement?: Replacement;
  blockFix?: BlockFix;
}

/** The first line of a resource: diagnostics there, not across the whole block. */
export function firstLine(range: SourceRange): SourceRange {
  const end = range.end.line === range.start.line ? range.end : { line: range.start.line, column: Number.MAX_SAFE_INTEGER };
  return { start: range.start, end };
}

export function matchesGate(f: Finding, gate: string): boolean {
  return gate === 'policy' || gate === f.category;
}

export const GATES = ['missing-tags', 'tag-values', 'savings', 'policy'] as const;
