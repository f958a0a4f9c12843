/**
 * `.terraform/modules/modules.json`, which `terraform init` writes in the root module: for each
 * module call (keyed `a` for `module "a"` in the root, `a.b` for `module "b"` inside it) the
 * folder its source was downloaded to, relative to the root module.
 */
import * as path from 'node:path';
import type { WorkspaceReader } from '../../types';
import type { SkippedInput } from '../../../model';
import { readBounded } from '../../../io/boundedRead';

export const MODULES_MANIFEST = path.join('.terraform', 'modules', 'modules.json');

interface ManifestEntry {
  Key?: unknown;
  Dir?: unknown;
}

/** The downloaded folder of the call `key` (`eks`, `eks.node_group`), or undefined when not initialised. */
export async function manifestModuleDir(rootDir: string, key: string, reader: WorkspaceReader, skipped: SkippedInput[]): Promise<string | undefined> {
  const file = path.join(rootDir, MODULES_MANIFEST);
  const text = await readBounded(reader, file, skipped);
  if (text === undefined) return undefined;
  let modules: unknown;
  try {
    modules = (JSON.parse(text) as { Modules?: unknown }).Modules;
  } catch (e) {
    if (!skipped.some((s) => s.file === file)) skipped.push({ file, message: `${MODULES_MANIFEST} is not valid JSON (${String(e).slice(0, 80)}); registry modules are priced from their inputs` });
    return undefined;
  }
  if (!Array.isArray(modules)) return undefined;
  const entry = (modules as ManifestEntry[]).find((m) => m && m.Key === key);
  if (!entry || typeof entry.Dir !== 'string' || !entry.Dir) return undefined;
  const dir = path.resolve(rootDir, entry.Dir);
  // The manifest is workspace data: a folder outside the root module is not followed.
  return dir === rootDir || dir.startsWith(rootDir + path.sep) ? dir : undefined;
}
