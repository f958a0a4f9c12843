import { referencedResource } from '../references';
import {
  attr,
  attrCount,
  attrString,
  firstBlock,
  instanceGroup,
  instanceItem,
  ownRegion,
  providerRegion,
  resourceTags,
  terraformTagging,
  type InstanceItemSpec,
  type ResourceEnv,
  type ResourceHandler,
} from '../resourceEnv';
import type { PricingModel, Tagging } from '../../../model';
import { countValue, type CountReading } from '../../../resources/aws/groupSize';
import { amlCluster } from '../../../resources/azure/azureMl';
import { estimate } from '../../../resources/costModel';
import { nodeRange, type HclBlock } from '../hclTree';
import { isObject, Unresolved, type HclValue } from '../hclValue';

/** Azure has no provider-level location: the resource's `location`, else settings, else the default. */
function location(env: ResourceEnv, from = env) {
  return providerRegion(env, 'azurerm', 'azure', ownRegion(from, 'location', (v) => v.toLowerCase().replace(/\s+/g, '')));
}

function priority(env: ResourceEnv, name: string, spotValues: string[]): { pricing: PricingModel; note?: string } {
  const v = attrString(env, name);
  return typeof v === 'string' && spotValues.includes(v) ? { pricing: 'spot', note: `spot from ${name} = "${v}"` } : { pricing: 'on-demand' };
}

function azureItem(env: ResourceEnv, spec: Omit<InstanceItemSpec, 'provider' | 'cloud' | 'tags' | 'tagging' | 'pricing' | 'pricingNote'> & { priced: { pricing: PricingModel; note?: string } }) {
  const { priced, ...rest } = spec;
  return instanceItem(env, { ...rest, provider: 'azure', cloud: 'azure', tags: resourceTags(env, 'azurerm'),
    tagging: terraformTagging(env), pricing: priced.pricing, pricingNote: priced.note });
}

function virtualMachine(windows: boolean): ResourceHandler {
  return (env) => [
    azureItem(env, {
      kind: 'compute',
      skuAttr: 'size',
      sku: attrString(env, 'size'),
      region: location(env),
      priced: priority(env, 'priority', ['Spot']),
      extraAssumptions: windows ? ['Linux rate: the Windows license is billed on top and is not in the bundled catalog'] : [],
    }),
  ];
}

/**
 * An AKS pool's nodes: `min_count` when autoscaling (`auto_scaling_enabled`, or
 * `enable_auto_scaling` before azurerm 4.0), else `node_count`.
 */
function aksPoolSize(env: ResourceEnv, pool: HclBlock): { n: number; note: string; min?: number } {
  const auto = attr(env, 'auto_scaling_enabled', pool) === true || attr(env, 'enable_auto_scaling', pool) === true;
  const min = auto ? attrCount(env, 'min_count', pool) : undefined;
  if (min) return { n: min.n, note: `autoscaling: ${min.note}`, min: min.n };
  const size = attrCount(env, 'node_count', pool) ?? attrCount(env, 'min_count', pool) ?? { n: 1, note: 'node_count not set; priced as 1 node' };
  return { n: size.n, note: auto ? `autoscaling: ${size.note}` : size.note };
}

/**
 * Node VMs are billed on the pool's scale set, which carries the pool's own `tags`: AKS
 * does not copy the cluster's tags onto node pools.
 */
function aksPoolItem(env: ResourceEnv, pool: HclBlock, region: ReturnType<typeof location>, extra: { notes: string[]; priced: { pricing: PricingModel; note?: string }; suffix?: string; tagging: Tagging }) {
  const size = aksPoolSize(env, pool);
  const own = attr(env, 'tags', pool);
  return instanceItem(env, {
    kind: 'cluster',
    provider: 'azure',
    cloud: 'azure',
    skuAttr: 'vm_size',
    skuBlock: pool,
    sku: attrString(env, 'vm_size', pool),
    region,
    pricing: extra.priced.pricing,
    pricingNote: extra.priced.note,
    tags: pool === env.block ? resourceTags(env, 'azurerm') : tagTexts(own),
    tagging: extra.tagging,
    quantity: size.n * env.quantity,
    ...(size.min !== undefined ? { minQuantity: size.min * env.quantity } : {}),
    addressSuffix: extra.suffix,
    extraAssumptions: [size.note, ...extra.notes],
  });
}

