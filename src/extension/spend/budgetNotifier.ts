import * as vscode from 'vscode';
import type { SpendReport } from '../../core/spend/spendReport';
import { loadSpend } from './spendLoader';

/**
 * Warns when spend crosses a budget threshold, once per budget, threshold and month: the
 * announced keys live in workspaceState, so a reload or a refresh does not repeat them.
 */
export function notifyBudgetCrossings(report: SpendReport, state: vscode.Memento): void {
  if (report.budgetsAreSample) return;
  const { newCrossings, thresholdNoticeKey } = loadSpend();
  for (const { status, threshold } of newCrossings(report.budgets, (k) => state.get<boolean>(k) === true)) {
    for (const t of status.crossed) void state.update(thresholdNoticeKey(status, t), true);
    const pct = Math.round(threshold * 100);
    const amount = `${Math.round(status.actual).toLocaleString('en-US')} of ${Math.round(status.budget).toLocaleString('en-US')} ${report.currency}`;
    void vscode.window.showWarningMessage(`AI FinOps: ${status.dimension} ${status.key} has used ${pct}% or more of its ${status.month} budget (${amount}).`);
  }
}
