// Runs the integration suite (out/test/integration, compiled from test/integration) inside a
// real VS Code extension host: code-server serves VS Code, headless Chromium opens the
// workbench with extensionDevelopmentPath + extensionTestsPath, and the runner in the
// extension host (test/integration/index.ts) writes a JSON result that we turn into the
// exit code and a closing "N passed, N failed" line.
//
// Usage: node scripts/test-integration.mjs [--grep PATTERN] [--timeout SECONDS] [--keep-open] [--verbose]
//   --keep-open  after the run, keep code-server up and print a URL to look at the workspace
//   --verbose    forward code-server's and the workbench's logs live, and dump the extension host logs
//   --untrusted  workspace trust on and the folder not trusted: runs out/test/untrusted on
//                test/fixtures/untrusted-workspace, whose files point at a local trap server
//                that must get no request (scripts/untrusted-workspace.mjs)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { findUnhandledRejections } from './unhandled-rejections.mjs';
import { prepareUntrustedWorkspace, UNTRUSTED_FIXTURE_DIR, UNTRUSTED_TESTS_DIR } from './untrusted-workspace.mjs';
import { ensureCodeServer, launchBrowser, payloadUrl, repoRoot, startCodeServer, tail } from './vscode-host.mjs';

const defaultTestsDir = path.join(repoRoot, 'out', 'test', 'integration');
const defaultFixtureDir = path.join(repoRoot, 'test', 'fixtures', 'integration-workspace');
const screenshotFile = path.join(repoRoot, 'test-results', 'integration-failure.png');

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    'keep-open': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    // Another compiled suite and workspace (the benchmarks' host suite uses these).
    tests: { type: 'string' },
    workspace: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    untrusted: { type: 'boolean', default: false },
  },
});
const testsDir = path.resolve(opts.tests ?? (opts.untrusted ? UNTRUSTED_TESTS_DIR : defaultTestsDir));
const fixtureDir = path.resolve(opts.workspace ?? (opts.untrusted ? UNTRUSTED_FIXTURE_DIR : defaultFixtureDir));
/** Extra KEY=VALUE pairs for the extension host's environment. */
const extraEnv = Object.fromEntries(opts.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const timeoutMs = Number(opts.timeout) * 1000;

// Ctrl-C or a CI kill: exit through process.exit so the 'exit' hooks stop code-server,
// the browser, and remove the temporary workspace.
let exitCodeOnSignal = 130;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping`);
    process.exit(exitCodeOnSignal);
  });
}

async function main() {
  const started = Date.now();
  checkBuilt();
  await ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-it-'));
  process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  // A copy, so tests that edit files leave the fixture in the repo untouched.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(fixtureDir, workspace, { recursive: true });
  const resultFile = path.join(tmp, 'result.json');
  const userDataDir = path.join(tmp, 'user-data');
  const trap = opts.untrusted ? await prepareUntrustedWorkspace(workspace, tmp) : undefined;

  const server = await startCodeServer({
    workspace,
    userDataDir,
    extensionsDir: path.join(tmp, 'extensions'),
    // code-server passes its environment on to the extension host, where index.ts reads it.
    untrusted: opts.untrusted,
    // The browser workbench auto-saves by default; the suites edit without saving and revert,
    // and a save landing in between (a slow step on a busy machine) leaves the next test an
    // edited file. Suites that need saving save explicitly.
    settings: { 'files.autoSave': 'off' },
    env: { ...extraEnv, ...trap?.env, AI_FINOPS_TEST_RESULT: resultFile, AI_FINOPS_TEST_USER_DATA: userDataDir, ...(opts.grep ? { AI_FINOPS_TEST_GREP: opts.grep } : {}) },
    onOutput: opts.verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  console.log(`VS Code (code-server) at ${server.url}, workspace ${workspace}\n`);
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const consoleErrors = collectConsole(page);
  // The workbench calls this when the extension host ends a test run, so a runner that
  // dies without finishing is reported at once instead of at the timeout.
  let hostExited;
  const hostExit = new Promise((resolve) => (hostExited = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => hostExited(code));
  const outcome = watchRun({ page, server, resultFile, hostExit });
  await page.goto(payloadUrl(server.url, { folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: testsDir }));
  const { failed, summary } = await failOnUnhandledRejections(report(await outcome, trap?.problem()), { userDataDir, consoleErrors });

  if (failed > 0 || opts.verbose) await dumpDiagnostics({ page, server, userDataDir, consoleErrors, screenshot: failed > 0 });
  if (opts['keep-open']) {
    exitCodeOnSignal = failed > 0 ? 1 : 0;
    await keepOpen(payloadUrl(server.url, { folder: workspace, extensionDevelopmentPath: repoRoot }));
  }
  await browser.close();
  await server.stop();
  await trap?.close();
  console.log(`\nintegration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(summary);
  return failed > 0 ? 1 : 0;
}

function checkBuilt() {
  for (const file of [path.join(repoRoot, 'dist', 'extension.js'), path.join(testsDir, 'index.js')]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${path.relative(repoRoot, file)} is missing: run \`npm run build && npm run compile-tests\` first`);
    }
  }
}

/**
 * Follows the result file, printing each test as it finishes, until the runner marks it
 * done or something ends the run early. Resolves with { result, problem }.
 */
