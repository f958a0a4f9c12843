/**
 * Bounds on the work one analysis may do. The engine runs in CI on pull requests from anyone
 * and in the editor on workspaces nobody vetted, so each bound keeps a hostile repository to
 * seconds and megabytes; past a bound the item or skipped entry says which bound it hit and
 * the scan goes on. Real configurations stay far below every figure here.
 */

/** Characters of any source file read: the document, sibling `.tf`, module files, tfvars. */
export const MAX_SOURCE_FILE_CHARS = 2_000_000;
/** Characters of `.finops.yml` (a policy file is a few kilobytes). */
export const MAX_CONFIG_FILE_CHARS = 1_000_000;
/** Nesting of local module calls (a module calling a module calling ...). */
export const MAX_MODULE_DEPTH = 4;
/** Module instances (`count`/`for_each` expansions of module calls) expanded per analysed file. */
export const MAX_MODULE_INSTANCES = 500;
/** Elements a single `for` expression may iterate over. */
export const MAX_FOR_ITEMS = 10_000;
/** Elements of a list or map an expression may produce. */
export const MAX_LIST_ITEMS = 10_000;
/** Characters of a string an expression may produce. */
export const MAX_STRING_CHARS = 1_000_000;
/** Evaluation steps of one expression, with the locals it reads (real ones take tens). */
export const MAX_EXPRESSION_STEPS = 100_000;
/** Evaluation steps per analysed file (a large real module needs a few thousand). */
export const MAX_EVALUATION_STEPS = 500_000;
/** Bytes of an HTTP response body from a spend source. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024 * 1024;

/** The message of a file that was not read because it is over a size bound. */
export function oversizeMessage(what: string, chars: number, limit: number): string {
  return `${what} not read: ${(chars / 1e6).toFixed(1)} M characters is over the ${limit / 1e6} M limit (larger files are generated data)`;
}

/**
 * The work one analysis may still do. Shared by a Terraform module and every module it calls,
 * so the bounds hold for the file as a whole; once a bound is hit, `exhausted` says which.
 */
export class WorkBudget {
  private steps = 0;
  private expressionSteps = 0;
  private moduleInstances = 0;
  exhausted: string | undefined;

  /** A new top-level expression: its own steps start again, the file's go on. */
  beginExpression(): void {
    this.expressionSteps = 0;
  }

  /** Why the next evaluation step may not run, or undefined while it may. */
  step(): string | undefined {
    if (++this.steps > MAX_EVALUATION_STEPS) {
      return (this.exhausted ??= `evaluation stopped after ${MAX_EVALUATION_STEPS.toLocaleString('en-US')} steps (work bound for one file)`);
    }
    if (++this.expressionSteps > MAX_EXPRESSION_STEPS) {
      return `evaluation stopped after ${MAX_EXPRESSION_STEPS.toLocaleString('en-US')} steps (work bound for one expression)`;
    }
    return undefined;
  }

  /** One more module instance; false once the file has expanded its share. */
  moduleInstance(): boolean {
    if (++this.moduleInstances <= MAX_MODULE_INSTANCES) return true;
    this.exhausted ??= `module expansion stopped after ${MAX_MODULE_INSTANCES} module instances (work bound for one file)`;
    return false;
  }
}
