/**
 * The commands' code, required on first use: `--version`, `--help` and a usage error load
 * none of it. In dist/ each module below is a bundle of its own (scripts/build.mjs maps the
 * specifiers to `./cli-scan.js`, `./cli-diff.js` and `./cli-spend.js`), so `scan` does not
 * compile the spend backends, nor `spend` the parsers and catalog.
 */
import type * as DiffCommand from './diffCommand';
import type * as ScanCommand from './scanCommand';
import type * as SpendCommand from './spendCommand';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use; the build keeps each one a bundle of its own */
export const loadScanCommand = (): typeof ScanCommand => require('./scanCommand') as typeof ScanCommand;
export const loadDiffCommand = (): typeof DiffCommand => require('./diffCommand') as typeof DiffCommand;
export const loadSpendCommand = (): typeof SpendCommand => require('./spendCommand') as typeof SpendCommand;
/* eslint-enable @typescript-eslint/no-require-imports */
