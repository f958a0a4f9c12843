import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../core/catalog/catalog';
import { engineOptionsFrom, FINOPS_CONFIG_FILE, parseFinopsConfig, type FinopsConfig } from '../core/config/finopsConfig';
import { CostEngine } from '../core/engine';
import { nodeReader } from '../core/io/nodeReader';
import { evaluatePolicy } from '../core/policy/evaluatePolicy';
import type { Finding } from '../core/policy/findings';
import { missingTagKeys } from '../core/policy/tagPolicy';
import { scanFolder, type ScanResult } from '../core/scan/workspaceScan';
import { engineFingerprint } from './engineFingerprint';
import { gateFailures, type FailOnRule } from './failOn';
import { renderMarkdown, renderTable } from './renderScan';
import { buildScanReport, type ScanReport } from './scanReport';
import type { ScanSettings } from './scanSettings';
import { outputWidth } from './textTable';
import { UsageError } from './usageError';

const FORMATS = ['table', 'json', 'markdown'] as const;

/** Enough for every file of a large monorepo; an entry is a few KB. */
const CACHE_MAX_BYTES = 256 * 1024 * 1024;
type Format = (typeof FORMATS)[number];

export async function runScan(target: string, format: string, failOn: readonly FailOnRule[] = [], settings: ScanSettings = { jobs: 1 }): Promise<number> {
  if (!FORMATS.includes(format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const root = path.resolve(target);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`${target} is not a folder`);
  const { report, findings } = await scanProject(root, { settings });
  const out = format === 'json' ? JSON.stringify(report, null, 2) : format === 'markdown' ? renderMarkdown(report) : renderTable(report, outputWidth());
  process.stdout.write(`${out}\n`);
  const failures = gateFailures(root, failOn, findings);
  for (const f of failures) process.stderr.write(`ai-finops: ${f}\n`);
  return failures.length ? 1 : 0;
}

export interface ProjectScan {
  scan: ScanResult;
  findings: Finding[];
  report: ScanReport;
}

/** Scans a folder with its own `.finops.yml`: items, policy findings, and the report built from both. */
/**
 * A revision's tree is a fresh temporary folder each run, and items carry their absolute
 * paths, so its results would never be found again: only a folder as it is uses the cache.
 */
export async function scanProject(root: string, { tracked = false, settings = { jobs: 1 } }: { tracked?: boolean; settings?: ScanSettings } = {}): Promise<ProjectScan> {
  const { options, config, configErrors } = await loadOptions(root);
  const engine = new CostEngine(bundledCatalog());
  const cache = tracked || !settings.cacheDir ? undefined : { dir: settings.cacheDir, engineVersion: engineFingerprint(), maxBytes: CACHE_MAX_BYTES };
  const scan = await scanFolder(engine, root, { ...options, workspaceRoot: root }, nodeReader, { gitignore: !tracked, jobs: settings.jobs, cache });
  for (const note of scan.cache?.ignored ?? []) process.stderr.write(`ai-finops: ignored a cached result that could not be used (${note})\n`);
  scan.skipped.unshift(...configErrors);
  const findings = evaluatePolicy({ items: scan.items, config, catalog: engine.catalog, hoursPerMonth: options.hoursPerMonth });
  const tags = config?.tags ?? {};
  const report = buildScanReport(root, scan, {
    findings,
    missingTags: (i) => (config?.checks.tagPolicy === false ? [] : missingTagKeys(i, tags)),
  });
  return { scan, findings, report };
}

async function loadOptions(root: string) {
  const file = path.join(root, FINOPS_CONFIG_FILE);
  const text = await nodeReader.readText(file);
  if (text === undefined) return { options: engineOptionsFrom(undefined), config: undefined as FinopsConfig | undefined, configErrors: [] };
  const { config, problems } = parseFinopsConfig(text);
  return {
    options: engineOptionsFrom(config),
    config,
    configErrors: problems.map((p) => ({ file, message: `line ${p.line}: ${p.message}` })),
  };
}
