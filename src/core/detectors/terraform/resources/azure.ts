import { referencedResource } from '../references';
import {
  attr,
  attrCount,
  attrString,
  firstBlock,
  instanceGroup,
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
import { amlCluster, amlComputeInstance } from '../../../resources/azure/azureMl';
import { estimate } from '../../../resources/costModel';
import { nodeRange, type HclBlock } from '../../../parsing/hcl/hclTree';
import { isObject, Unresolved, type HclValue } from '../hclValue';
import { aksPool } from '../../../resources/azure/aks';
import { azureVm } from '../../../resources/azure/virtualMachines';

/** Azure has no provider-level location: the resource's `location`, else settings, else the default. */
function location(env: ResourceEnv, from = env) {
  return providerRegion(env, 'azurerm', 'azure', ownRegion(from, 'location', (v) => v.toLowerCase().replace(/\s+/g, '')));
}

function priority(env: ResourceEnv, name: string, spotValues: string[]): { pricing: PricingModel; note?: string } {
  const v = attrString(env, name);
  return typeof v === 'string' && spotValues.includes(v) ? { pricing: 'spot', note: `spot from ${name} = "${v}"` } : { pricing: 'on-demand' };
}

function azureGroup(env: ResourceEnv, spec: Omit<InstanceItemSpec, 'provider' | 'cloud' | 'tags' | 'tagging' | 'pricing' | 'pricingNote'> & { priced: { pricing: PricingModel; note?: string } }) {
  const { priced, ...rest } = spec;
  return instanceGroup(env, { ...rest, provider: 'azure', cloud: 'azure', tags: resourceTags(env, 'azurerm'),
    tagging: terraformTagging(env), pricing: priced.pricing, pricingNote: priced.note });
}

function virtualMachine(windows: boolean): ResourceHandler {
  return (env) => [
    estimate(azureVm, {
      group: azureGroup(env, { kind: 'compute', skuAttr: 'size', sku: attrString(env, 'size'), region: location(env), priced: priority(env, 'priority', ['Spot']) }),
      windows,
    }, env),
  ];
}

/**
 * Node VMs are billed on the pool's scale set, which carries the pool's own `tags`: AKS
 * does not copy the cluster's tags onto node pools.
 */
function aksPoolItem(env: ResourceEnv, pool: HclBlock, region: ReturnType<typeof location>, extra: { notes: string[]; priced: { pricing: PricingModel; note?: string }; suffix?: string; tagging: Tagging }) {
  const own = attr(env, 'tags', pool);
  const group = instanceGroup(env, {
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
    addressSuffix: extra.suffix,
  });
  // `auto_scaling_enabled`, or `enable_auto_scaling` before azurerm 4.0.
  const autoscaling = attr(env, 'auto_scaling_enabled', pool) === true || attr(env, 'enable_auto_scaling', pool) === true;
  return estimate(aksPool, { group, autoscaling, minCount: attrCount(env, 'min_count', pool), nodeCount: attrCount(env, 'node_count', pool), notes: extra.notes }, env);
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
  const group = azureGroup(env, { kind: 'cluster', skuAttr: 'vm_size', sku: attrString(env, 'vm_size'), region: location(env), priced });
  return [estimate(amlCluster, { group, min: count('min_node_count'), max: count('max_node_count'), defaultMax: 1, lowPriority: priced.pricing === 'spot', clusters: env.quantity }, env)];
};

const mlComputeInstance: ResourceHandler = (env) => [
  estimate(amlComputeInstance, azureGroup(env, { kind: 'notebook', skuAttr: 'virtual_machine_size', sku: attrString(env, 'virtual_machine_size'), region: location(env), priced: { pricing: 'on-demand' } }), env),
];

export const AZURE_HANDLERS: Record<string, ResourceHandler> = {
  azurerm_linux_virtual_machine: virtualMachine(false),
  azurerm_windows_virtual_machine: virtualMachine(true),
  azurerm_kubernetes_cluster: aksCluster,
  azurerm_kubernetes_cluster_node_pool: aksNodePool,
  azurerm_machine_learning_compute_cluster: mlComputeCluster,
  azurerm_machine_learning_compute_instance: mlComputeInstance,
};
