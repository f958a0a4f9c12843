import type { CostEngine } from '../core/engine';
import type * as BundledEngine from '../core/bundledEngine';

/** Resolved next to dist/extension.js at run time; scripts/build.mjs keeps it out of the bundle. */
const ENGINE_BUNDLE = './engine.js';

let core: typeof BundledEngine | undefined;
let engine: CostEngine | undefined;

/**
 * The heavy half of the product (catalog, parsers and their WASM runtime, YAML), from its own
 * bundle `dist/engine.js` (src/core/bundledEngine.ts), loaded the first time something needs
 * it: activation should not even parse that code.
 */
export function loadCore(): typeof BundledEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path into dist/, kept external by the build
  core ??= require(ENGINE_BUNDLE) as typeof BundledEngine;
  return core;
}

export function loadEngine(wasmDirectory: string): CostEngine {
  engine ??= loadCore().createBundledEngine(wasmDirectory);
  return engine;
}
