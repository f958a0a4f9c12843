import type { PriceCatalog } from '../catalog/catalog';
import type { EngineOptions } from '../config/engineOptions';
import { round } from '../estimate/instanceEstimate';
import type { CostItem } from '../model';
import type { InstanceOffer } from '../catalog/types';
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
  /** 0-based line of the last `#SBATCH`: the job's item spans the script's head down to it. */
  lastLine: number;
  name?: string;
  notes: string[];
}

const SBATCH = /^#SBATCH\s+(.*)$/;

/** Reads `#SBATCH` options as sbatch does: only in the leading comment block, before the first command. */
export function parseSbatch(text: string): SlurmJob | undefined {
  const opts = new Map<string, string>();
  let first = -1;
  let last = -1;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const m = SBATCH.exec(line);
    if (m) {
      if (first < 0) first = i;
      last = i;
      for (const [k, v] of options(m[1])) opts.set(k, v);
    } else if (line !== '' && !line.startsWith('#')) break;
  }
  if (first < 0) return undefined;
  const notes: string[] = [];
  const nodes = Number((opts.get('nodes') ?? opts.get('N') ?? '1').split('-').pop());
  const gpu = gpuRequest(opts, notes);
  if (gpu.gpusPerNode && !gpu.gpuType) gpu.gpuType = gpuTypeFromNames(opts, notes);
  return { nodes: Number.isFinite(nodes) && nodes > 0 ? nodes : 1, ...gpu, hours: wallHours(opts.get('time') ?? opts.get('t')), line: first, lastLine: last, name: opts.get('job-name') ?? opts.get('J'), notes };
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

/**
 * GPUs per node from `--gres=gpu[:type]:N`, `--gpus-per-node`, `--gpus-per-task` × tasks per node,
 * or `--gpus` (total, spread over nodes).
 */
