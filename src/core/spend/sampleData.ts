import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { FocusBackend } from './focus/focusBackend';
import type { TagKeys } from './focus/focusSql';

export const SAMPLE_FILE = 'sample-spend.focus.csv.gz';

/**
 * The bundled FOCUS 1.2 sample (`scripts/generate-sample-spend.mjs` writes it). It ships in
 * `data/` next to `dist/`; from compiled tests it is a few folders further up.
 */
export function sampleDataPath(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'data', SAMPLE_FILE);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`bundled sample data ${SAMPLE_FILE} is missing from this install`);
}

export function sampleBackend(tagKeys?: TagKeys): FocusBackend {
  return new FocusBackend({ path: sampleDataPath(), sample: true, tagKeys });
}
