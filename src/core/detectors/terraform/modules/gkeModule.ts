/**
 * terraform-google-modules/kubernetes-engine (the root module and its cluster variants:
 * private, beta, update-variant, safer) read by its inputs: each `node_pools` entry is one item
 * on the lines that define it, priced as the module builds the pool (see its cluster.tf).
 */
import type { CostItem, PricingModel } from '../../../model';
import { estimate } from '../../../resources/costModel';
import { gceVm, type AttachedGpus } from '../../../resources/gcp/computeEngine';
import type { InstanceGroup } from '../../../resources/instanceGroup';
import { gcpZoneRegion } from '../../shared/region';
import { nodeRange } from '../../../parsing/hcl/hclTree';
import { toNumber, Unresolved, type HclValue } from '../hclValue';
import { providerRegion } from '../resourceEnv';
import { field, input, inputSites, inputString, tagsOf, unreadableInput, writtenText, type InputEntry, type InputSite, type ModuleCallEnv } from './callInputs';

/** The module's `machine_type` default for a pool. */
const DEFAULT_MACHINE_TYPE = 'e2-medium';
/** Zones GKE spreads a regional pool over when none are listed. */
const REGIONAL_DEFAULT_ZONES = 3;

export function gkeModuleItems(env: ModuleCallEnv): CostItem[] {
  const sites = inputSites(env, 'node_pools');
  if (sites instanceof Unresolved) return [unreadableInput(env, 'node_pools', sites, 'gcp')];
  // The module's own default: one pool named default-node-pool with every setting at its default.
  const pools = sites ?? [{ file: env.file, range: nodeRange(env.block.node, env.block.origin), entries: [{ key: 'default-node-pool', value: { name: 'default-node-pool' } }] }];
  const zones = clusterZones(env);
  const out: CostItem[] = [];
  for (const site of pools) for (const entry of site.entries) out.push(poolItem(env, site, entry, zones, sites === undefined));
  return out;
}

interface Zones {
  count: number;
  note: string;
}

/** The zones every pool runs in: the `zones` listed, else 3 for a regional cluster, else the one zone of a zonal one. */
function clusterZones(env: ModuleCallEnv): Zones {
  const regional = input(env, 'regional') !== false;
  const zones = input(env, 'zones');
  if (Array.isArray(zones) && zones.length > 0) return { count: zones.length, note: `${zones.length} zone(s) from zones` };
  const why = zones instanceof Unresolved ? ` (zones: ${zones.reason})` : '';
  return regional
    ? { count: REGIONAL_DEFAULT_ZONES, note: `regional cluster: ${REGIONAL_DEFAULT_ZONES} zones, GKE's default${why}` }
    : { count: 1, note: `zonal cluster: 1 zone${why}` };
}

function poolItem(env: ModuleCallEnv, site: InputSite, entry: InputEntry, zones: Zones, moduleDefault: boolean): CostItem {
  const read = (name: string) => field(entry.value, name);
  const machine = read('machine_type');
  const size = poolSize(read, poolZones(entry, zones));
  const { pricing, note } = poolPricing(read);
  const gpus = accelerators(read);
  const vm: InstanceGroup = {
    file: site.file,
    range: site.range,
    kind: 'cluster',
    resource: `${env.address}.node_pools["${entry.key}"]`,
    provider: 'gcp',
    cloud: 'gcp',
    sku: typeof machine === 'string' ? machine : machine === undefined ? DEFAULT_MACHINE_TYPE : { unresolved: `machine_type: ${machine instanceof Unresolved ? machine.reason : 'is not a string'}` },
    region: region(env),
    quantity: size.n * env.quantity,
    pricing,
    tags: tagsOf(input(env, 'cluster_resource_labels')),
    notes: [
      env.pathNote,
      ...(moduleDefault ? ['node_pools not set: the module creates one default-node-pool'] : []),
      ...(machine === undefined ? [`machine_type not set: the module defaults to ${DEFAULT_MACHINE_TYPE}`] : []),
      ...size.notes,
      ...(note ? [note] : []),
      ...env.expansionNotes,
    ],
    ...(size.min !== undefined ? { minQuantity: size.min * env.quantity } : {}),
  };
  if (gpus instanceof Unresolved) return { ...estimate(gceVm, { vm }, env), unpricedReason: gpus.reason };
  return estimate(gceVm, { vm, gpus }, env);
}

