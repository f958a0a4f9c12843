import { referencedResource } from '../references';
import {
  attr,
  attrCount,
  attrString,
  firstBlock,
  instanceItem,
  ownRegion,
  providerRegion,
  resourceTags,
  terraformTagging,
  type InstanceItemSpec,
  type ResourceEnv,
  type ResourceHandler,
} from '../resourceEnv';
import type { PricingModel } from '../../../model';

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

/** A pool's region is its cluster's, found through `kubernetes_cluster_id`. */
const aksNodePool: ResourceHandler = (env) => {
  const cluster = referencedResource(env, env.block, ['kubernetes_cluster_id'], 'azurerm_kubernetes_cluster');
  const clusterEnv = cluster && 'block' in cluster ? { ...env, block: cluster.block } : undefined;
  const auto = attr(env, 'auto_scaling_enabled') === true || attr(env, 'enable_auto_scaling') === true;
  const size =
    (auto ? attrCount(env, 'min_count') : undefined) ??
    attrCount(env, 'node_count') ??
    attrCount(env, 'min_count') ?? { n: 1, note: 'node_count not set; priced as 1 node' };
  return [
    azureItem(env, {
      kind: 'cluster',
      skuAttr: 'vm_size',
      sku: attrString(env, 'vm_size'),
      region: clusterEnv ? location(env, clusterEnv) : location(env),
      priced: priority(env, 'priority', ['Spot']),
      quantity: size.n * env.quantity,
      extraAssumptions: [auto ? `autoscaling: ${size.note}` : size.note, ...(clusterEnv && cluster && 'via' in cluster ? [`location of ${cluster.via}`] : [])],
    }),
  ];
};

/** Azure ML clusters scale between min and max nodes; the max is the bound a budget must hold. */
const mlComputeCluster: ResourceHandler = (env) => {
  const scale = firstBlock(env.block, 'scale_settings');
  const min = scale ? attrCount(env, 'min_node_count', scale) : undefined;
  const max = scale ? attrCount(env, 'max_node_count', scale) : undefined;
  const running = min && min.n > 0 ? min : (max ?? { n: 1, note: 'no scale_settings; priced as 1 node' });
  const note =
    min && min.n > 0
      ? `${min.note} (always running)`
      : `priced at ${running.note} (all nodes busy); the cluster idles at ${min ? min.n : 0} nodes`;
  return [
    azureItem(env, {
      kind: 'cluster',
      skuAttr: 'vm_size',
      sku: attrString(env, 'vm_size'),
      region: location(env),
      priced: priority(env, 'vm_priority', ['LowPriority']),
      quantity: running.n * env.quantity,
      ...(min ? { minQuantity: min.n * env.quantity } : {}),
      extraAssumptions: [note],
    }),
  ];
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
  azurerm_kubernetes_cluster_node_pool: aksNodePool,
  azurerm_machine_learning_compute_cluster: mlComputeCluster,
  azurerm_machine_learning_compute_instance: mlComputeInstance,
};
