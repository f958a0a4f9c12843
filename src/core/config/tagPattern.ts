import { RE2JS } from 're2js';

/**
 * A `tags.pattern` regular expression, run on RE2 (re2js, pure JavaScript): matching takes
 * time linear in the value, so a pattern such as `^(a+)+$` in a repository's `.finops.yml`
 * cannot stall the CLI or the extension host. RE2 has no backreferences or lookaround.
 */
export interface TagPattern {
  /** The pattern as written in `.finops.yml`. */
  readonly source: string;
  /** True when the pattern matches somewhere in the value, like `RegExp.prototype.test`. */
  test(value: string): boolean;
}

/** Compiles a pattern, or says why it cannot run in linear time. */
export function compileTagPattern(source: string): TagPattern | { error: string } {
  try {
    const re = RE2JS.compile(source);
    return { source, test: (value) => re.test(value) };
  } catch (e) {
    return { error: `${firstLine(e)}${needsBacktracking(source) ? ' (backreferences and lookaround need a backtracking engine, which a repository could stall; write the pattern without them)' : ''}` };
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** `\1`, `\k<name>`, `(?=`, `(?!`, `(?<=`, `(?<!`: what RE2 leaves out on purpose. */
function needsBacktracking(source: string): boolean {
  return /\\[1-9]|\\k<|\(\?<?[=!]/.test(source);
}
