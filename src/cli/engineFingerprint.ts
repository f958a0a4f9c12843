import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

let fingerprint: string | undefined;

/**
 * The scan cache's engine version: a hash of the code that analyses, which is the bundle
 * running this (it holds the engine and the catalog) or, run from compiled sources, every
 * file of `core/` and the catalog data. Any change to either makes every cached result miss.
 */
export function engineFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(fs.readFileSync(__filename));
  const core = path.resolve(__dirname, '..', 'core');
  const compiled = fs.existsSync(core) ? [core, path.resolve(__dirname, '..', '..', 'data')] : [];
  for (const dir of compiled) for (const file of filesUnder(dir)) hash.update(file).update(fs.readFileSync(file));
  fingerprint = hash.digest('base64url');
  return fingerprint;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(js|json)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