function gpuRequest(opts: Map<string, string>, notes: string[]): { gpusPerNode?: number; gpuType?: string } {
  const perTask = opts.get('gpus-per-task');
  if (perTask && !opts.has('gres') && !opts.has('gpus-per-node')) return perTaskRequest(perTask, opts, notes);
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

/** GPU models, and NVIDIA architectures whose data-centre part clusters name partitions after. */
const GPU_WORDS: Record<string, { gpu: string; why?: string }> = {
  a100: { gpu: 'A100' }, h100: { gpu: 'H100' }, h200: { gpu: 'H200' }, b200: { gpu: 'B200' }, gh200: { gpu: 'GH200' },
  v100: { gpu: 'V100' }, a10g: { gpu: 'A10G' }, a10: { gpu: 'A10' }, l40s: { gpu: 'L40S' }, l4: { gpu: 'L4' }, t4: { gpu: 'T4' },
  a6000: { gpu: 'A6000' },
  hopper: { gpu: 'H100', why: "Hopper's H100" }, ampere: { gpu: 'A100', why: "Ampere's A100" },
  volta: { gpu: 'V100', why: "Volta's V100" }, blackwell: { gpu: 'B200', why: "Blackwell's B200" },
};

/**
 * An untyped GPU request on a partition or node feature named after a GPU (`--constraint=a100`,
 * `--partition=gpu-h100`, `hopper-prod`): clusters name them so, and it beats the cheapest GPU.
 */
function gpuTypeFromNames(opts: Map<string, string>, notes: string[]): string | undefined {
  for (const option of ['constraint', 'C', 'partition', 'p']) {
    const value = opts.get(option);
    const word = value?.toLowerCase().split(/[^a-z0-9]+/).find((w) => GPU_WORDS[w]);
    if (!value || !word) continue;
    const { gpu, why } = GPU_WORDS[word];
    const written = option.length === 1 ? `-${option} ${value}` : `--${option}=${value}`;
    notes.push(`GPU type ${gpu} read from ${written}${why ? ` (${why})` : ''}: the GPU request names no type`);
    return gpu;
  }
  return undefined;
}

/** `--gpus-per-task=[type:]N` × `--ntasks-per-node`, or × `--ntasks` spread over the nodes. */
function perTaskRequest(spec: string, opts: Map<string, string>, notes: string[]): { gpusPerNode?: number; gpuType?: string } {
  const parts = spec.split(':').filter(Boolean);
  const count = /^\d+$/.test(parts[parts.length - 1] ?? '') ? Number(parts.pop()) : 1;
  const nodes = Number(opts.get('nodes') ?? opts.get('N') ?? '1') || 1;
  const perNode = Number(opts.get('ntasks-per-node'));
  const total = Number(opts.get('ntasks') ?? opts.get('n'));
  let tasks = 1;
  if (perNode > 0) {
    tasks = perNode;
    notes.push(`--gpus-per-task=${spec} × --ntasks-per-node=${perNode}`);
  } else if (total > 0) {
    tasks = total / nodes;
    notes.push(`--gpus-per-task=${spec} × --ntasks=${total} over ${nodes} node${nodes > 1 ? 's' : ''}`);
  } else {
    notes.push(`--gpus-per-task=${spec} × 1 task (no --ntasks)`);
  }
  return { gpusPerNode: count * tasks, gpuType: parts[0] };
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
    // The whole job header, from the top of the script (where its shebang and description sit) to the last #SBATCH line.
    file, range: { start: { line: 0, column: 0 }, end: { line: job.lastLine, column: 0 } }, kind: 'training-run',
    resource: `SLURM job${job.name ? ` ${job.name}` : ''}`, provider: 'other', region: null, sku: job.gpuType ?? null, quantity: gpus,
    pricing: 'on-demand', accelerators: gpus ? { name: job.gpuType ?? 'GPU', count: gpus } : null, tags: {}, estimate: EMPTY_ESTIMATE,
    assumptions: [`${job.nodes} node${job.nodes > 1 ? 's' : ''} × ${job.gpusPerNode ?? 0} GPUs`, ...job.notes],
  };
  if (!gpus) return { ...base, unpricedReason: 'no GPUs requested (--gres=gpu, --gpus*); CPU jobs are not priced' };
  if (job.hours === undefined) return { ...base, unpricedReason: 'no --time limit: the partition\'s default applies, which the script does not say' };
  const price = rate(job.gpuType, job.gpusPerNode ?? 0, options, catalog);
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

/**
 * The GPU-hour rate: the named GPU's (`.finops.yml`, else the catalog); for an untyped request,
 * `rates.gpuHour.default`, the only rate in `.finops.yml`, else the cheapest GPU in the catalog
 * sold with at least as many GPUs per machine as a node asks for, said so.
 */
function rate(gpuType: string | undefined, gpusPerNode: number, options: EngineOptions, catalog: PriceCatalog): { usd: number; note: string; fromConfig: boolean; name?: string } | undefined {
  const rates = options.ml?.rates.gpuHour ?? {};
  if (gpuType) {
    const p = gpuHourPrice(catalog, gpuType, options.ml?.rates);
    if (p) return { usd: p.usd, name: p.name, note: p.offer ? `${p.note}; set rates.gpuHour.${gpuType} for your cluster's rate` : p.note, fromConfig: !p.offer };
  }
  const untyped = gpuType ? `no price for GPU type ${gpuType}` : 'the script names no GPU type';
  if (rates.default !== undefined) return { usd: rates.default, note: `$${rates.default}/GPU-hour from .finops.yml rates.gpuHour.default (${untyped})`, fromConfig: true };
  const names = Object.keys(rates);
  if (names.length === 1) {
    return { usd: rates[names[0]], note: `$${rates[names[0]]}/GPU-hour: the only rate in .finops.yml (${names[0]}); ${untyped}`, fromConfig: true };
  }
  const offer = catalog.cheapestWithAcceleratorMemory(0, { limit: 100000 })
    .filter((o) => o.onDemandUsdPerHour !== null && (o.accelerator?.count ?? 0) >= Math.max(1, gpusPerNode))
    .sort((a, b) => perGpu(a) - perGpu(b))[0];
  if (!offer?.accelerator) return undefined;
  const usd = round(perGpu(offer), 4);
  return {
    usd,
    note: `$${usd}/GPU-hour: ${untyped}, so the cheapest GPU in the bundled catalog on a machine with ≥ ${gpusPerNode} GPUs, ${offer.instanceType} (${offer.accelerator.count}× ${offer.accelerator.name}, ${offer.cloud} ${offer.region}); set rates.gpuHour.default for your cluster's rate`,
    fromConfig: false,
  };
}

function perGpu(o: InstanceOffer): number {
  return (o.onDemandUsdPerHour ?? Infinity) / (o.accelerator?.count ?? 1);
}
