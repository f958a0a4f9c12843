import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../core/catalog/catalog';
import { engineOptionsFrom, FINOPS_CONFIG_FILE, parseFinopsConfig } from '../core/config/finopsConfig';
import { CostEngine } from '../core/engine';
import { nodeReader } from '../core/io/nodeReader';
import { scanFolder } from '../core/scan/workspaceScan';
import { UsageError } from './usageError';
import { renderMarkdown, renderTable } from './renderScan';
import { buildScanReport } from './scanReport';

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export async function runScan(target: string, format: string): Promise<number> {
  if (!FORMATS.includes(format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const root = path.resolve(target);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`${target} is not a folder`);
  const { options, configErrors } = await loadOptions(root);
  const engine = new CostEngine(bundledCatalog());
  const scan = await scanFolder(engine, root, { ...options, workspaceRoot: root }, nodeReader);
  scan.skipped.unshift(...configErrors);
  const report = buildScanReport(root, scan);
  const out = format === 'json' ? JSON.stringify(report, null, 2) : format === 'markdown' ? renderMarkdown(report) : renderTable(report);
  process.stdout.write(`${out}\n`);
  return 0;
}

async function loadOptions(root: string) {
  const file = path.join(root, FINOPS_CONFIG_FILE);
  const text = await nodeReader.readText(file);
  if (text === undefined) return { options: engineOptionsFrom(undefined), configErrors: [] };
  const { config, problems } = parseFinopsConfig(text);
  return {
    options: engineOptionsFrom(config),
    configErrors: problems.map((p) => ({ file, message: `line ${p.line}: ${p.message}` })),
  };
}
