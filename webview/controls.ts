import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { PanelRequest } from '../src/shared/messages';
import { el } from './dom';

type ValueElement<T> = HTMLElement & { value: T };

const PERIODS: [PanelRequest['period'], string][] = [['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['90d', 'Last 90 days'], ['mtd', 'Month to date'], ['custom', 'Custom…']];
const DIMENSIONS: [PanelRequest['groupBy'], string][] = [
  ['team', 'Team'], ['project', 'Project'], ['environment', 'Environment'], ['service', 'Service'], ['provider', 'Provider'], ['model', 'Model'],
  ['region', 'Region'], ['account', 'Account'], ['serviceCategory', 'Service category'], ['chargeCategory', 'Charge category'],
  ['pricingCategory', 'Pricing category'], ['resourceType', 'Resource type'], ['commitment', 'Commitment discount'],
];
/** The group-by choice that asks for a tag key: the request becomes `tag:<key>`. */
const TAG_CHOICE = 'tag:';
const TAG_PREFIX = 'tag:';
const METRICS: [PanelRequest['metric'], string][] = [['effective', 'Effective cost'], ['billed', 'Billed cost'], ['list', 'List cost']];

export interface ControlEvents {
  change(request: PanelRequest): void;
  refresh(): void;
  exportCsv(): void;
  toggleTables(show: boolean): void;
}

function select<T extends string>(id: string, label: string, options: [T, string][], value: T): ValueElement<string> {
  const s = el('vscode-single-select', { id, 'aria-label': label }) as ValueElement<string>;
  for (const [v, text] of options) s.appendChild(el('vscode-option', { value: v, selected: v === value }, text));
  return s;
}

/** The control bar: period, custom dates, group-by, metric, teams, refresh, CSV, tables. */
export class Controls {
  readonly element: HTMLElement;
  private request: PanelRequest;
  private readonly period: ValueElement<string>;
  private readonly groupBy: ValueElement<string>;
  private readonly metric: ValueElement<string>;
  private readonly from = el('input', { type: 'date', id: 'from', 'aria-label': 'From' });
  private readonly to = el('input', { type: 'date', id: 'to', 'aria-label': 'To (inclusive)' });
  private readonly tagKey = el('input', { type: 'text', id: 'tag-key', 'aria-label': 'Tag key', placeholder: 'tag key, e.g. cost-center', spellcheck: 'false' });
  private readonly custom: HTMLElement;
  private readonly teamSlot = el('span', { class: 'team-slot' });
  private teams: string[] = [];

  constructor(request: PanelRequest, showTables: boolean, private readonly events: ControlEvents) {
    this.request = request;
    this.period = select('period', 'Period', PERIODS, request.period);
    const byTag = request.groupBy.startsWith(TAG_PREFIX);
    this.groupBy = select<string>('group-by', 'Group by', [...DIMENSIONS, [TAG_CHOICE, 'Tag key…']], byTag ? TAG_CHOICE : request.groupBy);
    this.tagKey.value = byTag ? request.groupBy.slice(TAG_PREFIX.length) : '';
    this.tagKey.hidden = !byTag;
    this.metric = select('metric', 'Cost metric', METRICS, request.metric);
    this.from.value = request.custom?.from ?? '';
    this.to.value = request.custom?.to ?? '';
    this.custom = el('span', { class: 'custom', hidden: request.period !== 'custom' }, this.from, ' to ', this.to);
    const refresh = el('vscode-button', { id: 'refresh', secondary: true, title: 'Read the source again' }, 'Refresh');
    const csv = el('vscode-button', { id: 'export-csv', secondary: true, title: 'Save the series as CSV' }, 'CSV');
    const tables = el('vscode-checkbox', { id: 'show-tables', checked: showTables }, 'Tables') as HTMLElement & { checked: boolean };
    this.element = el('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Spend controls' },
      this.period, this.custom, this.groupBy, this.tagKey, this.metric, this.teamSlot, refresh, csv, tables);
    for (const s of [this.period, this.groupBy, this.metric]) s.addEventListener('change', () => this.changed());
    for (const i of [this.from, this.to, this.tagKey]) i.addEventListener('change', () => this.changed());
    refresh.addEventListener('click', () => events.refresh());
    csv.addEventListener('click', () => events.exportCsv());
    tables.addEventListener('change', () => events.toggleTables(tables.checked));
    this.setTeams([]);
  }

  /** The team filter lists the teams the source knows, keeping the current choice. */
  setTeams(teams: string[]): void {
    const all = [...new Set([...teams, ...this.request.teams])].sort();
    if (all.join('\n') === this.teams.join('\n') && this.teamSlot.firstChild) return;
    this.teams = all;
    const multi = el('vscode-multi-select', { id: 'teams', 'aria-label': 'Teams', placeholder: 'All teams' }) as ValueElement<string[]>;
    for (const t of all) multi.appendChild(el('vscode-option', { value: t, selected: this.request.teams.includes(t) }, t));
    multi.addEventListener('change', () => this.changed());
    this.teamSlot.replaceChildren(multi);
  }

  private changed(): void {
    const period = this.period.value as PanelRequest['period'];
    this.custom.hidden = period !== 'custom';
    const multi = this.teamSlot.firstElementChild as ValueElement<string[]> | null;
    const byTag = this.groupBy.value === TAG_CHOICE;
    this.tagKey.hidden = !byTag;
    const key = this.tagKey.value.trim();
    if (byTag && !key) {
      this.tagKey.focus();
      return; // wait for a key
    }
    const next: PanelRequest = {
      period,
      groupBy: (byTag ? `${TAG_PREFIX}${key}` : this.groupBy.value) as PanelRequest['groupBy'],
      metric: this.metric.value as PanelRequest['metric'],
      teams: Array.isArray(multi?.value) ? [...multi.value] : [],
    };
    if (period === 'custom') {
      if (!this.from.value || !this.to.value || this.from.value > this.to.value) return; // wait for a valid range
      next.custom = { from: this.from.value, to: this.to.value };
    }
    this.request = next;
    this.events.change(next);
  }
}
