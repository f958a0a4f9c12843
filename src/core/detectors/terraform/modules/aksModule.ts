/**
 * Azure/aks (terraform-azurerm-aks) read by its inputs: the default node pool from `agents_*`
 * (one item on the call) and each site of `node_pools` (one item per pool written in the call,
 * or one for all the pools a `for` expression builds, on that expression).
 */
import type { CostItem, PricingModel } from '../../../model';
import { pricedItem, type InstanceGroup } from '../../../resources/instanceGroup';
import { nodeRange } from '../../../parsing/hcl/hclTree';
import { toNumber, Unresolved, type HclValue } from '../hclValue';
import { providerRegion } from '../resourceEnv';
import { field, input, inputSites, inputString, tagsOf, unreadableInput, type InputSite, type ModuleCallEnv } from './callInputs';

/** The module's variable defaults for the default pool. */
const DEFAULT_AGENTS_SIZE = 'Standard_D2s_v3';
const DEFAULT_AGENTS_COUNT = 2;

export function aksModuleItems(env: ModuleCallEnv): CostItem[] {
  const out = [defaultPool(env)];
  const sites = inputSites(env, 'node_pools');
  if (sites instanceof Unresolved) out.push(unreadableInput(env, 'node_pools', sites, 'azure'));
  else for (const site of sites ?? []) out.push(...sitePools(env, site));
  return out;
}

interface PoolSize {
  n: number;
  note: string;
  min?: number;
}

/** `agents_size` × (`agents_min_count` when autoscaling, else `agents_count`), at the module's defaults. */
function defaultPool(env: ModuleCallEnv): CostItem {
  const auto = input(env, 'auto_scaling_enabled') === true || input(env, 'enable_auto_scaling') === true;
  const size = auto
    ? count(input(env, 'agents_min_count'), 'autoscaling: agents_min_count') ?? count(input(env, 'agents_count'), 'agents_count') ?? { n: 1, note: 'autoscaling without agents_min_count; priced as 1 node' }
    : count(input(env, 'agents_count'), 'agents_count') ?? { n: DEFAULT_AGENTS_COUNT, note: `agents_count not set: the module defaults to ${DEFAULT_AGENTS_COUNT}` };
  const sku = inputString(env, 'agents_size');
  return pricedItem(env.catalog, env.options, {
    ...group(env, { file: env.file, range: nodeRange(env.block.node, env.block.origin) }, `${env.address}.default_node_pool`, size, 'on-demand'),
    sku: typeof sku === 'string' ? sku : sku === undefined ? DEFAULT_AGENTS_SIZE : { unresolved: `agents_size: ${sku.reason}` },
    notes: [env.pathNote, ...(sku === undefined ? [`agents_size not set: the module defaults to ${DEFAULT_AGENTS_SIZE}`] : []), size.note, ...env.expansionNotes],
  });
}

/** The pools of one site; pools of one size and priority are summed into one item. */
function sitePools(env: ModuleCallEnv, site: InputSite): CostItem[] {
  const byKind = new Map<string, { sku: InstanceGroup['sku']; pricing: PricingModel; keys: string[]; n: number; min: number | undefined; notes: string[] }>();
  for (const { key, value } of site.entries) {
    const vm = field(value, 'vm_size');
    const sku: InstanceGroup['sku'] = typeof vm === 'string' ? vm : { unresolved: `node_pools["${key}"].vm_size: ${vm instanceof Unresolved ? vm.reason : 'is not set'}` };
    const pricing: PricingModel = field(value, 'priority') === 'Spot' ? 'spot' : 'on-demand';
    const size = poolSize(value);
    const id = JSON.stringify([sku, pricing]);
    const kind = byKind.get(id) ?? { sku, pricing, keys: [], n: 0, min: 0, notes: [] };
    kind.keys.push(key);
    kind.n += size.n;
    kind.min = kind.min === undefined || size.min === undefined ? undefined : kind.min + size.min;
    kind.notes.push(`${key}: ${size.note}`);
    byKind.set(id, kind);
  }
  return [...byKind.values()].map((k) => {
    const name = k.keys.length === 1 ? `["${k.keys[0]}"]` : `[${k.keys.map((x) => `"${x}"`).join(', ')}]`;
    return pricedItem(env.catalog, env.options, {
      ...group(env, site, `${env.address}.node_pools${name}`, { n: k.n, note: '', min: k.min }, k.pricing),
      sku: k.sku,
      notes: [env.pathNote, ...(k.keys.length > 1 ? [`${k.keys.length} node pools of one size`] : []), ...k.notes, ...env.expansionNotes],
    });
  });
}

/** A pool's nodes as the module passes them on: `min_count` when autoscaling, else `node_count`. */
function poolSize(pool: HclValue): PoolSize {
  const auto = field(pool, 'auto_scaling_enabled') === true || field(pool, 'enable_auto_scaling') === true;
  const size = auto ? count(field(pool, 'min_count'), 'autoscaling: min_count') : count(field(pool, 'node_count'), 'node_count');
  return size ?? { n: 1, note: `${auto ? 'min_count' : 'node_count'} not set; priced as 1 node` };
}

function count(v: HclValue | undefined, name: string): PoolSize | undefined {
  const n = v === undefined || v === null ? undefined : toNumber(v);
  if (n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  if (n === 0) return { n: 1, note: `${name} = 0: scales to zero; priced per node while one runs`, min: 0 };
  return { n, note: `${name} = ${n}`, ...(name.startsWith('autoscaling') ? { min: n } : {}) };
}

function group(env: ModuleCallEnv, site: Pick<InputSite, 'file' | 'range'>, resource: string, size: PoolSize, pricing: PricingModel): Omit<InstanceGroup, 'sku' | 'notes'> {
  const location = inputString(env, 'location');
  const own = typeof location === 'string' ? { value: location.toLowerCase().replace(/\s+/g, ''), from: 'module input location' } : location instanceof Unresolved ? new Unresolved(`module input location: ${location.reason}`) : undefined;
  return {
    file: site.file,
    range: site.range,
    kind: 'cluster',
    resource,
    provider: 'azure',
    cloud: 'azure',
    region: providerRegion(env, 'azurerm', 'azure', own),
    quantity: size.n * env.quantity,
    pricing,
    tags: tagsOf(input(env, 'tags')),
    ...(size.min !== undefined ? { minQuantity: size.min * env.quantity } : {}),
  };
}
