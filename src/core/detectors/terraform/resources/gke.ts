import type { Tagging } from '../../../model';
import { gcpZoneRegion } from '../../shared/region';
import { childBlocks, nodeRange, type HclBlock } from '../../../parsing/hcl/hclTree';
import { isObject, Unresolved, type HclValue } from '../hclValue';
import { referencedResource } from '../references';
import { attr, attrCount, attrString, firstBlock, ownRegion, providerRegion, resourceTags, type ResourceEnv, type ResourceHandler } from '../resourceEnv';
import { estimate } from '../../../resources/costModel';
import { gkeNodePool, type GkePoolSizing } from '../../../resources/gcp/gke';
import { gcpVm, schedulingPricing, type GcpVmSpec } from './gcp';

/**
 * GKE node pools, standalone (`google_container_node_pool`) or in a cluster (its default
 * pool, or inline `node_pool` blocks). Billing labels on the node VMs are the cluster's
 * `resource_labels` (with the provider's `default_labels`, which Terraform merges into them)
 * plus the pool's `node_config.resource_labels`; `node_config.labels` are Kubernetes node
 * labels only and never reach billing.
 */

/** What the pool writes about its size; the GKE model applies GKE's sizing rule. */
function poolSizing(env: ResourceEnv, pool: HclBlock, location: string | undefined, zones: HclValue | undefined): GkePoolSizing {
  const auto = firstBlock(pool, 'autoscaling');
  return {
    nodeCount: attrCount(env, 'node_count', pool),
    ...(auto
      ? { autoscaling: { min: attrCount(env, 'min_node_count', auto), totalMin: attrCount(env, 'total_min_node_count', auto), totalMinWritten: attr(env, 'total_min_node_count', auto) !== undefined } }
      : {}),
    initialNodeCount: attrCount(env, 'initial_node_count', pool),
    nodeLocations: Array.isArray(zones) && zones.length > 0 ? zones.length : undefined,
    location,
  };
}

/** A pool's item: its VMs and GPUs read from `holder`, sized by the GKE model. */
function poolItem(env: ResourceEnv, spec: GcpVmSpec & { sizing: GkePoolSizing; notes: string[]; defaultPool?: boolean }) {
  const { vm, machineTypeWritten, gpus } = gcpVm(env, spec);
  return estimate(gkeNodePool, { vm: machineTypeWritten ? vm : { ...vm, sku: undefined }, gpus, sizing: spec.sizing, notes: spec.notes, defaultPool: spec.defaultPool }, env);
}

function labelText(v: HclValue): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '(known after apply)';
}

/**
 * The node VMs' billing labels, and where the quick fix writes: the cluster's `resource_labels`
 * for its own pools, the pool's `node_config { resource_labels }` for a standalone pool.
 * `clusterUnknown` says the cluster's labels could not be read (it is in another module).
 */
function nodeLabels(env: ResourceEnv, cluster: HclBlock | undefined, config: HclBlock | undefined, fixIn: 'cluster' | 'node_config', clusterUnknown: boolean) {
  const fromCluster = cluster ? resourceTags({ ...env, block: cluster }, 'google', 'resource_labels') : resourceTags(env, 'google', 'resource_labels');
  const clusterLabels = cluster ? attr({ ...env, block: cluster }, 'resource_labels') : undefined;
  const poolLabels = config ? attr(env, 'resource_labels', config) : undefined;
  const tags = { ...fromCluster };
  if (poolLabels !== undefined && isObject(poolLabels)) for (const [k, v] of Object.entries(poolLabels)) tags[k] = labelText(v);
  const unreadable = [clusterLabels, poolLabels].some((v) => v !== undefined && v !== null && !isObject(v));
  const tagging: Tagging = {
    style: 'gcp-labels',
    range: nodeRange(env.block.node, env.block.origin),
    attribute: 'resource_labels',
    ...(fixIn === 'node_config' ? { blockPath: ['node_config'] } : {}),
    ...(unreadable || clusterUnknown ? { partial: true } : {}),
  };
  return { tags, tagging };
}

function location(env: ResourceEnv): string | undefined {
  const v = attrString(env, 'location');
  return typeof v === 'string' ? v : undefined;
}

const containerNodePool: ResourceHandler = (env) => {
  const config = firstBlock(env.block, 'node_config');
  const cluster = referencedResource(env, env.block, ['cluster'], 'google_container_cluster');
  const clusterBlock = cluster && 'block' in cluster ? cluster.block : undefined;
  const notes = cluster && 'unresolved' in cluster ? [`cluster resource_labels not read: ${cluster.unresolved}`] : [];
  return [
    poolItem(env, {
      kind: 'cluster',
      holder: config ?? env.block,
      region: providerRegion(env, 'google', 'gcp', ownRegion(env, 'location', gcpZoneRegion)),
      pricing: schedulingPricing(env, config),
      sizing: poolSizing(env, env.block, location(env), attr(env, 'node_locations')),
      notes,
      labels: nodeLabels(env, clusterBlock, config, 'node_config', !clusterBlock),
    }),
  ];
};

/**
 * A cluster's nodes: each inline `node_pool`, else the default pool of `initial_node_count`
 * nodes per zone, which `remove_default_node_pool = true` deletes once the cluster exists.
 * Autopilot clusters have no node pools to price (their pods are billed).
 */
const containerCluster: ResourceHandler = (env) => {
  if (attr(env, 'enable_autopilot') === true) return [];
  const region = providerRegion(env, 'google', 'gcp', ownRegion(env, 'location', gcpZoneRegion));
  const clusterZones = attr(env, 'node_locations');
  const pools = childBlocks(env.block, 'node_pool');
  if (pools.length) {
    return pools.map((pool, i) => {
      const config = firstBlock(pool, 'node_config');
      const name = attrString(env, 'name', pool);
      return poolItem(env, {
        kind: 'cluster',
        holder: config ?? pool,
        region,
        pricing: schedulingPricing(env, config),
        sizing: poolSizing(env, pool, location(env), attr(env, 'node_locations', pool) ?? clusterZones),
        notes: [],
        labels: nodeLabels(env, env.block, config, 'cluster', false),
        addressSuffix: ` node_pool ${typeof name === 'string' ? `"${name}"` : `#${i + 1}`}`,
      });
    });
  }
  const remove = attr(env, 'remove_default_node_pool');
  if (remove === true) return [];
  const removeNote = remove instanceof Unresolved ? [`remove_default_node_pool not resolved (${remove.reason}); priced as kept`] : [];
  const config = firstBlock(env.block, 'node_config');
  return [
    poolItem(env, {
      kind: 'cluster',
      holder: config ?? env.block,
      region,
      pricing: schedulingPricing(env, config),
      sizing: poolSizing(env, env.block, location(env), clusterZones),
      defaultPool: true,
      notes: removeNote,
      labels: nodeLabels(env, env.block, config, 'cluster', false),
      addressSuffix: ' default node pool',
    }),
  ];
};

export const GKE_HANDLERS: Record<string, ResourceHandler> = {
  google_container_cluster: containerCluster,
  google_container_node_pool: containerNodePool,
};
