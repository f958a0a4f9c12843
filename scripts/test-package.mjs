// Smoke test of the packaged extension: builds the .vsix (scripts/package.mjs), installs it
// with `code-server --install-extension` into an empty extensions folder, and opens the
// integration fixture workspace in code-server WITHOUT our source folder as the extension
// under development. A throwaway runner extension (its package.json generated here, its
// tests in test/package/smokeRunner.cjs) is the development extension instead, and checks
// the installed AI FinOps from inside the extension host. Ends with "N passed, N failed".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanEnv, ensureCodeServer, launchBrowser, payloadUrl, repoRoot, startCodeServer } from './vscode-host.mjs';

const TIMEOUT_MS = 180_000;
const hostTarget = `${process.platform}-${process.arch}`;

function packageVsix(outDir) {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs'), '--out', outDir, '--target', hostTarget], { cwd: repoRoot, stdio: 'inherit' });
  const files = fs.readdirSync(outDir).filter((f) => f.endsWith('.vsix'));
  if (files.length !== 1) throw new Error(`expected one .vsix in ${outDir}, found ${files.join(', ') || 'none'}`);
  return path.join(outDir, files[0]);
}

function writeRunner(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'package-smoke-runner', publisher: 'ai-finops-test', version: '0.0.0', engines: { vscode: '^1.90.0' }, main: './extension.js' };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = () => {};\n');
  fs.copyFileSync(path.join(repoRoot, 'test', 'package', 'smokeRunner.cjs'), path.join(dir, 'smokeRunner.js'));
}

/** File names in a zip's central directory (a .vsix is a zip). */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  const names = [];
  for (let at = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46)) {
    const nameLength = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
  }
  return new Set(names);
}

/** The Details page renders the packaged README: its icon and every relative image must be in the package. */
function checkPackagedAssets(vsix) {
  const entries = zipEntries(vsix);
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
  const wanted = [manifest.icon, ...images].filter(Boolean);
  const missing = wanted.filter((p) => !entries.has(`extension/${p.replace(/^\.\//, '')}`));
  if (!manifest.icon) throw new Error('package.json names no icon');
  if (missing.length) throw new Error(`not in the package: ${missing.join(', ')}`);
  console.log(`package holds the icon and the README's ${images.length} images`);
}

/**
 * Bundles load others by name at run time (the engine, the CLI's commands, a scan's worker):
 * each name a packaged bundle mentions must be packaged too, or that command fails installed.
 */
function checkPackagedBundles(vsix) {
  const entries = zipEntries(vsix);
  const dist = path.join(repoRoot, 'dist');
  const bundles = fs.readdirSync(dist).filter((f) => f.endsWith('.js'));
  const packaged = bundles.filter((f) => entries.has(`extension/dist/${f}`));
  const texts = packaged.map((f) => fs.readFileSync(path.join(dist, f), 'utf8'));
  const missing = bundles.filter((f) => !packaged.includes(f) && texts.some((t) => t.includes(`"./${f}"`) || t.includes(`"${f}"`)));
  if (missing.length) throw new Error(`bundles loaded at run time but not in the package: ${missing.join(', ')}`);
  console.log(`package holds the ${packaged.length} bundles and every bundle they load`);
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-pkg-'));
  process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const vsix = packageVsix(path.join(tmp, 'vsix'));
  checkPackagedAssets(vsix);
  checkPackagedBundles(vsix);
  const entry = await ensureCodeServer();
  const extensionsDir = path.join(tmp, 'extensions');
  const userDataDir = path.join(tmp, 'user-data');
  const installed = execFileSync(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    // Otherwise it writes a config file into ~/.config/code-server.
    '--config', path.join(tmp, 'code-server.yaml')], {
    encoding: 'utf8',
    env: cleanEnv({ EXTENSIONS_GALLERY: '{"serviceUrl":""}', XDG_DATA_HOME: path.join(userDataDir, 'xdg-data') }),
  });
  console.log(installed.trim());
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'integration-workspace'), workspace, { recursive: true });
  const runner = path.join(tmp, 'runner');
  writeRunner(runner);
  const resultFile = path.join(tmp, 'result.json');
  const server = await startCodeServer({
    workspace,
    userDataDir,
    extensionsDir,
    env: { AI_FINOPS_TEST_RESULT: resultFile, AI_FINOPS_EXTENSIONS_DIR: extensionsDir },
  });
  const browser = await launchBrowser();
  let result;
  try {
    const page = await browser.newPage();
    await page.goto(payloadUrl(server.url, { folder: workspace, extensionDevelopmentPath: runner, extensionTestsPath: path.join(runner, 'smokeRunner.js') }));
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline && !(result = readJson(resultFile))?.done) await sleep(500);
  } finally {
    await browser.close();
    await server.stop();
  }
  if (!result?.done) {
    console.log(`package smoke test did not finish in ${TIMEOUT_MS / 1000} s\n${server.logTail(40)}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  for (const t of result.tests) {
    console.log(`  ${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.fullTitle} (${t.durationMs} ms)`);
    if (t.error) console.log(`       ${t.error.stack ?? t.error.message}`.replace(/\n/g, '\n       '));
  }
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.failed > 0 ? 1 : 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`package smoke test error: ${err.stack ?? err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