function tagTexts(v: HclValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (v !== undefined && isObject(v)) for (const [k, t] of Object.entries(v)) out[k] = typeof t === 'string' || typeof t === 'number' || typeof t === 'boolean' ? String(t) : '(known after apply)';
  return out;
}

/** A pool's region is its cluster's, found through `kubernetes_cluster_id`. */
const aksNodePool: ResourceHandler = (env) => {
  const cluster = referencedResource(env, env.block, ['kubernetes_cluster_id'], 'azurerm_kubernetes_cluster');
  const clusterEnv = cluster && 'block' in cluster ? { ...env, block: cluster.block } : undefined;
  const via = clusterEnv && cluster && 'via' in cluster ? [`location of ${cluster.via}`] : [];
  return [aksPoolItem(env, env.block, clusterEnv ? location(env, clusterEnv) : location(env), { notes: via, priced: priority(env, 'priority', ['Spot']), tagging: terraformTagging(env) })];
};

/** The cluster's `default_node_pool` (its system pool); the control plane of the Free tier costs nothing. */
const aksCluster: ResourceHandler = (env) => {
  const pool = firstBlock(env.block, 'default_node_pool');
  if (!pool) return [];
  const own = attr(env, 'tags', pool);
  const partial = own !== undefined && own !== null && !isObject(own);
  const tagging: Tagging = { style: 'terraform-map', range: nodeRange(env.block.node, env.block.origin), blockPath: ['default_node_pool'], ...(partial ? { partial } : {}) };
  const name = attrString(env, 'name', pool);
  return [aksPoolItem(env, pool, location(env), { notes: [], priced: { pricing: 'on-demand' }, suffix: ` default_node_pool${typeof name === 'string' ? ` "${name}"` : ''}`, tagging })];
};

/** Azure ML clusters: priced by the same model as the Azure ML SDK and YAML (scale to zero → per node-hour). */
const mlComputeCluster: ResourceHandler = (env) => {
  const scale = firstBlock(env.block, 'scale_settings');
  const count = (name: string): CountReading => ({ name, value: scale ? countValue(attr(env, name, scale), (v) => (v instanceof Unresolved ? v.reason : `${name} is not a whole number`)) : undefined });
  const priced = priority(env, 'vm_priority', ['LowPriority']);
  const group = instanceGroup(env, {
    kind: 'cluster',
    provider: 'azure',
    cloud: 'azure',
    skuAttr: 'vm_size',
    sku: attrString(env, 'vm_size'),
    region: location(env),
    pricing: priced.pricing,
    pricingNote: priced.note,
    tags: resourceTags(env, 'azurerm'),
    tagging: terraformTagging(env),
  });
  return [estimate(amlCluster, { group, min: count('min_node_count'), max: count('max_node_count'), defaultMax: 1, lowPriority: priced.pricing === 'spot', clusters: env.quantity }, env)];
};

const mlComputeInstance: ResourceHandler = (env) => [
  azureItem(env, {
    kind: 'notebook',
    skuAttr: 'virtual_machine_size',
    sku: attrString(env, 'virtual_machine_size'),
    region: location(env),
    priced: { pricing: 'on-demand' },
    extraAssumptions: ['billed while the compute instance is running'],
  }),
];

export const AZURE_HANDLERS: Record<string, ResourceHandler> = {
  azurerm_linux_virtual_machine: virtualMachine(false),
  azurerm_windows_virtual_machine: virtualMachine(true),
  azurerm_kubernetes_cluster: aksCluster,
  azurerm_kubernetes_cluster_node_pool: aksNodePool,
  azurerm_machine_learning_compute_cluster: mlComputeCluster,
  azurerm_machine_learning_compute_instance: mlComputeInstance,
};
