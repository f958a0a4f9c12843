/**
 * The two sides of `diff`: a folder as it is, or a git revision of the current repository
 * written into a temporary folder from git's objects (`gitTree.ts`), so the working tree is
 * never touched and `.gitattributes` cannot hide a tracked file.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { writeRevision } from './gitTree';
import { UsageError } from './usageError';

const run = promisify(execFile);

export interface ProjectTree {
  /** The folder to scan: the revision's copy of the current directory, or the folder itself. */
  root: string;
  /** How the side is named in reports, e.g. `origin/main (3f2a9c1)`. */
  label: string;
  /** Removes the temporary copy, if any. */
  dispose(): Promise<void>;
  /**
   * True for a revision: every file in it is tracked, so `.gitignore` (which only concerns
   * untracked files) must not hide any of them from the scan.
   */
  tracked: boolean;
}

/** A folder wins over a revision of the same name; anything else must resolve to a commit. */
export async function openProjectTree(spec: string, cwd: string): Promise<ProjectTree> {
  const folder = path.resolve(cwd, spec);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (stat?.isDirectory()) return { root: folder, label: spec, dispose: async () => undefined, tracked: false };
  const commit = await resolveCommit(spec, cwd);
  const prefix = (await git(cwd, 'rev-parse', '--show-prefix')).trim();
  const top = (await git(cwd, 'rev-parse', '--show-toplevel')).trim();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-finops-rev-'));
  const dispose = () => fs.rm(tmp, { recursive: true, force: true });
  try {
    const tree = path.join(tmp, 'tree');
    await fs.mkdir(path.join(tree, prefix), { recursive: true });
    await writeRevision(top, commit, prefix, tree);
    return { root: path.join(tree, prefix), label: `${spec} (${commit.slice(0, 7)})`, dispose, tracked: true };
  } catch (e) {
    await dispose();
    throw new Error(`could not extract ${spec}: ${messageOf(e)}`);
  }
}

async function resolveCommit(spec: string, cwd: string): Promise<string> {
  try {
    await git(cwd, 'rev-parse', '--is-inside-work-tree');
  } catch {
    throw new UsageError(`${spec} is not a folder, and ${cwd} is not in a git repository to read it as a revision`);
  }
  try {
    return (await git(cwd, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${spec}^{commit}`)).trim();
  } catch {
    throw new UsageError(`${spec} is neither a folder nor a revision of this repository (for a pull request's base, fetch it: git fetch origin ${spec.replace(/^origin\//, '')})`);
  }
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

function messageOf(e: unknown): string {
  const err = e as { stderr?: string; message?: string };
  return (err.stderr?.trim() || err.message) ?? String(e);
}
