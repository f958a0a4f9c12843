// Bundles the extension and the CLI with esbuild and copies the grammar WASM they load.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const WASM = [
  'web-tree-sitter/web-tree-sitter.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'tree-sitter-python/tree-sitter-python.wasm',
  'tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-typescript/tree-sitter-tsx.wasm',
];

function copyWasm() {
  const out = join(root, 'dist', 'wasm');
  mkdirSync(out, { recursive: true });
  for (const spec of WASM) {
    const from = require.resolve(spec);
    copyFileSync(from, join(out, spec.split('/').pop()));
  }
}

/**
 * Every `import * as vscode from 'vscode'` of a bundle shares one namespace object. Without
 * this, esbuild copies the whole API object's properties once per importing module
 * (`__toESM`), a few milliseconds each in the extension host, 27 times in the features.
 * @type {esbuild.Plugin}
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/**
 * Large dependencies that few sessions use, required lazily in src/, live in bundles of their
 * own next to dist/engine.js; otherwise V8 compiles (and for the AWS SDK, evaluates) them with
 * the engine on the way to the first lens. Specifier → bundle in dist/.
 */
const LAZY_BUNDLES = {
  'gpt-tokenizer/encoding/o200k_base': 'tokenizer.js',
  '@aws-sdk/client-pricing': 'aws-pricing.js',
  // Spend sources' SDKs, each loaded by its own source kind's first query only: a sample or
  // FOCUS report (DuckDB) neither compiles nor evaluates the Cost Explorer, Athena or BigQuery clients.
  '@aws-sdk/client-cost-explorer': 'aws-cost-explorer.js',
  '@aws-sdk/client-athena': 'aws-athena.js',
  '@google-cloud/bigquery': 'bigquery.js',
  'google-auth-library': 'google-auth.js',
};
/** @type {esbuild.Plugin} */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^(gpt-tokenizer|@aws-sdk\/client-(pricing|cost-explorer|athena)$|@google-cloud\/bigquery$|google-auth-library$)/ }, (args) =>
      LAZY_BUNDLES[args.path] ? { path: `./${LAZY_BUNDLES[args.path]}`, external: true } : undefined,
    );
  },
};

/**
 * The CLI's commands (src/cli/commandLoader.ts requires each on first use) are bundles of
 * their own, so `--version` and `--help` compile none of them. Module → bundle in dist/.
 */
const CLI_COMMANDS = { scanCommand: 'cli-scan.js', diffCommand: 'cli-diff.js', spendCommand: 'cli-spend.js' };
/** @type {esbuild.Plugin} */
const lazyCliCommands = {
  name: 'lazy-cli-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/(scanCommand|diffCommand|spendCommand)$/ }, (args) =>
      args.importer.endsWith('commandLoader.ts') ? { path: `./${CLI_COMMANDS[args.path.slice(2)]}`, external: true } : undefined,
    );
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  absWorkingDir: root,
  plugins: [oneVscodeNamespace],
  // Native or optional modules that must stay outside the bundle are listed here.
  // DuckDB's native binding is loaded from node_modules at run time, on first spend query.
  external: ['vscode', '@duckdb/node-bindings', '@duckdb/node-bindings-*'],
  // jsonc-parser's UMD build requires its parts at run time; its ESM build bundles.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // ESM dependencies (web-tree-sitter) read import.meta.url, which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('url').pathToFileURL(__filename).href;" },
  // jsonc-parser's UMD entry requires its parts dynamically, which a bundle cannot follow.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

/**
 * The spend bundles (the panel's, the CLI command's) import each source's SDK with `import()`
 * when that source first queries; as `require` (esbuild's form when dynamic import is off),
 * the SDK's own bundle loads as the Price List SDK's does, in the extension host and the CLI alike.
 */
const spendSdksLazily = { plugins: [...common.plugins, lazyBundles], supported: { 'dynamic-import': false } };

const builds = [
  // Activation loads only this thin entry; its registrations load the features on first use (lazyFeatures.ts).
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: [...common.external, './features.js'] },
  // The features; the engine is a bundle of its own that they load on first use (engineLoader.ts).
  { ...common, entryPoints: ['src/extension/features.ts'], outfile: 'dist/features.js', external: [...common.external, './engine.js', './spend.js'] },
  { ...common, entryPoints: ['src/core/bundledEngine.ts'], outfile: 'dist/engine.js', plugins: [...common.plugins, lazyBundles] },
  ...Object.entries(LAZY_BUNDLES).map(([specifier, file]) => ({ ...common, entryPoints: [specifier], outfile: `dist/${file}` })),
  // The spend panel's backends (DuckDB, HTTP, AWS SDK), loaded on its first query (spendLoader.ts).
  { ...common, ...spendSdksLazily, entryPoints: ['src/core/spend/bundledSpend.ts'], outfile: 'dist/spend.js' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    plugins: [...common.plugins, lazyCliCommands],
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  },
  // A scan's worker threads (src/core/scan/parallelScan.ts) start this beside the command's bundle.
  { ...common, entryPoints: ['src/core/scan/scanWorker.ts'], outfile: 'dist/scan-worker.js', plugins: [...common.plugins, lazyBundles] },
  ...Object.entries(CLI_COMMANDS).map(([module, file]) => ({
    ...common,
    ...(module === 'spendCommand' ? spendSdksLazily : {}),
    entryPoints: [`src/cli/${module}.ts`],
    outfile: `dist/${file}`,
    plugins: [...common.plugins, lazyBundles],
  })),
];

const webviewEntry = join(root, 'webview', 'main.ts');
if (existsSync(webviewEntry)) {
  builds.push({
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    external: [],
    define: {},
    banner: {},
    entryPoints: [webviewEntry],
    outfile: 'dist/webview.js',
  });
}

copyWasm();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const files = readdirSync(join(root, 'dist')).length;
  console.log(`built ${builds.length} bundles, ${files} entries in dist/`);
}
