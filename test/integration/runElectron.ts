// The integration suite through @vscode/test-electron, for machines with internet and a
// display: it downloads VS Code into .vscode-test/ and runs index.ts in its extension host.
// Offline machines (CI here) use scripts/test-integration.mjs, which runs the same suite
// in code-server.
//
// Usage: npm run test:integration:electron [-- --grep PATTERN]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
// Type-only: index.ts imports 'vscode', which exists only inside the extension host.
import type { RunResult } from './index';

// Same names as RESULT_ENV and GREP_ENV in index.ts.
const RESULT_ENV = 'AI_FINOPS_TEST_RESULT';
const GREP_ENV = 'AI_FINOPS_TEST_GREP';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { grep: { type: 'string' } } });
  // out/test/integration -> repository root
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-it-'));
  // A copy, so tests that edit files leave the fixture in the repo untouched.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'integration-workspace'), workspace, { recursive: true });
  const resultFile = path.join(tmp, 'result.json');
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: __dirname,
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { [RESULT_ENV]: resultFile, ...(values.grep ? { [GREP_ENV]: values.grep } : {}) },
    });
  } catch (err) {
    // Also thrown for failing tests; the result file tells the two apart.
    console.error(`VS Code test run failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const code = summarize(resultFile);
  fs.rmSync(tmp, { recursive: true, force: true });
  return code;
}

/** mocha's reporter has already printed the details; end with the same line as the code-server harness. */
function summarize(resultFile: string): number {
  if (!fs.existsSync(resultFile)) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
  // A run that broke, stopped half-way or ran nothing counts as one more failure.
  const broken = Boolean(result.error) || !result.done || result.passed + result.failed === 0;
  const failed = result.failed + (broken ? 1 : 0);
  console.log(`${result.passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
