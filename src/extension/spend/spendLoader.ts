import type * as BundledSpend from '../../core/spend/bundledSpend';

/** Resolved next to dist/extension.js at run time; scripts/build.mjs keeps it out of the bundle. */
const SPEND_BUNDLE = './spend.js';

let spend: typeof BundledSpend | undefined;

/** The spend backends and report (dist/spend.js), loaded when the panel first queries. */
export function loadSpend(): typeof BundledSpend {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path into dist/, kept external by the build
  spend ??= require(SPEND_BUNDLE) as typeof BundledSpend;
  return spend;
}
