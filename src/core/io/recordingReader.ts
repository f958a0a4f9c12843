import { createHash } from 'node:crypto';
import type { WorkspaceReader } from '../detectors/types';

/** One read an analysis depended on, by the hash of what it returned (`null`: absent). */
export type ReadDependency = { kind: 'text' | 'list'; path: string; hash: string | null };

export function hashText(text: string | undefined): string | null {
  return text === undefined ? null : createHash('sha256').update(text).digest('base64url');
}

export function hashListing(names: readonly string[]): string {
  return createHash('sha256').update([...names].sort().join('\n')).digest('base64url');
}

/**
 * Passes reads through and remembers each one with the hash of its answer: what a detector
 * read besides the file (the module folder's other `.tf`, tfvars, the YAML beside a training
 * config) is exactly what its result depends on, without listing those rules twice.
 */
export function recordingReader(reader: WorkspaceReader): { reader: WorkspaceReader; dependencies: () => ReadDependency[] } {
  const deps = new Map<string, ReadDependency>();
  return {
    reader: {
      async readText(file) {
        const text = await reader.readText(file);
        deps.set(`text:${file}`, { kind: 'text', path: file, hash: hashText(text) });
        return text;
      },
      async listFiles(dir) {
        const names = await reader.listFiles(dir);
        deps.set(`list:${dir}`, { kind: 'list', path: dir, hash: hashListing(names) });
        return names;
      },
    },
    dependencies: () => [...deps.values()],
  };
}

/**
 * True when every read would answer as it did when the dependencies were recorded. `hashes`
 * remembers the answers' hashes for one scan, during which files are taken not to change (as
 * `cachingReader` does): a module's files all depend on the same siblings.
 */
export async function dependenciesUnchanged(deps: readonly ReadDependency[], reader: WorkspaceReader, hashes = new Map<string, string | null>()): Promise<boolean> {
  for (const d of deps) {
    const key = `${d.kind}:${d.path}`;
    let now = hashes.get(key);
    if (now === undefined) {
      now = d.kind === 'text' ? hashText(await reader.readText(d.path)) : hashListing(await reader.listFiles(d.path));
      hashes.set(key, now);
    }
    if (now !== d.hash) return false;
  }
  return true;
}
