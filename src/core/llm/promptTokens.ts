import { DynamicText, isRecord, returnOrigin, Unresolved, type SourceValue } from '../parsing/source/sourceValue';
import { countTokens } from './tokenCount';

/** Tokens assumed for each part of a prompt only known at run time (a variable, an f-string hole). */
export const RUN_TIME_PART_TOKENS = 500;
/** Input tokens assumed when a call passes no prompt argument at all. */
export const DEFAULT_INPUT_TOKENS = 1000;
/** Output tokens assumed when a call sets no output limit. */
export const DEFAULT_OUTPUT_TOKENS = 500;

/** Keys of a message object that are not sent as text. */
const NON_TEXT_KEYS = new Set(['role', 'type', 'name', 'cache_control', 'tool_call_id', 'id']);

export interface PromptCount {
  /** Tokens of the literal text. */
  literal: number;
  /** Parts only known at run time. */
  runTimeParts: number;
  /**
   * Run-time parts inside a block marked `cache_control` or a `document` block: a prefix
   * meant to be cached, or a whole file, is long by intent, so a per-part default undercounts it.
   */
  longParts: number;
  /** A block of the prompt is marked `cache_control`. */
  cacheControl: boolean;
  /** Functions of the file whose return values built parts of the prompt (`build_prompt()`). */
  returnedBy: string[];
}

/** Counts the literal text of prompt arguments and the parts that are only known at run time. */
export function countPrompt(values: readonly SourceValue[]): PromptCount {
  const count: PromptCount = { literal: 0, runTimeParts: 0, longParts: 0, cacheControl: false, returnedBy: [] };
  for (const v of values) add(v, count, false);
  return count;
}

function add(v: SourceValue, count: PromptCount, long: boolean): void {
  const origin = returnOrigin(v);
  if (origin && !count.returnedBy.includes(origin)) count.returnedBy.push(origin);
  if (typeof v === 'string') count.literal += countTokens(v);
  else if (v instanceof DynamicText) {
    count.literal += countTokens(v.literal);
    count.runTimeParts += v.holes;
    if (long) count.longParts += v.holes;
  } else if (v instanceof Unresolved) {
    count.runTimeParts++;
    if (long) count.longParts++;
  } else if (Array.isArray(v)) for (const x of v) add(x, count, long);
  else if (isRecord(v)) {
    if ('cache_control' in v) count.cacheControl = true;
    const inLong = long || 'cache_control' in v || v.type === 'document';
    for (const [k, x] of Object.entries(v)) if (!NON_TEXT_KEYS.has(k)) add(x, count, inLong);
  }
}
