/**
 * The messages between the spend panel's host (src/extension/spend) and its webview
 * (webview/). Both import this file; it holds types only and no editor API, so the
 * browser bundle stays free of Node and VS Code.
 */
import type { DateRange, PeriodPreset } from '../core/spend/period';
import type { LastGoodReport } from '../core/spend/panelState';
import type { SpendReport } from '../core/spend/spendReport';
import type { CostMetric, Dimension } from '../core/spend/types';

export type { SpendReport } from '../core/spend/spendReport';

/** What the panel's controls ask for. */
export interface PanelRequest {
  period: PeriodPreset;
  custom?: DateRange;
  groupBy: Dimension;
  metric: CostMetric;
  teams: string[];
}

/** Where a billed resource is declared in the workspace. */
export interface DeclaredAt {
  /** Workspace-relative path, for display. */
  label: string;
  line: number;
}

export interface PanelData {
  report: SpendReport;
  /** Teams seen in the period, for the team filter. */
  teams: string[];
  /** Resource id to where it is declared in the workspace. */
  declared: Record<string, DeclaredAt>;
  /** Set when the workspace's .finops.yml names a network source that an untrusted workspace may not use. */
  restrictedNote?: string;
  /** ISO time the host read the report. */
  readAt?: string;
}

export type ToHost =
  | { type: 'ready' }
  | { type: 'query'; id: number; request: PanelRequest }
  /** The page has drawn the data answering query `id` (the host's state reports it, for tests and bug reports). */
  | { type: 'drawn'; id: number }
  | { type: 'openDeclaration'; resourceId: string }
  | { type: 'exportCsv'; fileName: string; csv: string }
  | { type: 'configure' };

export type ToWebview =
  | { type: 'loading'; id: number }
  | { type: 'data'; id: number; data: PanelData }
  /** `lastGood`: the report that stays on screen under the error, if one was read before. */
  | { type: 'error'; id: number; message: string; lastGood?: LastGoodReport }
  /** The host asks for a fresh query (source or settings changed, Refresh command). */
  | { type: 'refresh' };

export const DEFAULT_REQUEST: PanelRequest = { period: '30d', groupBy: 'team', metric: 'effective', teams: [] };

export function isToHost(m: unknown): m is ToHost {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
