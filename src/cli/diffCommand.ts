/** `ai-finops diff BASE HEAD`: the cost change between two folders or git revisions. */
import { diffCosts } from '../core/diff/costDiff';
import { formatUsd } from '../core/format/costFormat';
import { buildDiffReport, type DiffReport } from './diffReport';
import { type FailOnRule, gateFailures } from './failOn';
import { openProjectTree, type ProjectTree } from './projectTree';
import { renderDiffMarkdown, renderDiffTable } from './renderDiff';
import { scanProject, type ProjectScan } from './scanCommand';
import type { ScanSettings } from './scanSettings';
import { UsageError } from './usageError';

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export interface DiffOptions {
  format: string;
  /** Exit 1 when the monthly increase is above this many USD. */
  failOverUsd?: number;
  failOn: FailOnRule[];
  cwd: string;
  settings?: ScanSettings;
}

export async function runDiff(baseSpec: string, headSpec: string, opts: DiffOptions): Promise<number> {
  if (!FORMATS.includes(opts.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const trees: ProjectTree[] = [];
  try {
    const base = await openProjectTree(baseSpec, opts.cwd);
    trees.push(base);
    const head = await openProjectTree(headSpec, opts.cwd);
    trees.push(head);
    const scanOf = (tree: ProjectTree) => scanProject(tree.root, { tracked: tree.tracked, settings: opts.settings });
    const [baseScan, headScan] = [await scanOf(base), await scanOf(head)];
    const diff = diffCosts({ root: base.root, items: baseScan.scan.items }, { root: head.root, items: headScan.scan.items });
    const report = buildDiffReport(diff, { label: base.label, report: baseScan.report }, { label: head.label, report: headScan.report });
    process.stdout.write(`${render(report, opts.format as Format)}\n`);
    return gate(report, head.root, headScan, opts);
  } finally {
    await Promise.all(trees.map((t) => t.dispose()));
  }
}

function render(report: DiffReport, format: Format): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  return format === 'markdown' ? renderDiffMarkdown(report) : renderDiffTable(report);
}

/** Gate messages go to stderr so a markdown comment on stdout stays clean. */
function gate(report: DiffReport, headRoot: string, head: ProjectScan, opts: DiffOptions): number {
  const failures = gateFailures(headRoot, opts.failOn, head.findings);
  if (opts.failOverUsd !== undefined && report.monthlyDeltaUsd > opts.failOverUsd) {
    failures.unshift(`monthly cost increase of ${formatUsd(report.monthlyDeltaUsd)} is over --fail-over ${formatUsd(opts.failOverUsd)}`);
  }
  for (const f of failures) process.stderr.write(`ai-finops: ${f}\n`);
  return failures.length ? 1 : 0;
}
