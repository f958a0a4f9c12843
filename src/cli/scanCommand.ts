import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../core/catalog/catalog';
import { engineOptionsFrom, FINOPS_CONFIG_FILE, parseFinopsConfig, type FinopsConfig } from '../core/config/finopsConfig';
import { evaluatePolicy } from '../core/policy/evaluatePolicy';
import { GATES, matchesGate } from '../core/policy/findings';
import { missingTagKeys } from '../core/policy/tagPolicy';
import { CostEngine } from '../core/engine';
import { nodeReader } from '../core/io/nodeReader';
import { scanFolder } from '../core/scan/workspaceScan';
import { UsageError } from './usageError';
import { renderMarkdown, renderTable } from './renderScan';
import { buildScanReport } from './scanReport';

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** `--fail-on missing-tags,policy`: the finding categories that make the scan exit 1, for CI. */
export function parseFailOn(value: string | undefined): string[] {
  const gates = (value ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  const unknown = gates.filter((g) => !(GATES as readonly string[]).includes(g));
  if (unknown.length) throw new UsageError(`--fail-on takes ${GATES.join(', ')} (got ${unknown.join(', ')})`);
  return gates;
}

export async function runScan(target: string, format: string, failOn: string[] = []): Promise<number> {
  if (!FORMATS.includes(format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const root = path.resolve(target);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`${target} is not a folder`);
  const { options, config, configErrors } = await loadOptions(root);
  const engine = new CostEngine(bundledCatalog());
  const scan = await scanFolder(engine, root, options, nodeReader);
  scan.skipped.unshift(...configErrors);
  const findings = evaluatePolicy({ items: scan.items, config, catalog: engine.catalog, hoursPerMonth: options.hoursPerMonth });
  const tags = config?.tags ?? {};
  const report = buildScanReport(root, scan, { findings, missingTags: (i) => (config?.checks.tagPolicy === false ? [] : missingTagKeys(i, tags)) });
  const out = format === 'json' ? JSON.stringify(report, null, 2) : format === 'markdown' ? renderMarkdown(report) : renderTable(report);
  process.stdout.write(`${out}\n`);
  const failing = findings.filter((f) => failOn.some((g) => matchesGate(f, g)));
  if (failing.length) process.stderr.write(`ai-finops: ${failing.length} finding(s) match --fail-on ${failOn.join(',')}\n`);
  return failing.length ? 1 : 0;
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
