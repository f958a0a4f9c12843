import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * `.gitignore` rules from every folder that has one, each applied to the paths below its
 * folder, as git does. Generated and vendored files are not where a team declares its
 * infrastructure, and scanning them is most of the cost of a large repository.
 */
export class IgnoreRules {
  private readonly rules: { base: string; matcher: Ignore }[] = [];

  /** Adds the rules of `<dir>/.gitignore`. */
  add(dir: string, gitignoreText: string): void {
    this.rules.push({ base: dir, matcher: ignore().add(gitignoreText) });
  }

  ignores(file: string, isDirectory = false): boolean {
    for (const { base, matcher } of this.rules) {
      const rel = path.relative(base, file);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const posix = rel.split(path.sep).join('/');
      if (matcher.ignores(isDirectory ? `${posix}/` : posix)) return true;
    }
    return false;
  }
}
