import { runSuite } from '../integration/index';

/** Runs in a workspace VS Code does not trust (`node scripts/test-integration.mjs --untrusted`). */
export function run(): Promise<void> {
  return runSuite(__dirname);
}
