import { isObject, Unresolved, type HclValue } from '../hclValue';
import { evaluate } from '../hclEval';
import { attributesOf } from '../../../parsing/hcl/hclTree';
import { gcpZoneRegion } from '../../shared/region';
import {
  attr,
  attrString,
  firstBlock,
  instanceGroup,
  ownRegion,
  providerRegion,
  resourceTags,
  terraformTagging,
  type ResourceEnv,
  type ResourceHandler,
} from '../resourceEnv';
import type { HclBlock } from '../../../parsing/hcl/hclTree';
import { childBlocks } from '../../../parsing/hcl/hclTree';
import type { PricingModel, Tagging } from '../../../model';
import { estimate } from '../../../resources/costModel';
import { gceVm, type AttachedGpus } from '../../../resources/gcp/computeEngine';
import type { InstanceGroup } from '../../../resources/instanceGroup';

/** `guest_accelerator { type, count }` blocks (or the older list attribute), summed per type. */
function attachedGpus(env: ResourceEnv, holder: HclBlock): AttachedGpus | Unresolved | undefined {
  const blocks = childBlocks(holder, 'guest_accelerator');
  const dynamic = dynamicEntries(env, holder, 'guest_accelerator');
  if (dynamic instanceof Unresolved) return dynamic;
  const entries = blocks.length
    ? blocks.map((b) => ({ type: attrString(env, 'type', b), count: attr(env, 'count', b) }))
    : (dynamic ?? listAttr(env, holder));
  if (entries.length === 0) return undefined;
  const { type, count } = entries[0];
  if (type instanceof Unresolved) return new Unresolved(`guest_accelerator type: ${type.reason}`);
  if (count instanceof Unresolved) return new Unresolved(`guest_accelerator count: ${count.reason}`);
  if (typeof type !== 'string') return undefined;
  const n = typeof count === 'number' ? count : 1;
  return { type: type.replace(/^.*\/acceleratorTypes\//, ''), count: n, via: 'guest_accelerator' };
}

/** `dynamic "guest_accelerator" { for_each = ...; content { type = ..., count = ... } }`, expanded as Terraform does. */
function dynamicEntries(env: ResourceEnv, holder: HclBlock, name: string): { type: HclValue; count: HclValue }[] | Unresolved | undefined {
  const block = childBlocks(holder, 'dynamic').find((b) => b.labels[0] === name);
  const content = block && firstBlock(block, 'content');
  if (!block || !content) return undefined;
  const forEach = attr(env, 'for_each', block);
  if (forEach instanceof Unresolved) return new Unresolved(`dynamic "${name}" for_each: ${forEach.reason}`);
  // `iterator = gpu` is a bare name, not an expression to evaluate.
  const binding = attributesOf(block.body).get('iterator')?.text.trim() || name;
  const elements: [HclValue, HclValue][] = Array.isArray(forEach)
    ? forEach.map((v, i) => [i, v])
    : forEach !== undefined && isObject(forEach)
      ? Object.entries(forEach)
      : [];
  const attrs = attributesOf(content.body);
  return elements.map(([key, value]) => {
    const scope = { ...env.scope, bindings: { ...env.scope.bindings, [binding]: { key, value } } };
    const typeExpr = attrs.get('type');
    const countExpr = attrs.get('count');
    return { type: typeExpr ? evaluate(typeExpr, scope) : null, count: countExpr ? evaluate(countExpr, scope) : 1 };
  });
}

function listAttr(env: ResourceEnv, holder: HclBlock) {
  const v = attr(env, 'guest_accelerator', holder);
  if (!Array.isArray(v)) return [];
  return v.map((e) => (typeof e === 'object' && e !== null && !Array.isArray(e) && !(e instanceof Unresolved) ? { type: typeof e.type === 'string' ? e.type : undefined, count: e.count } : { type: undefined, count: undefined }));
}

/** `scheduling { provisioning_model = "SPOT" }` or `preemptible = true`; node pools use `spot`/`preemptible` in node_config. */
export function schedulingPricing(env: ResourceEnv, holder: HclBlock | undefined): { pricing: PricingModel; note?: string } {
  if (!holder) return { pricing: 'on-demand' };
  if (attr(env, 'spot', holder) === true) return { pricing: 'spot', note: 'spot from spot = true' };
  if (attr(env, 'preemptible', holder) === true) return { pricing: 'spot', note: 'preemptible VM: priced at the spot/preemptible rate' };
  if (attrString(env, 'provisioning_model', holder) === 'SPOT') return { pricing: 'spot', note: 'spot from provisioning_model = "SPOT"' };
  return { pricing: 'on-demand' };
}

export interface GcpVmSpec {
  kind: 'compute' | 'cluster';
  holder: HclBlock;
  region: ReturnType<typeof providerRegion>;
  pricing: { pricing: PricingModel; note?: string };
  /** Billing labels read elsewhere than the resource's `labels` (GKE's `resource_labels`). */
  labels?: { tags: Record<string, string>; tagging: Tagging };
  addressSuffix?: string;
}

/**
 * What `spec.holder` says about the VMs, for the GCE or GKE model: `machine_type` (and whether
 * it is written) and the GPUs `guest_accelerator` attaches, or why they could not be read.
 */
export function gcpVm(env: ResourceEnv, spec: GcpVmSpec): { vm: InstanceGroup; machineTypeWritten: boolean; gpus?: AttachedGpus | { unresolved: string } } {
  const written = attrString(env, 'machine_type', spec.holder);
  const gpus = attachedGpus(env, spec.holder);
  const vm = instanceGroup(env, {
    kind: spec.kind,
    provider: 'gcp',
    cloud: 'gcp',
    skuAttr: 'machine_type',
    skuBlock: spec.holder,
    sku: written,
    region: spec.region,
    pricing: spec.pricing.pricing,
    pricingNote: spec.pricing.note,
    tags: spec.labels?.tags ?? resourceTags(env, 'google', 'labels'),
    tagging: spec.labels?.tagging ?? terraformTagging(env, 'labels'),
    addressSuffix: spec.addressSuffix,
  });
  return { vm, machineTypeWritten: written !== undefined, gpus: gpus instanceof Unresolved ? { unresolved: gpus.reason } : gpus };
}

const computeInstance: ResourceHandler = (env) => {
  const { vm, gpus } = gcpVm(env, {
    kind: 'compute',
    holder: env.block,
    region: providerRegion(env, 'google', 'gcp', ownRegion(env, 'zone', gcpZoneRegion)),
    pricing: schedulingPricing(env, firstBlock(env.block, 'scheduling')),
  });
  if (gpus && 'unresolved' in gpus) return [{ ...estimate(gceVm, { vm }, env), unpricedReason: gpus.unresolved }];
  return [estimate(gceVm, { vm, gpus }, env)];
};

export const GCP_HANDLERS: Record<string, ResourceHandler> = {
  google_compute_instance: computeInstance,
};
