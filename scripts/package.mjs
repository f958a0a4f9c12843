// Packages the extension as .vsix with @vscode/vsce. Everything the extension needs is
// bundled into dist/, so vsce runs with --no-dependencies. When the project depends on
// DuckDB (a native module), one package per platform is made, each carrying that platform's
// binding under dist/node_modules (taken from the npm registry with `npm pack`, so every
// platform can be built on any machine); without DuckDB, one universal package.
//
// Usage: node scripts/package.mjs [--target linux-x64|darwin-arm64|win32-x64 ...] [--out DIR] [--skip-build]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const PLATFORMS = ['linux-x64', 'darwin-arm64', 'win32-x64'];
const DUCKDB = '@duckdb/node-api';

const { values } = parseArgs({
  options: {
    target: { type: 'string', multiple: true },
    out: { type: 'string', default: root },
    'skip-build': { type: 'boolean', default: false },
  },
});

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
}

/** The installed DuckDB bindings version, or undefined when the project does not use DuckDB. */
function duckdbBindingsVersion() {
  if (!manifest.dependencies?.[DUCKDB]) return undefined;
  const file = path.join(root, 'node_modules', '@duckdb', 'node-bindings', 'package.json');
  if (!fs.existsSync(file)) throw new Error(`${DUCKDB} is a dependency but @duckdb/node-bindings is not installed: run npm ci`);
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/**
 * Puts DuckDB into dist/node_modules, where the bundle's require finds it: the platform's
 * native binding from the registry, and those JS packages (platform-independent, from
 * node_modules) that the build left out of the bundle.
 */
function stageDuckdb(target, version) {
  const bundles = ['extension.js', 'spend.js', 'cli.js', 'cli-spend.js'].map((f) => readText(path.join(root, 'dist', f))).join('\n');
  const external = (name) => bundles.includes(`require("${name}")`) || bundles.includes(`require('${name}')`);
  const jsPackages = external('@duckdb/node-api') ? ['@duckdb/node-api', '@duckdb/node-bindings', 'detect-libc'] : external('@duckdb/node-bindings') ? ['@duckdb/node-bindings', 'detect-libc'] : [];
  for (const pkg of jsPackages) {
    const from = path.join(root, 'node_modules', pkg);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, 'dist', 'node_modules', pkg), { recursive: true, dereference: true });
  }
  stageBinding(target, version);
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function stageBinding(target, version) {
  const name = `@duckdb/node-bindings-${target}`;
  const dest = path.join(root, 'dist', 'node_modules', '@duckdb', `node-bindings-${target}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-pack-'));
  try {
    const tarball = run('npm', ['pack', `${name}@${version}`, '--pack-destination', tmp, '--silent']).trim().split('\n').pop();
    run('tar', ['-xzf', path.join(tmp, tarball), '-C', tmp]);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.cpSync(path.join(tmp, 'package'), dest, { recursive: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Entry count and size from the zip's end-of-central-directory record. */
function describeVsix(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files = eocd >= 0 ? buf.readUInt16LE(eocd + 10) : NaN;
  return { files, bytes: buf.length };
}

function vsce(target, outFile) {
  const bin = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The README's images ship in the package (media/screenshots/); relative links keep
  // pointing there, so the installed extension's Details page shows them offline.
  const args = [bin, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', outFile, ...(target ? ['--target', target] : [])];
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}

function main() {
  if (!values['skip-build']) execFileSync('npm', ['run', 'build', '--', '--production'], { cwd: root, stdio: 'inherit' });
  fs.mkdirSync(values.out, { recursive: true });
  const version = duckdbBindingsVersion();
  const targets = version ? (values.target ?? PLATFORMS) : [undefined];
  if (!version && values.target) console.log(`no ${DUCKDB} dependency: making one universal package (ignoring --target)`);
  const made = [];
  try {
    for (const target of targets) {
      if (target && !PLATFORMS.includes(target)) throw new Error(`unknown --target ${target} (use ${PLATFORMS.join(', ')})`);
      if (target) {
        fs.rmSync(path.join(root, 'dist', 'node_modules'), { recursive: true, force: true });
        stageDuckdb(target, version);
      }
      const outFile = path.join(values.out, `${manifest.name}-${target ? `${target}-` : ''}${manifest.version}.vsix`);
      vsce(target, outFile);
      made.push({ target: target ?? 'universal', file: outFile, ...describeVsix(outFile) });
    }
  } finally {
    fs.rmSync(path.join(root, 'dist', 'node_modules'), { recursive: true, force: true });
  }
  for (const m of made) {
    console.log(`packaged ${path.relative(process.cwd(), m.file)} (${m.target}): ${m.files} files, ${(m.bytes / 1024 / 1024).toFixed(2)} MiB`);
  }
}

main();
