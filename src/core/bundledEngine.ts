import { bundledCatalog, type OfferOverlay } from './catalog/catalog';
import { CostEngine } from './engine';
import { setWasmDirectory } from './parsing/treeSitter';

// Everything heavy an adapter needs after activation, in one lazily loaded bundle.
export { engineOptionsFrom, parseFinopsConfig } from './config/finopsConfig';
export { finopsConfigTemplate } from './config/template';
export { modelHoverMarkdown } from './format/modelHover';
export { evaluatePolicy } from './policy/evaluatePolicy';
export { tagFixFor } from './policy/tagWriters';
export { spotMarketFix } from './policy/fixes/spotMarketFix';
/** Live prices: their API clients (the AWS SDK among them) stay out of the activation bundle. */
export * as live from './pricing/live';

/**
 * The engine with the bundled catalog and grammars. Adapters load this module lazily: it
 * pulls in the catalog, the parsers and their WASM runtime, which activation must not pay for.
 */
export function createBundledEngine(wasmDirectory?: string, overlay?: OfferOverlay): CostEngine {
  if (wasmDirectory) setWasmDirectory(wasmDirectory);
  return new CostEngine(overlay ? bundledCatalog().withOverlay(overlay) : bundledCatalog());
}
