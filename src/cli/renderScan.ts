import { formatAccelerators, formatUsd } from '../core/format/costFormat';
import { compareEstimates, describeTotals, estimateCostText, estimateTotals, plural } from '../core/format/costTotals';
import { markdownCode, markdownText } from '../core/format/markdownEscape';
import { terminalText } from '../core/format/terminalEscape';
import type { ReportItem, ScanReport } from './scanReport';
import { renderTextTable, wrapText, type Column } from './textTable';

const money = (v: number | null) => (v === null ? '-' : formatUsd(v));

/** A report row has no `unpricedReason`; the report lists the unpriced apart, by file and line. */
function isUnpriced(report: ScanReport, i: ReportItem): boolean {
  return report.unpriced.some((u) => u.file === i.file && u.line === i.range.startLine && u.cell === i.cell);
}

/** Priced rows, most expensive first within their unit (monthly, run, hourly, call). */
function pricedByCost(report: ScanReport): ReportItem[] {
  return report.items.filter((i) => !isUnpriced(report, i)).sort((a, b) => compareEstimates(a, b));
}

function location(i: { file: string; cell?: number }, line: number): string {
  return i.cell === undefined ? `${i.file}:${line}` : `${i.file} cell ${i.cell}:${line}`;
}

/** `2× p4d.24xlarge (16× A100 40GB)`; a workload whose instance type is not set shows its GPUs. */
function whatOf(i: ReportItem): string {
  const acc = i.accelerators ? formatAccelerators(i.accelerators) : '';
  if (i.sku === null) return acc ? `${acc}, instance type not set` : `${i.quantity}× instance type not set`;
  if (i.accelerators && i.accelerators.name === i.sku) return acc;
  return acc ? `${i.quantity}× ${i.sku} (${acc})` : `${i.quantity}× ${i.sku}`;
}

function pricingOf(i: ReportItem): string {
  return [i.pricing, i.region ?? ''].join(' ').trim();
}

/** `us-east-1`, `eastus spot`: on-demand is the default, so only other pricing models are named. */
function regionOf(i: ReportItem): string {
  return [i.region ?? '', i.pricing === 'on-demand' ? '' : i.pricing].join(' ').trim();
}

const TABLE_COLUMNS: readonly Column[] = [
  { header: 'Cost', align: 'right' },
  { header: 'Resource', shrink: 'end', min: 16 },
  { header: 'Instances', shrink: 'end', min: 16 },
  { header: 'Region', shrink: 'end', min: 10 },
  // The path is cut first, from its start: the file name and line stay.
  { header: 'Location', shrink: 'start', min: 22, rank: 0 },
];

function tableRow(i: ReportItem): string[] {
  return [estimateCostText(i), i.resource, whatOf(i), regionOf(i), location(i, i.range.startLine)];
}

function totalsLine(report: ScanReport): string {
  const totals = estimateTotals(report.items.map((i) => ({ estimate: i, unpriced: isUnpriced(report, i) })));
  return `Total: ${describeTotals(totals)}`;
}

/**
 * The terminal table, `width` columns at most. `cell` sees each cell's text before it is
 * measured, for a caller that needs to escape it.
 */
export function renderTable(report: ScanReport, width = 100, cell: (text: string) => string = terminalText): string {
  const rows = pricedByCost(report).map((i) => tableRow(i).map(cell));
  const out = rows.length ? renderTextTable(TABLE_COLUMNS, rows, width) : ['No priced items.'];
  const para = (text: string) => out.push(...wrapText(text, width));
  out.push('');
  para(totalsLine(report));
  for (const u of report.unpriced) {
    const item = report.items.find((i) => i.file === u.file && i.range.startLine === u.line && i.cell === u.cell);
    para(`Not priced: ${cell(location(u, u.line))} ${cell(item?.resource ?? u.sku ?? '')} — ${cell(u.reason)}`);
  }
  for (const e of report.errors) para(`Skipped: ${cell(e.file)} — ${cell(e.message)}`);
  para(cell(unsupportedLine(report)));
  if (report.findings.length) out.push('', 'Policy (.finops.yml):');
  for (const f of report.findings) para(`${f.severity === 'warning' ? 'Warning' : 'Info'}: ${cell(location(f, f.line))} ${cell(f.resource)} — ${cell(f.message)}`);
  return out.join('\n');
}

/** Every run says how many cost-bearing types it met but could not price, so a gap is never silent. */
function unsupportedLine(report: ScanReport): string {
  const list = report.unsupported.map((u) => `${u.type} ×${u.count}`).join(', ');
  return `Not yet supported: ${report.unsupported.length} resource type${report.unsupported.length === 1 ? '' : 's'}${list ? ` (${list})` : ''}`;
}

const MARKDOWN_HEADER = ['Location', 'Resource', 'Instances', 'Pricing', 'Hourly', 'Monthly', 'Per run', 'Per call'];

function markdownRow(i: ReportItem): string[] {
  return [location(i, i.range.startLine), i.resource, whatOf(i), pricingOf(i), money(i.hourlyUsd), money(i.monthlyUsd), money(i.perRunUsd), money(i.perCallUsd)];
}

export function renderMarkdown(report: ScanReport): string {
  const priced = pricedByCost(report);
  const out = [
    '## AI FinOps cost estimate',
    '',
    `**${markdownText(totalsLine(report).replace(/^Total: /, ''))}** (${plural(report.items.length, 'item')}).`,
    '',
    `| ${MARKDOWN_HEADER.join(' | ')} |`,
    `|${MARKDOWN_HEADER.map((_, c) => (c >= 4 ? '---:' : '---')).join('|')}|`,
    ...priced.map((i) => `| ${markdownRow(i).map(markdownText).join(' | ')} |`),
  ];
  if (report.unpriced.length) {
    out.push('', '<details><summary>Not priced</summary>', '');
    for (const u of report.unpriced) out.push(`- ${markdownCode(location(u, u.line))} ${markdownText(u.sku ?? '')}: ${markdownText(u.reason)}`);
    out.push('', '</details>');
  }
  if (report.findings.length) {
    out.push('', '### Policy (.finops.yml)', '');
    for (const f of report.findings) out.push(`- ${f.severity === 'warning' ? '⚠️' : 'ℹ️'} ${markdownCode(`${f.file}:${f.line}`)} ${markdownText(f.resource)}: ${markdownText(f.message)}`);
  }
  if (report.errors.length) {
    out.push('', '<details><summary>Skipped</summary>', '');
    for (const e of report.errors) out.push(`- ${markdownCode(e.file)}: ${markdownText(e.message)}`);
    out.push('', '</details>');
  }
  return out.join('\n');
}
