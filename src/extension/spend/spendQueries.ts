import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceConfig } from '../../core/spend/backendFactory';
import type { SpendReport } from '../../core/spend/spendReport';
import type { ResourceSpend, SpendBackend } from '../../core/spend/types';
import type { DeclaredAt, PanelData, PanelRequest } from '../../shared/messages';
import { log } from '../log';
import type { WorkspaceIndex } from '../workspaceIndex';
import { notifyBudgetCrossings } from './budgetNotifier';
import { loadSpend } from './spendLoader';
import { resolveSource } from './spendSources';

/** Where a billed resource the report names is declared in the workspace, for "open declaration". */
export interface DeclaredLocation {
  file: string;
  /** Zero-based. */
  line: number;
}

/** What one query came to: a report, a failure to show, or nothing because the source changed under it. */
export type QueryOutcome =
  | { kind: 'data'; data: Omit<PanelData, 'readAt'>; report: SpendReport; locations: Map<string, DeclaredLocation> }
  | { kind: 'failed'; message: string }
  | { kind: 'dropped' };

/**
 * The spend queries of every Team Spend webview (the sidebar view, the editor-area panel):
 * one backend for the current source, shared, so two open webviews do not load the same
 * files twice. Queries run here, in the extension host (DuckDB, HTTP, the AWS SDK). This
 * object holds no webview and no subscription, so closing one webview cannot stop another.
 */
export class SpendQueries implements vscode.Disposable {
  private backend: { key: string; backend: Promise<SpendBackend> } | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly index: WorkspaceIndex,
  ) {}

  async run(request: PanelRequest): Promise<QueryOutcome> {
    const spend = loadSpend();
    let used: SpendQueries['backend'];
    try {
      const resolved = await resolveSource(this.context.secrets);
      const backend = await this.backendFor(resolved.config, resolved.restrictedNote);
      used = this.backend;
      const report = await spend.buildSpendReport(
        backend,
        { period: request.period, custom: request.custom, groupBy: request.groupBy, metric: request.metric, filters: request.teams.length ? { team: request.teams } : {} },
        { budgets: resolved.budgets, today: spend.todayUtc() },
      );
      const { declared, locations } = await this.locateDeclared(report.resources);
      notifyBudgetCrossings(report, this.context.workspaceState);
      return { kind: 'data', report, locations, data: { report, teams: teamsOf(report), declared, restrictedNote: resolved.restrictedNote } };
    } catch (e) {
      // The source changed under the query (its backend was closed and interrupted it): the refresh that follows answers.
      if (used && this.backend !== used) {
        log().info('spend query dropped: the source changed while it ran');
        return { kind: 'dropped' };
      }
      const expected = e instanceof spend.SpendSourceError;
      log().error(`spend query failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!expected) await this.dropBackend();
      return { kind: 'failed', message: expected ? (e as Error).message : `unexpected error: ${(e as Error).message}` };
    }
  }

  /** Source settings, `.finops.yml` or the token changed: the next query opens the source again. */
  async reset(): Promise<void> {
    await this.dropBackend();
  }

  /** Billed resources that the workspace index knows as declared items, with where they are declared. */
  private async locateDeclared(resources: readonly ResourceSpend[]): Promise<{ declared: Record<string, DeclaredAt>; locations: Map<string, DeclaredLocation> }> {
    await this.index.ready();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const declared: Record<string, DeclaredAt> = {};
    const locations = new Map<string, DeclaredLocation>();
    for (const [id, item] of loadSpend().matchDeclared(resources, this.index.items)) {
      declared[id] = { label: path.relative(root, item.file), line: item.range.start.line + 1 };
      locations.set(id, { file: item.file, line: item.range.start.line });
    }
    return { declared, locations };
  }

  /** `restrictedNote` (why the workspace's source was refused) is logged once per source, with it. */
  private async backendFor(config: SourceConfig, restrictedNote?: string): Promise<SpendBackend> {
    // The token is part of the identity, but never logged or sent to the webview.
    const key = JSON.stringify(config);
    if (this.backend?.key !== key) {
      await this.dropBackend();
      const backend = loadSpend().createBackend(config);
      this.backend = { key, backend };
      backend.then((b) => log().info(`spend source: ${b.source.label}${restrictedNote ? ` (${restrictedNote})` : ''}`), () => undefined);
    }
    return this.backend.backend;
  }

  private async dropBackend(): Promise<void> {
    const old = this.backend;
    this.backend = undefined;
    if (old) await (await old.backend.catch(() => undefined))?.dispose?.();
  }

  dispose(): void {
    void this.dropBackend();
  }
}

/** Teams for the filter: this month's teams (the month query always groups by team) and the groups when grouped by team. */
function teamsOf(report: SpendReport): string[] {
  const teams = new Set(report.budgets.filter((b) => b.dimension === 'team').map((b) => b.key));
  if (report.query.groupBy === 'team') for (const g of report.groups) teams.add(g.key);
  return [...teams].sort();
}
