/**
 * What the Team Spend panel shows after each refresh, kept apart from the webview so the
 * rule can be tested: a failed refresh shows its message and keeps the last good report on
 * screen, with the time it was read. Only a newer good report replaces it.
 */
import type { SpendReport } from './spendReport';

/** The report on screen, summarised for the error banner and for tests. */
export interface LastGoodReport {
  /** ISO time the report was read. */
  readAt: string;
  source: string;
  total: number;
  currency: string;
  from: string;
  to: string;
}

export type PanelStatus = 'empty' | 'loading' | 'ready' | 'failed';

export interface PanelSnapshot {
  status: PanelStatus;
  /** The failure of the last refresh, when it failed. */
  error?: string;
  lastGood?: LastGoodReport;
  /** Refreshes that failed since the last good report. */
  failuresSinceGood: number;
}

export class SpendPanelState {
  private status: PanelStatus = 'empty';
  private error: string | undefined;
  private lastGood: LastGoodReport | undefined;
  private failures = 0;

  started(): void {
    this.status = 'loading';
  }

  succeeded(report: SpendReport, at: Date): LastGoodReport {
    this.lastGood = {
      readAt: at.toISOString(),
      source: report.source.label,
      total: report.total,
      currency: report.currency,
      from: report.query.from,
      to: report.query.to,
    };
    this.status = 'ready';
    this.error = undefined;
    this.failures = 0;
    return this.lastGood;
  }

  /** The failure to show, and the report that stays on screen under it, if any. */
  failed(message: string): { message: string; lastGood?: LastGoodReport } {
    this.status = 'failed';
    this.error = message;
    this.failures++;
    return { message, lastGood: this.lastGood };
  }

  snapshot(): PanelSnapshot {
    return { status: this.status, error: this.error, lastGood: this.lastGood && { ...this.lastGood }, failuresSinceGood: this.failures };
  }
}

/** The banner under a failed refresh: what failed, and which figures are still shown. */
export function failureBanner(message: string, lastGood: LastGoodReport | undefined): string {
  const failed = `Could not read spend: ${message}`;
  if (!lastGood) return failed;
  const at = lastGood.readAt.slice(0, 16).replace('T', ' ');
  return `${failed}${failed.endsWith('.') ? '' : '.'} Showing the figures read at ${at} UTC from ${lastGood.source}.`;
}
