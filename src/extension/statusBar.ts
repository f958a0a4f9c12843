import * as vscode from 'vscode';
import { describeTotals, totalsByBasis, type TotalsByBasis } from '../core/format/costTotals';
import { formatUsd } from '../core/format/costFormat';
import type { WorkspaceIndex } from './workspaceIndex';

export const SHOW_COST_ITEMS_COMMAND = 'aiFinops.showCostItems';

/**
 * The workspace's estimated monthly total and, beside it, how many runs and hourly jobs it
 * leaves out (they have no monthly figure); the tooltip gives their own totals. A click opens
 * the cost items view.
 */
export function createStatusBar(index: WorkspaceIndex): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('aiFinops.total', vscode.StatusBarAlignment.Right, 100);
  item.name = 'AI FinOps: workspace cost';
  item.command = SHOW_COST_ITEMS_COMMAND;
  const update = () => {
    const totals = totalsByBasis(index.items);
    item.text = `$(graph) ${formatUsd(totals.monthly.usd)}/mo${leftOut(totals)}`;
    item.tooltip = `AI FinOps estimate for this workspace: ${describeTotals(totals)}. Click to list them.`;
    item.show();
  };
  const subscription = index.onDidChange(update);
  void index.ready().then(update);
  return vscode.Disposable.from(item, subscription);
}

/** ` +4 runs, 3 hourly`: counts only, the status bar is narrow; the tooltip has the figures. */
function leftOut(t: TotalsByBasis): string {
  const parts = [
    t.run.count > 0 && `${t.run.count} run${t.run.count === 1 ? '' : 's'}`,
    t.hourly.count > 0 && `${t.hourly.count} hourly`,
    t.call.count > 0 && `${t.call.count} per call`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? ` +${parts.join(', ')}` : '';
}