/**
 * Per zone: an autoscaled pool (the default) starts at `initial_node_count`, else `min_count`
 * (default 1); a fixed one runs `node_count` (default 1). A pool's `node_locations` replaces the
 * cluster's zones; `total_min_count` is for the whole pool. A pool that can scale to zero is
 * priced per node while one runs.
 */
function poolSize(read: (name: string) => HclValue | undefined, zones: Zones): { n: number; notes: string[]; min?: number } {
  const autoscaled = read('autoscaling') !== false;
  const count = (name: string) => {
    const v = read(name);
    const n = v === undefined ? undefined : toNumber(v);
    return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
  };
  const total = autoscaled ? count('total_min_count') : undefined;
  const [perZone, from] = autoscaled
    ? pick([['initial_node_count', count('initial_node_count')], ['min_count', count('min_count')]])
    : pick([['node_count', count('node_count')]]);
  const min = autoscaled ? (count('min_count') ?? total) : undefined;
  if (total !== undefined) return sized(total, `autoscaling total_min_count = ${total} (whole pool)`, min);
  const label = `${autoscaled ? 'autoscaling ' : ''}${from} per zone × ${zones.count} (${zones.note})`;
  return sized(perZone * zones.count, label, min === undefined ? undefined : min * zones.count);
}

/**
 * A pool's `node_locations` ("zone-a,zone-b") replaces the cluster's zones. Written as a template
 * of unknown zone names (`"${var.region}-b,${var.region}-c"`), its commas still count them.
 */
function poolZones(entry: InputEntry, zones: Zones): Zones {
  const v = field(entry.value, 'node_locations');
  if (typeof v === 'string' && v.trim()) return { count: v.split(',').filter((z) => z.trim()).length, note: "the pool's node_locations" };
  const text = v instanceof Unresolved ? writtenText(entry, 'node_locations') : undefined;
  if (text && /^"[^"]*"$/.test(text.trim())) {
    const names = text.trim().slice(1, -1).replace(/\$\{[^}]*\}/g, 'x').split(',').filter((z) => z.trim());
    return { count: names.length, note: "the pool's node_locations (zone names known at plan)" };
  }
  return zones;
}

function pick(candidates: [string, number | undefined][]): [number, string] {
  for (const [name, n] of candidates) if (n !== undefined) return [n, `${name} = ${n}`];
  return [1, `${candidates[candidates.length - 1][0]} not set (module default 1)`];
}

function sized(n: number, note: string, min: number | undefined): { n: number; notes: string[]; min?: number } {
  if (n === 0) return { n: 1, notes: [note, 'scales to zero; priced per node while one runs'], min: 0 };
  return { n, notes: [note], ...(min !== undefined ? { min } : {}) };
}

function poolPricing(read: (name: string) => HclValue | undefined): { pricing: PricingModel; note?: string } {
  if (read('spot') === true) return { pricing: 'spot', note: 'spot from spot = true' };
  if (read('preemptible') === true) return { pricing: 'spot', note: 'preemptible nodes: priced at the spot/preemptible rate' };
  return { pricing: 'on-demand' };
}

function accelerators(read: (name: string) => HclValue | undefined): AttachedGpus | Unresolved | undefined {
  const type = read('accelerator_type');
  if (type === undefined || type === '') return undefined;
  if (type instanceof Unresolved) return new Unresolved(`accelerator_type: ${type.reason}`);
  if (typeof type !== 'string') return undefined;
  const count = toNumber(read('accelerator_count') ?? 1);
  return count === undefined ? new Unresolved('accelerator_count is not a number') : { type, count, via: 'accelerator_type' };
}

/** `region`, or for a zonal cluster the region of its first zone. */
function region(env: ModuleCallEnv) {
  const written = inputString(env, 'region');
  if (typeof written === 'string' && written) return providerRegion(env, 'google', 'gcp', { value: written, from: 'module input region' });
  const zones = input(env, 'zones');
  const first = Array.isArray(zones) ? zones[0] : undefined;
  if (typeof first === 'string') return providerRegion(env, 'google', 'gcp', { value: gcpZoneRegion(first), from: `module input zones[0] ${first}` });
  return providerRegion(env, 'google', 'gcp', written instanceof Unresolved ? new Unresolved(`module input region: ${written.reason}`) : undefined);
}
