import * as vscode from 'vscode';
import { formatUsd } from '../core/format/costFormat';
import { totalMonthly } from '../core/format/costSummary';
import type { WorkspaceIndex } from './workspaceIndex';

export const SHOW_COST_ITEMS_COMMAND = 'aiFinops.showCostItems';

/** The workspace's estimated monthly total; a click opens the cost items view. */
export function createStatusBar(index: WorkspaceIndex): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('aiFinops.total', vscode.StatusBarAlignment.Right, 100);
  item.name = 'AI FinOps: workspace cost';
  item.command = SHOW_COST_ITEMS_COMMAND;
  const update = () => {
    const items = index.items;
    const unpriced = items.filter((i) => i.unpricedReason).length;
    item.text = `$(graph) ${formatUsd(totalMonthly(items))}/mo`;
    item.tooltip = `AI FinOps: estimated monthly cost of ${items.length} items in this workspace${unpriced ? ` (${unpriced} not priced)` : ''}. Click to list them.`;
    item.show();
  };
  const subscription = index.onDidChange(update);
  void index.ready().then(update);
  return vscode.Disposable.from(item, subscription);
}