function watchRun({ page, server, resultFile, hostExit }) {
  let latest = null;
  let printed = 0;
  let settled = false;
  return new Promise((resolve) => {
    const finish = (problem) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ result: latest, problem });
    };
    const check = () => {
      const result = readJson(resultFile);
      if (!result || settled) return;
      latest = result;
      for (; printed < result.tests.length; printed++) printTest(result.tests[printed]);
      if (result.done) finish();
    };
    const poll = setInterval(check, 250);
    const timer = setTimeout(() => finish(timeoutProblem(latest)), timeoutMs);
    hostExit.then(async (code) => {
      await sleep(500); // the runner saves before it returns; give the poll a chance
      check();
      const during = latest?.current ? ` during "${latest.current}"` : '';
      finish(`the extension host exited (code ${code})${during} before the test run finished`);
    });
    page.on('crash', () => finish('the browser page crashed'));
    server.exited.then((code) => finish(`code-server exited (${code}) before the test run finished`));
  });
}

function timeoutProblem(latest) {
  const where = latest?.current
    ? `; still running: "${latest.current}"`
    : latest
      ? ''
      : '; the test runner never started (extension host logs below)';
  return `timed out after ${timeoutMs / 1000} s${where}`;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null; // not written yet
  }
}

const MARKS = { passed: 'ok  ', failed: 'FAIL', pending: 'skip' };
const printTest = (t) => console.log(`  ${MARKS[t.state] ?? t.state} ${t.fullTitle} (${t.durationMs} ms)`);
const indent = (text, n) => text.replace(/^/gm, ' '.repeat(n));

// A stack usually starts with the message already; print it once, without blank lines.
function errorText(error) {
  if (!error) return '(no error details)';
  const { message = '', stack = '' } = error;
  const text = stack.includes(message) ? stack : `${message}\n${stack}`;
  return text.split('\n').filter((line) => line.trim()).join('\n');
}

/** Prints failures and problems; returns the failure count and the closing summary line. */
function report({ result, problem: runProblem }, trapProblem) {
  const problem = [runProblem, trapProblem].filter(Boolean).join('; ') || undefined;
  const r = result ?? { passed: 0, failed: 0, pending: 0, tests: [] };
  r.tests
    .filter((t) => t.state === 'failed')
    .forEach((t, i) => console.log(`\n  ${i + 1}) ${t.fullTitle}\n${indent(errorText(t.error), 5)}`));
  let failed = r.failed;
  if (r.error) {
    console.log(`\nTHE TEST RUN BROKE:\n${indent(errorText(r.error), 2)}`);
    failed += 1;
  }
  if (problem) {
    console.log(`\nINTEGRATION RUN FAILED: ${problem}`);
    failed += 1;
  } else if (r.passed + failed === 0) {
    console.log('\nNo integration test ran (check --grep and out/test/integration).');
    failed = 1;
  }
  const skipped = r.pending ? `, ${r.pending} skipped` : '';
  return { failed, summary: `${r.passed} passed, ${failed} failed${skipped}` };
}

/**
 * The extension host must log no unhandled rejection from our code: each one fails the run.
 * The host reports a rejection one second after it happens, so wait that out first.
 */
async function failOnUnhandledRejections(run, { userDataDir, consoleErrors }) {
  await sleep(1500);
  const extensionId = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const { ours, others } = findUnhandledRejections({ userDataDir, consoleLines: consoleErrors, repoRoot, extensionId: `${extensionId.publisher}.${extensionId.name}` });
  if (others.length) console.log(`\n(note: ${others.length} unhandled rejection(s) from other extensions or VS Code itself)`);
  if (!ours.length) return run;
  console.log(`\nUNHANDLED REJECTIONS in the extension host from this extension (${ours.length}):\n${ours.map((b) => indent(b, 2)).join('\n\n')}`);
  const failed = run.failed + 1;
  return { failed, summary: run.summary.replace(/\d+ failed/, `${failed} failed`) };
}

/** Keeps the workbench's warnings and errors for the failure dump; forwards all with --verbose. */
function collectConsole(page) {
  const kept = [];
  page.on('console', async (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') kept.push(`${msg.type()}: ${msg.text()}`);
    if (opts.verbose) console.log(`[workbench] ${await consoleText(msg)}`);
  });
  page.on('pageerror', (err) => kept.push(`page error: ${err.message}`));
  return kept;
}

// VS Code logs with '%c' styling: drop the CSS arguments, keep the message arguments.
async function consoleText(msg) {
  const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '')));
  const shown = args.filter((a) => !(typeof a === 'string' && /^\s*(color|background|font-weight)\s*:/.test(a)));
  const text = shown.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return text.replace(/%c/g, '').trim() || msg.text();
}

async function dumpDiagnostics({ page, server, userDataDir, consoleErrors, screenshot }) {
  section('code-server output', server.logTail(30));
  for (const file of extensionHostLogs(userDataDir)) section(path.relative(userDataDir, file), tail(fs.readFileSync(file, 'utf8'), 30));
  section('workbench console warnings and errors', consoleErrors.slice(-30).join('\n'));
  if (!screenshot) return;
  try {
    fs.mkdirSync(path.dirname(screenshotFile), { recursive: true });
    await page.screenshot({ path: screenshotFile, timeout: 10_000 });
    console.log(`screenshot of the workbench: ${path.relative(repoRoot, screenshotFile)}`);
  } catch {
    /* the page may be gone */
  }
}

/** The extension host's own log (activation errors land there) and our extension's output channels. */
function extensionHostLogs(userDataDir) {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return [];
  return fs
    .readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /exthost\d*[/\\]/.test(f) && (/remoteexthost\.log$/.test(f) || /ai-finops|AI FinOps/i.test(f)))
    .map((f) => path.join(logsDir, f))
    .filter((f) => fs.statSync(f).isFile());
}

function section(title, body) {
  console.log(`\n--- ${title} ---\n${body || '(empty)'}`);
}

async function keepOpen(url) {
  console.log(`\n--keep-open: the workspace with the extension (no tests) is at\n${url}\nPress Ctrl-C to stop.`);
  await new Promise(() => setInterval(() => {}, 1 << 30));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`\nintegration harness error: ${err.stack ?? err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
