/**
 * Azure ML compute, priced from the Azure VM rows of the catalog (Azure ML adds no surcharge
 * on the VM): compute clusters, compute instances, online deployments and jobs. The Python
 * SDK (v1 and v2) and the YAML specs read their syntax into these inputs.
 */
import { round } from '../../estimate/instanceEstimate';
import type { CostItem } from '../../model';
import { formatUsd } from '../../format/costFormat';
import type { CostModel } from '../costModel';
import { pricedItem, unpricedItem, type InstanceGroup } from '../instanceGroup';
import { groupSize, type CountReading } from '../aws/groupSize';
import { perRun, whileRunning, type RunCount } from '../runLength';

/** What an adapter knows of the VMs; the model sets kind, count and pricing. */
export type AzureMlGroup = Omit<InstanceGroup, 'kind' | 'quantity' | 'pricing' | 'cloud'>;

/**
 * The VM size the service gives a compute cluster or compute instance that names none
 * (`size` of the amlCompute and computeInstance YAML schemas, `AmlCompute(size=...)`).
 */
export const AZURE_ML_DEFAULT_SIZE = 'Standard_DS3_v2';

export interface AmlClusterInput {
  group: AzureMlGroup;
  /** `min_instances` / `min_nodes`; unwritten means the service default, 0. */
  min: CountReading;
  /** `max_instances` / `max_nodes`, with the default the SDK or schema uses when unwritten. */
  max: CountReading;
  defaultMax: number;
  /** `tier: low_priority` / `vm_priority="lowpriority"`: evictable nodes at the spot rate. */
  lowPriority: boolean;
  /** Identical clusters the source declares at once (Terraform `count`/`for_each`); 1 when absent. */
  clusters?: number;
}

/**
 * A compute cluster autoscales between its floor and ceiling. With a floor of 0 (the default)
 * it costs nothing idle: it is priced per node-hour while jobs run, with the ceiling stated,
 * never as `max` nodes around the clock. A floor above 0 runs all month.
 */
export const amlCluster: CostModel<AmlClusterInput> = {
  id: 'azure/ml/compute-cluster',
  label: 'Azure ML compute cluster',
  price(input, ctx) {
    const max = typeof input.max.value === 'number' ? input.max.value : input.defaultMax;
    const maxNote = readingNote(input.max, `default ${max}`, `assumed ${max}`);
    const floor = input.min.value;
    const base = { ...input.group, kind: 'cluster' as const, cloud: 'azure' as const, pricing: input.lowPriority ? ('spot' as const) : ('on-demand' as const) };
    const priority = input.lowPriority ? ['low-priority nodes can be evicted; priced at the spot rate where the catalog has one'] : [];
    if (typeof floor === 'number' && floor > 0) {
      const always = `${input.min.name} = ${floor}: ${floor} node${floor === 1 ? '' : 's'} always on; scales up to ${max} while jobs run (${maxNote})`;
      const nodes = floor * (input.clusters ?? 1);
      return pricedItem(ctx.catalog, ctx.options, { ...base, quantity: nodes, minQuantity: nodes, notes: [...input.group.notes, always, ...priority] });
    }
    // An unreadable floor is not claimed to be 0: it is priced per node-hour, and the floor left unstated.
    const zero = typeof floor === 'object'
      ? `${readingNote(input.min, '', '')}: priced per node-hour while jobs run, as a cluster that scales to zero`
      : `${readingNote(input.min, 'default 0', '')}: scales to zero when idle, so it is billed per node-hour while jobs run, not around the clock`;
    const item = pricedItem(ctx.catalog, ctx.options, { ...base, quantity: 1, ...(typeof floor === 'object' ? {} : { minQuantity: 0 }), notes: [...input.group.notes, zero, ...priority] });
    return perNodeHour(item, max, maxNote);
  },
};

/** `max_instances = 3`, `max_instances not set (default 1)`, `... could not be resolved (why); assumed 1`. */
function readingNote(r: CountReading, unset: string, assumed: string): string {
  if (r.value === undefined) return `${r.name} not set (${unset})`;
  if (typeof r.value === 'number') return `${r.name} = ${r.value}`;
  return `${r.name} could not be resolved (${r.value.unresolved})${assumed ? `; ${assumed}` : ''}`;
}

/** An hourly figure for one node, no monthly one, and what the ceiling costs when every node is busy. */
function perNodeHour(item: CostItem, max: number, maxNote: string): CostItem {
  const hourly = item.estimate.hourlyUsd;
  const assumptions = item.assumptions.filter((a) => !/ h\/month$/.test(a));
  const ceiling = hourly === null ? `up to ${max} node${max === 1 ? '' : 's'} (${maxNote})` : `up to ${max} node${max === 1 ? '' : 's'} (${maxNote}): ${formatUsd(round(hourly * max, 4))}/h with all busy`;
  return { ...item, estimate: { ...item.estimate, monthlyUsd: null }, assumptions: [...assumptions, ceiling] };
}

