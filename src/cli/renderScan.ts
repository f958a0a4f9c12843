import { formatUsd } from '../core/format/costFormat';
import { markdownCode, markdownText } from '../core/format/markdownEscape';
import { terminalText } from '../core/format/terminalEscape';
import type { ReportItem, ScanReport } from './scanReport';

const money = (v: number | null) => (v === null ? '-' : formatUsd(v));

function row(i: ReportItem): string[] {
  const acc = i.accelerators ? `${i.accelerators.count}× ${i.accelerators.name}` : '';
  return [
    i.cell === undefined ? `${i.file}:${i.range.startLine}` : `${i.file} cell ${i.cell}:${i.range.startLine}`,
    i.resource,
    `${i.quantity}× ${i.sku ?? '?'}`,
    acc,
    [i.pricing, i.region ?? ''].join(' ').trim(),
    money(i.hourlyUsd),
    money(i.monthlyUsd),
    money(i.perRunUsd),
    money(i.perCallUsd),
  ];
}

const HEADER = ['Location', 'Resource', 'SKU', 'Accelerators', 'Pricing', 'Hourly', 'Monthly', 'Per run', 'Per call'];

export function renderTable(report: ScanReport): string {
  const rows = [HEADER, ...report.items.map((i) => row(i).map(terminalText))];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c >= 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  out.push('', `Total: ${formatUsd(report.totals.hourlyUsd)}/h · ${formatUsd(report.totals.monthlyUsd)}/mo (${report.items.length} items)`);
  const t = terminalText;
  for (const u of report.unpriced) out.push(`Not priced: ${t(u.file)}${u.cell === undefined ? '' : ` cell ${u.cell}`}:${u.line} ${t(u.sku ?? '')} — ${t(u.reason)}`);
  for (const e of report.errors) out.push(`Skipped: ${t(e.file)} — ${t(e.message)}`);
  out.push(t(unsupportedLine(report)));
  if (report.findings.length) out.push('', 'Policy (.finops.yml):');
  for (const f of report.findings) out.push(`${f.severity === 'warning' ? 'Warning' : 'Info'}: ${t(f.file)}:${f.line} ${t(f.resource)} — ${t(f.message)}`);
  return out.join('\n');
}

/** Every run says how many cost-bearing types it met but could not price, so a gap is never silent. */
function unsupportedLine(report: ScanReport): string {
  const list = report.unsupported.map((u) => `${u.type} ×${u.count}`).join(', ');
  return `Not yet supported: ${report.unsupported.length} resource type${report.unsupported.length === 1 ? '' : 's'}${list ? ` (${list})` : ''}`;
}

export function renderMarkdown(report: ScanReport): string {
  const out = [
    '## AI FinOps cost estimate',
    '',
    `**${formatUsd(report.totals.monthlyUsd)}/month** (${formatUsd(report.totals.hourlyUsd)}/hour) across ${report.items.length} items.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, c) => (c >= 5 ? '---:' : '---')).join('|')}|`,
    ...report.items.map((i) => `| ${row(i).map(markdownText).join(' | ')} |`),
  ];
  if (report.unpriced.length) {
    out.push('', '<details><summary>Not priced</summary>', '');
    for (const u of report.unpriced) out.push(`- ${markdownCode(`${u.file}${u.cell === undefined ? '' : ` cell ${u.cell}`}:${u.line}`)} ${markdownText(u.sku ?? '')}: ${markdownText(u.reason)}`);
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
