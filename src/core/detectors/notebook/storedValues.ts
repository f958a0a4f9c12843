import * as path from 'node:path';
import type { WorkspaceReader } from '../types';
import { parseIpynb, type NotebookCell } from './notebookCells';

/**
 * `%store -r NAME` restores what another notebook saved with `%store NAME` (IPython's store
 * is per profile, so the notebook run before this one). When the notebooks beside this one
 * that store NAME all assign it the same literal, that literal is what the restore gives in
 * the folder's intended order; the item says which notebook stores it.
 */
export interface StoredValue {
  /** The literal as Python source (`"claude-3-haiku-20240307"`, `4`). */
  literal: string;
  /** The notebook that stores it, by file name. */
  from: string;
}

/** Notebooks beside this one that are read for stored values, and their size bound. */
const MAX_SIBLINGS = 40;
const MAX_SIBLING_CHARS = 2_000_000;

const RESTORE = /^[ \t]*%store[ \t]+-r[ \t]+([A-Za-z_]\w*)[ \t]*$/gm;

/** Names this notebook restores with `%store -r NAME` (one name per line). */
export function restoredNames(cells: readonly NotebookCell[]): Set<string> {
  const names = new Set<string>();
  for (const cell of cells) if (cell.kind === 'code') for (const m of cell.source.matchAll(RESTORE)) names.add(m[1]);
  return names;
}

export async function storedValues(file: string, cells: readonly NotebookCell[], reader: WorkspaceReader): Promise<Map<string, StoredValue>> {
  const names = restoredNames(cells);
  const found = new Map<string, StoredValue[]>();
  if (names.size === 0) return new Map();
  const dir = path.dirname(file);
  const siblings = (await reader.listFiles(dir)).filter((f) => f.endsWith('.ipynb') && f !== path.basename(file)).sort().slice(0, MAX_SIBLINGS);
  for (const sibling of siblings) {
    const text = await reader.readText(path.join(dir, sibling));
    if (text === undefined || text.length > MAX_SIBLING_CHARS) continue;
    const parsed = parseIpynb(text);
    if ('error' in parsed) continue;
    for (const [name, literal] of storesIn(parsed.cells, names)) found.set(name, [...(found.get(name) ?? []), { literal, from: sibling }]);
  }
  const out = new Map<string, StoredValue>();
  for (const [name, values] of found) if (new Set(values.map((v) => v.literal)).size === 1) out.set(name, values[0]);
  return out;
}

const LITERAL = String.raw`("[^"\\\n]*"|'[^'\\\n]*'|-?\d+(?:\.\d+)?)`;

/** The literal each wanted name holds where a notebook runs `%store NAME`: its last top-level literal assignment above. */
function storesIn(cells: readonly NotebookCell[], names: ReadonlySet<string>): Map<string, string> {
  const current = new Map<string, string>();
  const stored = new Map<string, string>();
  for (const cell of cells) {
    if (cell.kind !== 'code') continue;
    for (const line of cell.source.split(/\r?\n/)) {
      const assign = new RegExp(String.raw`^([A-Za-z_]\w*)[ \t]*=[ \t]*${LITERAL}[ \t]*(?:#.*)?$`).exec(line);
      if (assign && names.has(assign[1])) current.set(assign[1], assign[2]);
      const store = /^%store[ \t]+([A-Za-z_]\w*(?:[ \t]+[A-Za-z_]\w*)*)[ \t]*$/.exec(line);
      if (!store) continue;
      for (const name of store[1].split(/[ \t]+/)) {
        const value = current.get(name);
        if (names.has(name) && value !== undefined) stored.set(name, value);
      }
    }
  }
  return stored;
}
