/**
 * Writes the files of a git revision into a folder from git's objects (`git ls-tree` and
 * `git cat-file --batch`), never through `git archive` or the working tree: `.gitattributes`
 * (`export-ignore`, `export-subst`) cannot drop or rewrite a tracked file, and what is
 * compared is exactly what was committed. Symbolic links and submodules are not written (a
 * link could point outside the tree); a blob over the source-file bound is written as a
 * sparse file of its size, so the scan lists it as skipped for its size without reading it.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MAX_SOURCE_FILE_CHARS } from '../core/limits';

interface TreeEntry {
  sha: string;
  size: number;
  /** Repository-relative path, forward slashes. */
  file: string;
}

/** Extracts `commit`'s files under `prefix` (repository-relative, may be empty) into `target`. */
export async function writeRevision(top: string, commit: string, prefix: string, target: string): Promise<void> {
  const entries = await regularFiles(top, commit, prefix);
  const small: TreeEntry[] = [];
  for (const entry of entries) {
    const out = safeJoin(target, entry.file);
    if (!out) continue;
    await fs.mkdir(path.dirname(out), { recursive: true });
    if (entry.size > MAX_SOURCE_FILE_CHARS) {
      const handle = await fs.open(out, 'w');
      await handle.truncate(entry.size);
      await handle.close();
    } else {
      small.push(entry);
    }
  }
  await writeBlobs(top, small, target);
}

/** Regular files (modes 100644/100755) of the revision, with their sizes. */
async function regularFiles(top: string, commit: string, prefix: string): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, ...(prefix ? ['--', prefix] : [])];
  const listing = (await gitOutput(top, args)).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const record of listing.split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.+)$/s.exec(record);
    if (!match || match[2] !== 'blob' || (match[1] !== '100644' && match[1] !== '100755')) continue;
    entries.push({ sha: match[3], size: Number(match[4]), file: match[5] });
  }
  return entries;
}

/** The target path of a repository path, or undefined when it would leave the target. */
function safeJoin(target: string, file: string): string | undefined {
  const out = path.resolve(target, ...file.split('/'));
  return out.startsWith(target + path.sep) ? out : undefined;
}

/** Streams the blobs through one `git cat-file --batch`, writing each to its file. */
async function writeBlobs(top: string, entries: TreeEntry[], target: string): Promise<void> {
  if (entries.length === 0) return;
  const child = spawn('git', ['cat-file', '--batch'], { cwd: top, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.end(entries.map((e) => `${e.sha}\n`).join(''));
  let buffer = Buffer.alloc(0);
  let index = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const newline = buffer.indexOf(10);
      if (newline < 0) break;
      const header = /^([0-9a-f]+) (\w+) (\d+)$/.exec(buffer.subarray(0, newline).toString('utf8'));
      if (!header) throw new Error(`git cat-file answered an unexpected header for ${entries[index]?.file ?? '?'}`);
      const size = Number(header[3]);
      if (buffer.length < newline + 1 + size + 1) break;
      const entry = entries[index++];
      const out = entry && safeJoin(target, entry.file);
      if (out) await fs.writeFile(out, buffer.subarray(newline + 1, newline + 1 + size));
      buffer = buffer.subarray(newline + 1 + size + 1);
    }
  }
  const code = await exited;
  if (code !== 0 || index !== entries.length) throw new Error(`git cat-file failed (${index} of ${entries.length} files read): ${stderr.trim()}`);
}

function gitOutput(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`git ${args[0]} failed: ${stderr.trim()}`))));
  });
}
