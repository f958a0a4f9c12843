import { bundledCatalog } from './catalog/catalog';
import { CostEngine } from './engine';
import { setWasmDirectory } from './parsing/treeSitter';

// Everything heavy an adapter needs after activation, in one lazily loaded bundle.
export { engineOptionsFrom, parseFinopsConfig } from './config/finopsConfig';
export { finopsConfigTemplate } from './config/template';
export { evaluatePolicy } from './policy/evaluatePolicy';
export { tagFixFor } from './policy/tagWriters';
export { spotMarketFix } from './policy/fixes/spotMarketFix';

/**
 * The engine with the bundled catalog and grammars. Adapters load this module lazily: it
 * pulls in the catalog, the parsers and their WASM runtime, which activation must not pay for.
 */
export function createBundledEngine(wasmDirectory?: string): CostEngine {
  if (wasmDirectory) setWasmDirectory(wasmDirectory);
  return new CostEngine(bundledCatalog());
}