export const amlComputeInstance: CostModel<AzureMlGroup> = {
  id: 'azure/ml/compute-instance',
  label: 'Azure ML compute instance',
  price(group, ctx) {
    return pricedItem(ctx.catalog, ctx.options, {
      ...group,
      kind: 'notebook',
      cloud: 'azure',
      quantity: 1,
      pricing: 'on-demand',
      notes: [...group.notes, 'a compute instance is billed while running; stop it (or set an idle shutdown) to stop the meter'],
    });
  },
};

/** Where an online deployment runs: Azure ML's managed VMs, or an attached Kubernetes cluster. */
export type DeploymentTarget = 'managed' | 'kubernetes';

export interface OnlineDeploymentInput {
  group: AzureMlGroup;
  target: DeploymentTarget;
  /** `instance_count`. */
  count: CountReading;
}

/** Why a Kubernetes online deployment has no VM price of its own. */
export const KUBERNETES_DEPLOYMENT_REASON =
  'runs on an attached Kubernetes cluster (AKS or Arc), billed as that cluster\'s nodes; the deployment names no VM size';

export const amlOnlineDeployment: CostModel<OnlineDeploymentInput> = {
  id: 'azure/ml/online-deployment',
  label: 'Azure ML online deployment',
  price(input, ctx) {
    const size = groupSize([input.count], 'instance');
    const base = { ...input.group, kind: 'endpoint' as const, cloud: 'azure' as const, pricing: 'on-demand' as const, quantity: size.n, notes: [...input.group.notes, size.note] };
    if (input.target === 'kubernetes') {
      const named = typeof input.group.sku === 'string' ? `; instance_type ${input.group.sku} is an instance type defined on that cluster` : '';
      return unpricedItem({ ...base, sku: { unresolved: 'kubernetes' } }, `${KUBERNETES_DEPLOYMENT_REASON}${named}`);
    }
    return pricedItem(ctx.catalog, ctx.options, { ...base, notes: [...base.notes, 'a managed online deployment bills its VMs every hour it exists, serving or not'] });
  },
};

export interface AmlJobInput {
  /** The VM size, or why it is not known (serverless compute, a cluster defined elsewhere). */
  group: AzureMlGroup;
  /** `instance_count` / `resources.instance_count`: nodes of one run. */
  count: CountReading;
  /** `limits.timeout` in seconds, the longest one run may take. */
  timeoutSeconds?: number;
  /** A sweep's trial limit (`max_total_trials`) as read: the sweep runs up to that many runs of the job. */
  trials?: CountReading;
}

/**
 * A job bills its nodes while it runs: per run when a time limit bounds it, else per hour
 * (never a monthly figure).
 */
export const amlJob: CostModel<AmlJobInput> = {
  id: 'azure/ml/job',
  label: 'Azure ML job',
  price(input, ctx) {
    const size = groupSize([input.count], 'node');
    const base = { ...input.group, kind: 'training-run' as const, cloud: 'azure' as const, pricing: 'on-demand' as const, quantity: size.n, notes: [...input.group.notes, size.note] };
    if (typeof base.sku !== 'string') return unpricedItem(base, base.sku.unresolved);
    const item = pricedItem(ctx.catalog, ctx.options, base);
    const trials = input.trials && trialCount(input.trials);
    const trialNotes = trials ? [trials.note] : [];
    if (item.estimate.hourlyUsd === null) return { ...item, assumptions: [...item.assumptions.filter((a) => !/ h\/month$/.test(a)), ...trialNotes] };
    if (input.timeoutSeconds === undefined) {
      const running = whileRunning(item, 'no time limit (limits.timeout): priced per hour while it runs');
      return { ...running, assumptions: [...running.assumptions, ...trialNotes] };
    }
    const hours = input.timeoutSeconds / 3600;
    return perRun(item, { hours, note: `limits.timeout = ${input.timeoutSeconds} s caps one run at ${round(hours, 2)} h (an upper bound)` }, trials);
  },
};

/** A sweep runs up to its trial limit; without a readable one, one trial is priced. */
function trialCount(trials: CountReading): RunCount {
  const { name, value } = trials;
  if (typeof value === 'number' && value > 0) return { count: value, note: `up to ${name} = ${value} trials` };
  if (typeof value === 'object') return { count: 1, note: `${name} could not be resolved (${value.unresolved}): priced for one trial` };
  return { count: 1, note: `${name} not set: priced for one trial` };
}
