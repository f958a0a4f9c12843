// Runs a real VS Code (code-server, from npm) and drives it with headless Chromium.
// Why code-server: machines here only reach npm and Debian, so @vscode/test-electron and
// @vscode/test-web cannot download VS Code. See shared/notes/vscode-tests-offline.md.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');
const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const entryJs = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
// Written only after npm succeeded, so a half-finished install is never taken as done.
const doneMarker = path.join(installDir, '.installed');

const log = (msg) => console.log(`[vscode-host] ${msg}`);

/** Installs code-server into .vscode-test/ once; returns the path of its entry script. */
export async function ensureCodeServer() {
  if (readText(doneMarker) === CODE_SERVER_VERSION && fs.existsSync(entryJs)) return entryJs;
  checkSystemDeps();
  seedRipgrepCache();
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  // Its own package.json makes npm treat this folder as the project, so neither the repo's
  // package.json nor its .npmrc (ignore-scripts=true) apply.
  fs.writeFileSync(path.join(installDir, 'package.json'), '{ "name": "code-server-host", "private": true }\n');
  const logFile = path.join(cacheDir, 'code-server-install.log');
  log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)} (about 1-2 minutes, log: ${path.relative(repoRoot, logFile)})`);
  const started = Date.now();
  const args = ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts=false', '--unsafe-perm',
    '--no-save', '--no-audit', '--no-fund', '--loglevel=http'];
  const code = await runLogged('npm', args, { cwd: installDir, env: installEnv() }, logFile);
  if (code !== 0 || !fs.existsSync(entryJs)) {
    console.error(tail(readText(logFile), 60));
    throw new Error(`code-server install failed (npm exit ${code}); full log in ${logFile}`);
  }
  fs.writeFileSync(doneMarker, CODE_SERVER_VERSION);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return entryJs;
}

/**
 * Debian packages code-server's install needs: node-pty's Kerberos headers and a compiler
 * (it builds with node-gyp), and rg for @vscode/ripgrep.
 */
function missingSystemDeps() {
  const missing = [];
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!whichRg()) missing.push('ripgrep');
  for (const [tool, pkg] of [['make', 'make'], ['g++', 'g++'], ['python3', 'python3']]) if (!which(tool)) missing.push(pkg);
  return missing;
}

/**
 * Installs the missing packages with apt-get when this runs as root on Debian/Ubuntu (a fresh
 * container or CI machine), so `npm ci && npm run demo` is the whole quick start; otherwise
 * stops with the exact command to run.
 */
function checkSystemDeps() {
  const missing = missingSystemDeps();
  if (!missing.length) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(`code-server's install needs ${missing.join(' and ')}. Install ${missing.length > 1 ? 'them' : 'it'} and run again:\n\n  sudo apt-get update && sudo ${command}\n`);
  }
  log(`installing ${missing.join(', ')} (apt-get, as root)`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missingSystemDeps();
  if (still.length) throw new Error(`apt-get did not install ${still.join(', ')}`);
}

function which(tool) {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function whichRg() {
  return which('rg');
}

// @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this cached
// tarball first; we hand it Debian's rg instead.
function seedRipgrepCache() {
  const dir = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(dir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-'));
  fs.copyFileSync(whichRg(), path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  execFileSync('tar', ['-czf', tarball, '-C', staging, 'rg']);
  fs.rmSync(staging, { recursive: true, force: true });
  log(`seeded ripgrep cache ${tarball}`);
}

/** Environment for child processes, without the npm_* variables of an enclosing `npm run`. */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ...extra };
}

function installEnv() {
  const extra = { npm_config_yes: 'true' }; // node-pty's postinstall runs `npx node-gyp`
  // node-gyp would download Node's headers; use the installed ones when they exist.
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  if (fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) extra.npm_config_nodedir = nodePrefix;
  return cleanEnv(extra);
}

/** Runs a command with its output in logFile, printing a heartbeat so CI logs show progress. */
function runLogged(cmd, args, opts, logFile) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', out, out] });
  const started = Date.now();
  const beat = setInterval(() => {
    log(`  still installing, ${Math.round((Date.now() - started) / 1000)} s`);
  }, 15_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(beat);
      fs.closeSync(out);
      resolve(code ?? 1);
    });
  });
}

/** Asks the OS for a port nobody listens on. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Fails with a readable message when something already listens on host:port. */
export function assertPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err) => reject(new Error(`cannot use ${host}:${port} (${err.code}); pick another with --port or PORT`)));
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

/**
 * Starts code-server on `workspace`. `env` reaches the extension host, which code-server
 * spawns with its own environment. `untrusted` opens the workspace in restricted mode
 * instead of turning workspace trust off. Returns { url, port, logTail(n), stop() }.
 */
export async function startCodeServer({ workspace, userDataDir, extensionsDir, port, host = '127.0.0.1', env = {}, settings = {}, onOutput, untrusted = false }) {
  const entry = await ensureCodeServer();
  port ||= await freePort(host);
  writeUserSettings(userDataDir, { ...settings, ...(untrusted ? UNTRUSTED_SETTINGS : {}) });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const args = [entry, '--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry',
    '--disable-update-check', ...(untrusted ? [] : ['--disable-workspace-trust']), '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    // Otherwise it writes a config file with a password into ~/.config/code-server.
    '--config', path.join(userDataDir, 'code-server.yaml'),
    workspace];
  const serverEnv = cleanEnv({
    // No gallery: there is no network, and tests must not depend on the marketplace.
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    // Keep code-server's logs and VS Code's device id out of the user's home folder.
    XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(userDataDir, 'xdg-cache'),
    ...env,
  });
  // detached: its own process group, so stop() also ends the extension host and pty host.
  const child = spawn(process.execPath, args, { env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Being detached, it would outlive us if we died or were interrupted without stop().
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const lines = [];
  const collect = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 2000) lines.shift();
      onOutput?.(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://${host}:${port}/`;
  const server = {
    url,
    port,
    process: child,
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal))),
    logTail: (n = 60) => lines.slice(-n).join('\n'),
    stop: () => stopGroup(child),
  };
  await waitForHttp(`${url}healthz`, server.exited, 60_000).catch(async (err) => {
    await server.stop();
    throw new Error(`${err.message}\n--- code-server log ---\n${server.logTail()}`);
  });
  return server;
}

/**
 * Workspace trust on, and nothing that would ask to trust the folder: with a fresh user data
 * folder no folder is trusted, so the workspace opens in restricted mode.
 */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

function writeUserSettings(userDataDir, extra) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    ...extra,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

async function waitForHttp(url, exited, timeoutMs) {
  let gone = false;
  exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('code-server exited before it answered');
    if (await answers(url)) return;
    await sleep(250);
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

function answers(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) return;
  signalGroup(child, 'SIGKILL');
  await exited;
}

/** Headless Debian Chromium through playwright-core (never a downloaded browser). */
export function launchBrowser({ headless = true } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless,
    // Our own signal handlers decide; Playwright still kills the browser when we exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Playwright gives every launch a fresh temporary profile.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/**
 * The workbench URL that opens `folder` with the extension under development (and, when
 * given, its test runner). Paths are server-side, hence the vscode-remote:// form.
 */
export function payloadUrl(base, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const url = new URL(base);
  const remote = (p) => `vscode-remote://${url.host}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  url.searchParams.set('folder', path.resolve(folder));
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function tail(text, n) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}
