import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { terminalText } from '../core/format/terminalEscape';
import { cliToken } from '../core/spend/tokenOrigin';
import { FINOPS_CONFIG_FILE, parseFinopsConfig } from '../core/config/finopsConfig';
import { nodeReader } from '../core/io/nodeReader';
import { createBackend } from '../core/spend/backendFactory';
import { addDays, isIsoDate, todayUtc } from '../core/spend/period';
import { buildSpendReport, type SpendRequest } from '../core/spend/spendReport';
import { DIMENSIONS, isDimension, METRICS, SOURCE_KINDS, SpendSourceError, TABLE_LAYOUTS, type CostMetric, type Dimension, type SourceKind } from '../core/spend/types';
import { renderSpendCsv, renderSpendTable } from './renderSpend';
import { spendReportJson } from './spendReportJson';
import { UsageError } from './usageError';


const FORMATS = ['table', 'json', 'csv'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function dimension(value: string | undefined): Dimension | undefined {
  if (value === undefined) return undefined;
  if (!isDimension(value)) throw new UsageError(`--group-by must be one of ${DIMENSIONS.join(', ')} or tag:<key>`);
  return value;
}

function gigabytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError('--max-scan-gb must be a positive number of gigabytes');
  return n;
}

function date(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`${flag} must be a date YYYY-MM-DD`);
  return value;
}

export async function runSpend(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      source: { type: 'string' }, path: { type: 'string' }, url: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      'group-by': { type: 'string' }, granularity: { type: 'string' }, metric: { type: 'string' }, format: { type: 'string' },
      team: { type: 'string', multiple: true },
      table: { type: 'string' }, layout: { type: 'string' }, workgroup: { type: 'string' }, profile: { type: 'string' }, region: { type: 'string' }, project: { type: 'string' },
      'max-scan-gb': { type: 'string' },
    },
  });
  const format = oneOf(values.format, FORMATS, '--format') ?? 'table';
  const groupBy = dimension(values['group-by']) ?? 'team';
  const granularity = oneOf(values.granularity, ['day', 'month'] as const, '--granularity') ?? 'day';
  const cwd = process.cwd();
  const config = await loadSpendConfig(cwd);
  const metric = oneOf<CostMetric>(values.metric, METRICS, '--metric') ?? config.spend?.metric ?? 'effective';
  const source = oneOf<SourceKind>(values.source, SOURCE_KINDS, '--source');
  const [from, to] = [date(values.from, '--from'), date(values.to, '--to')];
  if (from && to && from > to) throw new UsageError('--from must not be after --to');
  // Flags name a source of their own; .finops.yml's options apply only to .finops.yml's source.
  const fromFlags = source !== undefined || values.path !== undefined || values.url !== undefined;
  const section = fromFlags
    ? {
      source: source ?? (values.path ? 'focus' : 'http'), path: values.path, url: values.url, tags: config.spend?.tags,
      table: values.table, layout: oneOf(values.layout, TABLE_LAYOUTS, '--layout'), workgroup: values.workgroup, profile: values.profile, region: values.region, project: values.project,
      maxScanGigabytes: gigabytes(values['max-scan-gb']),
    }
    : (config.spend ?? {});
  try {
    const { token, refused } = cliToken(section.url, values.url !== undefined, process.env);
    if (refused) process.stderr.write(`ai-finops spend: ${terminalText(refused)}\n`);
    const backend = await createBackend({ ...section, baseDir: cwd, token });
    try {
      const request: SpendRequest = { period: '30d', groupBy, granularity, metric, filters: values.team ? { team: values.team } : {} };
      const today = todayUtc();
      if (from || to) {
        const end = to ?? (backend.source.sample ? ((await backend.dataEnd?.()) ?? today) : today);
        request.period = 'custom';
        request.custom = { from: from ?? addDays(end, -29), to: end };
      }
      const report = await buildSpendReport(backend, request, { budgets: config.budgets?.budgets ?? [], today });
      const out = format === 'json' ? JSON.stringify(spendReportJson(report), null, 2) : format === 'csv' ? renderSpendCsv(report) : renderSpendTable(report);
      process.stdout.write(`${out}\n`);
      return 0;
    } finally {
      await backend.dispose?.();
    }
  } catch (e) {
    if (!(e instanceof SpendSourceError)) throw e;
    process.stderr.write(`ai-finops spend: ${terminalText(e.message)}\n`);
    return 1;
  }
}

async function loadSpendConfig(root: string) {
  const file = path.join(root, FINOPS_CONFIG_FILE);
  const text = await nodeReader.readText(file);
  if (text === undefined) return { spend: undefined, budgets: undefined };
  const { config, problems } = parseFinopsConfig(text);
  for (const p of problems) process.stderr.write(`${FINOPS_CONFIG_FILE}:${p.line}: ${terminalText(p.message)}\n`);
  return config;
}
