import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { failureBanner } from '../src/core/spend/panelState';
import { readSummaryLine } from '../src/core/spend/readSummary';
import { DEFAULT_REQUEST, type PanelData, type PanelRequest, type ToWebview } from '../src/shared/messages';
import { burnConfig, burnSeries, ChartSlot, stackedConfig, stackedSeries } from './charts';
import { Controls } from './controls';
import { el } from './dom';
import { csvCell } from '../src/core/format/csvEscape';
import { anomaliesSection, burnTable, commitmentSection, groupsTable, kpiCards, resourcesSection, stackedTable, usageSection } from './sections';
import { onThemeChange } from './theme';
import { vscode, type PanelState } from './vscodeApi';

const state: PanelState = vscode.getState() ?? { request: DEFAULT_REQUEST, showTables: false };
let queryId = 0;

const app = document.getElementById('app') as HTMLElement;
const banner = el('div', { class: 'banner', id: 'banner', hidden: true });
const status = el('div', { class: 'status', id: 'status', role: 'status' });
const progress = el('vscode-progress-bar', { id: 'progress', hidden: true, 'aria-label': 'Loading spend' });
const kpiSlot = el('div', { id: 'kpis' });
const overTimeCanvas = el('canvas', { id: 'chart-over-time', role: 'img', 'aria-label': 'Spend over time, stacked' });
const burnCanvas = el('canvas', { id: 'chart-burn', role: 'img', 'aria-label': 'Budget burn' });
const overTime = new ChartSlot<'bar'>(overTimeCanvas);
const burn = new ChartSlot<'line'>(burnCanvas);
const overTimeTable = el('div', { class: 'table-slot' });
const burnTableSlot = el('div', { class: 'table-slot' });
const anomalies = el('div', { id: 'anomalies' });
const resources = el('div', { id: 'resources' });
const usage = el('div', { id: 'usage' });
const commitment = el('div', { id: 'commitment' });
const overTimeTitle = el('h2', {}, 'Spend over time');

const controls = new Controls(state.request, state.showTables, {
  change: (request) => query(request),
  refresh: () => query(state.request),
  exportCsv,
  toggleTables: (show) => {
    state.showTables = show;
    vscode.setState(state);
    applyTableMode();
  },
});

app.append(
  banner,
  controls.element,
  progress,
  status,
  kpiSlot,
  el('section', { id: 'over-time' }, overTimeTitle, el('div', { class: 'chart' }, overTimeCanvas), overTimeTable),
  el('section', { id: 'burn' }, el('h2', {}, 'Budget burn this month'), el('div', { class: 'chart' }, burnCanvas), burnTableSlot),
  el('section', {}, el('h2', {}, 'Anomalies'), anomalies),
  el('section', {}, el('h2', {}, 'Top resources'), resources),
  el('section', {}, el('h2', {}, 'Unit cost'), usage),
  el('section', {}, el('h2', {}, 'Commitment discounts'), commitment),
);

function query(request: PanelRequest): void {
  state.request = request;
  vscode.setState(state);
  vscode.postMessage({ type: 'query', id: ++queryId, request });
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'loading':
      progress.hidden = false;
      app.dataset.state = 'loading';
      return;
    case 'data':
      if (m.id !== queryId) return;
      progress.hidden = true;
      status.replaceChildren();
      state.data = m.data;
      vscode.setState(state);
      render(m.data);
      vscode.postMessage({ type: 'drawn', id: m.id });
      return;
    case 'error':
      if (m.id !== queryId) return;
      progress.hidden = true;
      app.dataset.state = 'error';
      // The last good figures stay on screen under the error, named with the time they were read.
      status.replaceChildren(el('div', { class: 'error', id: 'error', role: 'alert' }, failureBanner(m.message, state.data ? m.lastGood : undefined)));
      return;
    case 'refresh':
      query(state.request);
      return;
  }
});

function render(data: PanelData): void {
  const r = data.report;
  const notes = [
    r.source.sample ? `Sample data: ${r.source.label}, not your organisation's. Set spend.source in .finops.yml or the AI FinOps settings.` : `Source: ${r.source.label}`,
    r.files ? readSummaryLine(r.files) : undefined,
    data.restrictedNote,
    ...r.warnings,
  ].filter((n): n is string => !!n);
  banner.hidden = false;
  banner.className = `banner${r.source.sample ? ' sample' : ''}`;
  banner.replaceChildren(...notes.map((n) => el('div', {}, n)));
  controls.setTeams(data.teams);
  kpiSlot.replaceChildren(kpiCards(r));
  overTimeTitle.textContent = `Spend over time by ${r.query.groupBy} (${r.query.from} to ${r.query.to})`;
  if (r.series.length === 0) {
    status.replaceChildren(el('div', { class: 'empty', id: 'empty' }, 'No spend in this period for these filters.'));
  }
  const stacked = stackedSeries(r);
  const burnData = burnSeries(r);
  overTime.draw(stackedConfig(stacked, r.currency));
  burn.draw(burnConfig(burnData, r.currency));
  overTimeTable.replaceChildren(stackedTable(stacked, r.query.groupBy, r.currency), groupsTable(r));
  burnTableSlot.replaceChildren(burnTable(burnData, r.currency));
  anomalies.replaceChildren(anomaliesSection(r));
  resources.replaceChildren(resourcesSection(data, (id) => vscode.postMessage({ type: 'openDeclaration', resourceId: id })));
  usage.replaceChildren(usageSection(r));
  commitment.replaceChildren(commitmentSection(r));
  applyTableMode();
  app.dataset.state = 'ready';
}

function applyTableMode(): void {
  app.classList.toggle('tables', state.showTables);
}

function exportCsv(): void {
  const r = state.data?.report;
  if (!r) return;
  const lines = [`date,${r.query.groupBy},cost_${r.currency.toLowerCase()}`, ...r.series.map((p) => [csvCell(p.date), csvCell(p.key), p.cost.toFixed(2)].join(','))];
  vscode.postMessage({ type: 'exportCsv', fileName: `spend-${r.query.groupBy}-${r.query.from}-${r.query.to}.csv`, csv: `${lines.join('\n')}\n` });
}

onThemeChange(() => state.data && render(state.data));
if (state.data) render(state.data);
vscode.postMessage({ type: 'ready' });
query(state.request);
