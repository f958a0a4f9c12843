import type { PriceCatalog } from '../catalog/catalog';
import type { EngineOptions } from '../config/engineOptions';
import { round } from '../estimate/instanceEstimate';
import type { CostItem } from '../model';
import { EMPTY_ESTIMATE } from '../model';
import { gpuHourPrice } from './gpuPricing';

/** What a batch script's `#SBATCH` lines request. */
export interface SlurmJob {
  nodes: number;
  gpusPerNode?: number;
  gpuType?: string;
  hours?: number;
  /** 0-based line of the first `#SBATCH`. */
  line: number;
  name?: string;
  notes: string[];
}

const SBATCH = /^#SBATCH\s+(.*)$/;

/** Reads `#SBATCH` options as sbatch does: only in the leading comment block, before the first command. */
export function parseSbatch(text: string): SlurmJob | undefined {
  const opts = new Map<string, string>();
  let first = -1;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const m = SBATCH.exec(line);
    if (m) {
      if (first < 0) first = i;
      for (const [k, v] of options(m[1])) opts.set(k, v);
    } else if (line !== '' && !line.startsWith('#')) break;
  }
  if (first < 0) return undefined;
  const notes: string[] = [];
  const nodes = Number((opts.get('nodes') ?? opts.get('N') ?? '1').split('-').pop());
  const gpu = gpuRequest(opts, notes);
  return { nodes: Number.isFinite(nodes) && nodes > 0 ? nodes : 1, ...gpu, hours: wallHours(opts.get('time') ?? opts.get('t')), line: first, name: opts.get('job-name') ?? opts.get('J'), notes };
}

/** `--nodes=2`, `--nodes 2`, `-N 2`, `--gres=gpu:a100:4`; a trailing comment ends the options. */
function options(rest: string): [string, string][] {
  const out: [string, string][] = [];
  const words = rest.replace(/\s#.*$/, '').trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const long = /^--([\w-]+)(?:=(.*))?$/.exec(w);
    if (long) out.push([long[1], long[2] ?? words[++i] ?? '']);
    else if (/^-\w$/.test(w)) out.push([w.slice(1), words[++i] ?? '']);
    else if (/^-\w.+/.test(w)) out.push([w.slice(1, 2), w.slice(2)]);
  }
  return out;
}

/** GPUs per node from `--gres=gpu[:type]:N`, `--gpus-per-node`, or `--gpus` (total, spread over nodes). */
function gpuRequest(opts: Map<string, string>, notes: string[]): { gpusPerNode?: number; gpuType?: string } {
  const gres = opts.get('gres')?.split(',').find((g) => g.startsWith('gpu'));
  const spec = gres ?? opts.get('gpus-per-node') ?? opts.get('gpus') ?? opts.get('G');
  if (!spec) return {};
  const parts = spec.replace(/^gpu:?/, '').split(':').filter(Boolean);
  const count = /^\d+$/.test(parts[parts.length - 1] ?? '') ? Number(parts.pop()) : 1;
  const gpuType = parts[0];
  if (!gres && !opts.has('gpus-per-node') && (opts.has('gpus') || opts.has('G'))) {
    const nodes = Number(opts.get('nodes') ?? opts.get('N') ?? '1') || 1;
    notes.push(`--gpus=${spec} is the job's total, spread over ${nodes} node${nodes > 1 ? 's' : ''}`);
    return { gpusPerNode: count / nodes, gpuType };
  }
  return { gpusPerNode: count, gpuType };
}

/** Slurm time formats: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`. */
export function wallHours(time: string | undefined): number | undefined {
  if (!time || /^(infinite|unlimited)$/i.test(time)) return undefined;
  const [d, rest] = time.includes('-') ? time.split('-', 2) : [undefined, time];
  const p = rest.split(':').map(Number);
  if (p.some((n) => !Number.isFinite(n))) return undefined;
  let h: number;
  if (d !== undefined) h = Number(d) * 24 + (p[0] ?? 0) + (p[1] ?? 0) / 60 + (p[2] ?? 0) / 3600;
  else if (p.length === 3) h = p[0] + p[1] / 60 + p[2] / 3600;
  else if (p.length === 2) h = p[0] / 60 + p[1] / 3600;
  else h = p[0] / 60;
  return Number.isFinite(h) ? h : undefined;
}

/** Nodes × GPUs per node × wall-time limit × GPU-hour rate: the most the job can use. */
export function slurmItem(file: string, job: SlurmJob, options: EngineOptions, catalog: PriceCatalog): CostItem {
  const gpus = (job.gpusPerNode ?? 0) * job.nodes;
  const base: CostItem = {
    file, range: { start: { line: job.line, column: 0 }, end: { line: job.line, column: 0 } }, kind: 'training-run',
    resource: `SLURM job${job.name ? ` ${job.name}` : ''}`, provider: 'other', region: null, sku: job.gpuType ?? null, quantity: gpus,
    pricing: 'on-demand', accelerators: gpus ? { name: job.gpuType ?? 'GPU', count: gpus } : null, tags: {}, estimate: EMPTY_ESTIMATE,
    assumptions: [`${job.nodes} node${job.nodes > 1 ? 's' : ''} × ${job.gpusPerNode ?? 0} GPUs`, ...job.notes],
  };
  if (!gpus) return { ...base, unpricedReason: 'no GPUs requested (--gres=gpu, --gpus*); CPU jobs are not priced' };
  if (job.hours === undefined) return { ...base, unpricedReason: 'no --time limit: the partition\'s default applies, which the script does not say' };
  const price = rate(job.gpuType, options, catalog);
  if (!price) return { ...base, unpricedReason: `no GPU-hour rate: add rates.gpuHour.${job.gpuType ?? '<gpu type>'} to .finops.yml` };
  const notes = [...base.assumptions, `--time ${round(job.hours, 2)} h is the job's limit, so this is an upper bound`, price.note];
  // `--gres=gpu:h100:8` names the part as the cluster spells it; show the catalog's name (`H100`).
  const gpuName = price.name ?? job.gpuType ?? 'GPU';
  return {
    ...base,
    sku: job.gpuType ? gpuName : null,
    accelerators: { name: gpuName, count: gpus },
    estimate: { hourlyUsd: round(gpus * price.usd, 4), monthlyUsd: null, perRunUsd: round(gpus * job.hours * price.usd, 2), perCallUsd: null },
    assumptions: notes,
    priceSource: { label: price.fromConfig ? '.finops.yml rates' : 'bundled catalog' },
  };
}

function rate(gpuType: string | undefined, options: EngineOptions, catalog: PriceCatalog): { usd: number; note: string; fromConfig: boolean; name?: string } | undefined {
  const rates = options.ml?.rates.gpuHour ?? {};
  if (gpuType) {
    const p = gpuHourPrice(catalog, gpuType, options.ml?.rates);
    if (p) return { usd: p.usd, name: p.name, note: p.offer ? `${p.note}; set rates.gpuHour.${gpuType} for your cluster's rate` : p.note, fromConfig: !p.offer };
  }
  const names = Object.keys(rates);
  if (names.length === 1) {
    return { usd: rates[names[0]], note: `$${rates[names[0]]}/GPU-hour: the only rate in .finops.yml (${names[0]}); the script names no GPU type`, fromConfig: true };
  }
  return undefined;
}
