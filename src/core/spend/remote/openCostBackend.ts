import { addDays } from '../period';
import type { BackendResult, Dimension, ResourceSpend, SeriesPoint, SourceInfo, SpendBackend, SpendQuery, UsageTotal } from '../types';
import { SpendSourceError, TAG_DIMENSION_PREFIX, UNTAGGED } from '../types';
import { fetchJson, finite, isRecord } from './fetchJson';

export interface OpenCostOptions {
  /** Base URL of the OpenCost API (port 9003 by default in the chart). */
  url: string;
  /** What "team" means in the cluster: `label:team` (default), `namespace`, `label:owner`... */
  teamAggregate?: string;
  timeoutMs?: number;
}

/** OpenCost's names for allocations that carry no value for the aggregate, and cluster idle. */
const UNALLOCATED = '__unallocated__';
const IDLE = '__idle__';

/**
 * The OpenCost Allocation API (`GET /allocation`): one allocation set per day
 * (`step=1d`, `accumulate=false`), each a map from aggregate value to costs.
 */
export class OpenCostBackend implements SpendBackend {
  readonly source: SourceInfo;

  constructor(private readonly options: OpenCostOptions) {
    this.source = { kind: 'opencost', label: `OpenCost at ${new URL(options.url).host}`, sample: false };
  }

  aggregateFor(dim: Dimension): string {
    switch (dim) {
      case 'team': return this.options.teamAggregate ?? 'label:team';
      case 'project': return 'label:project';
      case 'environment': return 'label:environment';
      case 'model': return 'label:model';
      case 'service': return 'controller';
      case 'resource': return 'pod';
      case 'provider': return 'cluster';
      default:
        // A Kubernetes label is OpenCost's tag; FOCUS billing columns have no allocation equivalent.
        if (dim.startsWith(TAG_DIMENSION_PREFIX)) return `label:${dim.slice(TAG_DIMENSION_PREFIX.length).trim()}`;
        throw new SpendSourceError(`OpenCost cannot group by ${dim}; group by team, project, environment, model, service, resource, provider or tag:<label>`);
    }
  }

  async query(q: SpendQuery, signal?: AbortSignal): Promise<BackendResult> {
    if (q.metric === 'list') throw new SpendSourceError('OpenCost reports allocated cost only; choose the effective or billed metric');
    const aggregate = this.aggregateFor(q.groupBy);
    const url = new URL('allocation', this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
    url.searchParams.set('window', `${q.from}T00:00:00Z,${addDays(q.to, 1)}T00:00:00Z`);
    url.searchParams.set('aggregate', aggregate);
    // Daily sets always: months are summed here, so month buckets follow calendar months.
    url.searchParams.set('step', '1d');
    url.searchParams.set('accumulate', 'false');
    url.searchParams.set('includeIdle', 'true');
    const filter = this.filterExpression(q);
    if (filter) url.searchParams.set('filter', filter);
    const body = await fetchJson(url, 'OpenCost', { timeoutMs: this.options.timeoutMs, signal });
    if (!isRecord(body) || !Array.isArray(body.data)) throw new SpendSourceError('OpenCost answered without a data list');
    if (body.code !== undefined && body.code !== 200) throw new SpendSourceError(`OpenCost answered code ${String(body.code)}: ${String(body.message ?? '')}`);
    return toResult(body.data, aggregate, q);
  }

  /** OpenCost v2 filter language: `label[team]:"nlp","vision"` or `namespace:"ml"`. */
  private filterExpression(q: SpendQuery): string | undefined {
    const parts: string[] = [];
    for (const [dim, values] of Object.entries(q.filters) as [Dimension, string[] | undefined][]) {
      if (!values?.length) continue;
      const agg = this.aggregateFor(dim);
      const field = agg.startsWith('label:') ? `label[${agg.slice(6)}]` : agg;
      parts.push(`${field}:${values.map((v) => JSON.stringify(v)).join(',')}`);
    }
    return parts.length ? parts.join('+') : undefined;
  }
}

/** Label aggregates come back as the value (`nlp`) or, from older versions, as `team=nlp`. */
function keyOf(name: string, aggregate: string): string {
  if (name === UNALLOCATED || name === '') return UNTAGGED;
  const label = aggregate.startsWith('label:') ? `${aggregate.slice(6)}=` : undefined;
  return label && name.startsWith(label) ? name.slice(label.length) : name;
}

function toResult(sets: unknown[], aggregate: string, q: SpendQuery): BackendResult {
  const series = new Map<string, SeriesPoint>();
  let gpuHours = 0;
  let gpuCost = 0;
  let idleCost = 0;
  const warnings: string[] = [];
  for (const set of sets) {
    if (!isRecord(set)) continue;
    for (const [name, alloc] of Object.entries(set)) {
      if (!isRecord(alloc)) continue;
      const cost = finite(alloc.totalCost);
      const start = isRecord(alloc.window) && typeof alloc.window.start === 'string' ? alloc.window.start : typeof alloc.start === 'string' ? alloc.start : undefined;
      if (cost === undefined || !start) {
        warnings.push(`skipped allocation "${name}" without totalCost or window`);
        continue;
      }
      if (name === IDLE) idleCost += cost;
      gpuHours += finite(alloc.gpuHours) ?? 0;
      gpuCost += finite(alloc.gpuCost) ?? 0;
      const day = start.slice(0, 10);
      const date = q.granularity === 'month' ? `${day.slice(0, 7)}-01` : day;
      const key = name === IDLE ? '(idle)' : keyOf(name, aggregate);
      const id = `${date}\u0000${key}`;
      const point = series.get(id) ?? { date, key, cost: 0 };
      point.cost += cost;
      series.set(id, point);
    }
  }
  const points = [...series.values()].sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.cost);
  const groups = [...totals].map(([key, cost]) => ({ key, cost })).sort((a, b) => b.cost - a.cost);
  const resources: ResourceSpend[] = idleCost > 0
    ? [{ id: IDLE, name: 'Cluster idle capacity', cost: idleCost, untagged: true, idleReason: 'node capacity no workload requested' }]
    : [];
  const usage: UsageTotal[] = gpuHours > 0 ? [{ unit: 'GPU-hours', quantity: gpuHours, cost: gpuCost }] : [];
  return {
    currency: 'USD',
    series: points,
    groups,
    total: groups.reduce((a, g) => a + g.cost, 0),
    resources,
    untaggedCost: q.groupBy === 'team' ? (totals.get(UNTAGGED) ?? 0) : undefined,
    usage,
    warnings: [...new Set(warnings)].slice(0, 5),
  };
}
