// Test runner loaded by the VS Code extension host (the extensionTestsPath contract: a
// module exporting run()). It runs mocha over out/test/integration/**/*.test.js and writes
// a JSON result file, because the process that launched VS Code cannot see our exit code
// when VS Code is code-server in a browser (scripts/test-integration.mjs reads the file).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface TestRecord {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

/** Rewritten after every test, so the launcher can show progress and name a hanging test. */
export interface RunResult {
  done: boolean;
  /** The test running now, if any. */
  current?: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestRecord[];
  /** Set when the run itself broke (a test file failed to load, ...). */
  error?: { message: string; stack?: string };
}

/** The launcher passes these through the environment; code-server hands it on to us. */
export const RESULT_ENV = 'AI_FINOPS_TEST_RESULT';
export const GREP_ENV = 'AI_FINOPS_TEST_GREP';

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs every `*.test.js` under `dir`; other suites (the host benchmarks) reuse it with their own folder. */
export async function runSuite(dir: string): Promise<void> {
  const file = resultPath();
  const result: RunResult = { done: false, passed: 0, failed: 0, pending: 0, tests: [] };
  const save = () => writeResult(file, result);
  try {
    await runMocha(dir, result, save);
  } catch (err) {
    result.error = errorInfo(err);
  }
  result.done = true;
  delete result.current;
  save();
  if (result.error) throw new Error(`integration run broke: ${result.error.message}`);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}

async function runMocha(dir: string, result: RunResult, save: () => void): Promise<void> {
  const grep = process.env[GREP_ENV];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, ...(grep ? { grep } : {}) });
  for (const file of findTestFiles(dir)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const record = (test: Mocha.Runnable, state: TestRecord['state'], err?: unknown) => {
    result[state]++;
    result.tests.push({
      title: test.title,
      fullTitle: test.fullTitle(),
      state,
      durationMs: test.duration ?? 0,
      ...(err === undefined ? {} : { error: errorInfo(err) }),
    });
    save();
  };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('test', (test) => {
      result.current = test.fullTitle();
      save();
    });
    runner.on('pass', (test) => record(test, 'passed'));
    runner.on('pending', (test) => record(test, 'pending'));
    // Also fires for failing hooks, which must count as failures too.
    runner.on('fail', (test, err) => record(test, 'failed', err));
  });
}

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

function resultPath(): string {
  const fromEnv = process.env[RESULT_ENV];
  if (fromEnv) return fromEnv;
  // Fallback for launchers that cannot set the environment: beside the workspace files.
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(`no ${RESULT_ENV} and no workspace folder to write the result into`);
  return path.join(folder.uri.fsPath, '.vscode-test-result.json');
}

/** Written through a rename so a reader never sees half a file. */
function writeResult(file: string, result: RunResult): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

function errorInfo(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}
