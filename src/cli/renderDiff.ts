/** `diff` as a terminal table or a pull-request comment (the layout reviewers know from Infracost). */
import type { ItemChange, ItemCost } from '../core/diff/costDiff';
import { formatUsd } from '../core/format/costFormat';
import { markdownCode, markdownText } from '../core/format/markdownEscape';
import { terminalText } from '../core/format/terminalEscape';
import type { DiffReport } from './diffReport';

/** Lets a workflow find and update its own earlier comment. */
export const COMMENT_MARKER = '<!-- ai-finops-diff -->';

const money = (v: number | null | undefined) => (v === null || v === undefined ? '-' : formatUsd(v));
const signed = (v: number) => (v > 0 ? `+${formatUsd(v)}` : v < 0 ? `-${formatUsd(-v)}` : formatUsd(0));

function costCell(c: ItemCost | null): string {
  if (!c) return '-';
  return c.unpricedReason ? 'not priced' : money(c.monthlyUsd);
}

function what(c: ItemChange): string {
  const side = c.after ?? c.before;
  return side ? `${side.quantity}× ${side.sku ?? 'instance type not set'}` : '';
}

/** "Monthly cost will increase by $1,234 (+12.5%)" */
export function summaryLine(r: DiffReport): string {
  const d = r.monthlyDeltaUsd;
  if (d === 0) return `Monthly cost will not change (${formatUsd(r.head.monthlyUsd)}/month).`;
  const verb = d > 0 ? 'increase' : 'decrease';
  const pct = r.monthlyDeltaPercent === null ? `from ${formatUsd(0)}` : `${d > 0 ? '+' : ''}${r.monthlyDeltaPercent}%`;
  return `Monthly cost will ${verb} by ${formatUsd(Math.abs(d))} (${pct}).`;
}

const TABLE_HEADER = ['Change', 'File', 'Resource', 'What', 'Previous /mo', 'New /mo', 'Diff /mo', 'Diff /run'];

export function renderDiffTable(r: DiffReport): string {
  const t = terminalText;
  const rows = r.changes.map((c) => [
    c.kind,
    t(c.file),
    t(c.resource),
    t(what(c)),
    costCell(c.before),
    costCell(c.after),
    signed(c.monthlyDeltaUsd),
    c.perRunDeltaUsd === 0 ? '' : signed(c.perRunDeltaUsd),
  ]);
  const out = [`${t(r.baseLabel)} → ${t(r.headLabel)}`, ''];
  if (rows.length === 0) out.push('No cost changes.');
  else {
    const all = [TABLE_HEADER, ...rows];
    const widths = TABLE_HEADER.map((_, c) => Math.max(...all.map((row) => row[c].length)));
    const line = (row: string[]) => row.map((cell, c) => (c >= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
    out.push(line(TABLE_HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
    for (const c of r.changes.filter((x) => x.details.length)) out.push(`  ${t(c.file)} ${t(c.resource)}: ${t(c.details.join('; '))}`);
  }
  out.push('', summaryLine(r), totalsLine(r));
  for (const u of r.unpriced) out.push(`Not priced: ${t(u.file)}:${u.line} ${t(u.sku ?? '')} — ${t(u.reason)}`);
  for (const e of r.errors) out.push(`Skipped (${e.side}): ${t(e.file)} — ${t(e.message)}`);
  return out.join('\n');
}

function totalsLine(r: DiffReport): string {
  const perRun = r.perRunDeltaUsd === 0 ? '' : ` · per run ${formatUsd(r.base.perRunUsd)} → ${formatUsd(r.head.perRunUsd)} (${signed(r.perRunDeltaUsd)})`;
  return `Total: ${formatUsd(r.base.monthlyUsd)}/mo → ${formatUsd(r.head.monthlyUsd)}/mo (${signed(r.monthlyDeltaUsd)})${perRun}`;
}

export function renderDiffMarkdown(r: DiffReport): string {
  const out = [COMMENT_MARKER, '## AI FinOps cost diff', '', `**${summaryLine(r)}**`, ''];
  out.push(`Comparing ${markdownCode(r.baseLabel)} → ${markdownCode(r.headLabel)}: ${formatUsd(r.base.monthlyUsd)}/month → **${formatUsd(r.head.monthlyUsd)}/month**.`, '');
  if (r.changes.length === 0) out.push('No resource or call changed cost.');
  for (const [file, changes] of byFile(r.changes)) {
    const hasRun = changes.some((c) => c.perRunDeltaUsd !== 0);
    out.push(`### ${markdownCode(file)}`, '', `| Resource | Change | Previous | New | Diff${hasRun ? ' | Diff per run' : ''} |`, `|---|---|---:|---:|---:|${hasRun ? '---:|' : ''}`);
    for (const c of changes) {
      const run = hasRun ? ` ${c.perRunDeltaUsd === 0 ? '' : signed(c.perRunDeltaUsd)} |` : '';
      out.push(`| ${markdownCode(c.resource)} ${markdownText(what(c))} | ${c.kind} | ${costCell(c.before)} | ${costCell(c.after)} | ${signed(c.monthlyDeltaUsd)} |${run}`);
    }
    out.push('');
  }
  out.push(`| **Total** | | ${formatUsd(r.base.monthlyUsd)} | ${formatUsd(r.head.monthlyUsd)} | **${signed(r.monthlyDeltaUsd)}** |`, '');
  out.push(...detailsBlock('What changed', r.changes.filter((c) => c.details.length).map((c) => `- ${markdownCode(c.file)} ${markdownCode(c.resource)}: ${markdownText(c.details.join('; '))}`)));
  out.push(...detailsBlock('Not priced', r.unpriced.map((u) => `- ${markdownCode(`${u.file}:${u.line}`)} ${markdownText(u.sku ?? '')}: ${markdownText(u.reason)}`)));
  out.push(...detailsBlock('Skipped files', r.errors.map((e) => `- ${e.side} ${markdownCode(e.file)}: ${markdownText(e.message)}`)));
  out.push('<sub>Monthly figures at list prices; unpriced items count as $0 in totals and are listed above.</sub>');
  return out.join('\n');
}

function detailsBlock(title: string, lines: string[]): string[] {
  return lines.length ? [`<details><summary>${title} (${lines.length})</summary>`, '', ...lines, '', '</details>', ''] : [];
}

function byFile(changes: readonly ItemChange[]): Map<string, ItemChange[]> {
  const map = new Map<string, ItemChange[]>();
  for (const c of changes) map.set(c.file, [...(map.get(c.file) ?? []), c]);
  return map;
}
