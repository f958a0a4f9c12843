import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const EXTENSION_ID = 'ai-finops.ai-finops';
/** scripts/test-integration.mjs names the host's user data folder (logs, settings, storage). */
const USER_DATA_ENV = 'AI_FINOPS_TEST_USER_DATA';

export function userDataDir(): string {
  const dir = process.env[USER_DATA_ENV];
  assert.ok(dir && fs.existsSync(dir), `${USER_DATA_ENV} must name the host's user data folder`);
  return dir;
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

/** The extension's LogOutputChannel ("AI FinOps"), as the host writes it to disk. */
export function extensionLogFile(): string | undefined {
  return filesUnder(path.join(userDataDir(), 'logs')).find((f) => /AI FinOps\.log$/.test(f) && f.includes(EXTENSION_ID));
}

/** The extension log's text once `pattern` appears in it (the host writes the file a little later). */
export function logMatching(pattern: RegExp, timeoutMs?: number): Promise<{ file: string; text: string }> {
  return until(`${pattern} in the AI FinOps log`, () => {
    const file = extensionLogFile();
    const text = file ? fs.readFileSync(file, 'utf8') : '';
    return file && pattern.test(text) ? { file, text } : undefined;
  }, timeoutMs);
}

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
