/**
 * terraform-aws-modules/eks read by its inputs: each entry of `eks_managed_node_groups` and
 * `self_managed_node_groups` (over the v20 `*_node_group_defaults`) is one item on the lines
 * that define it, and the `eks-managed-node-group` / `self-managed-node-group` submodules called
 * on their own are one item on the call. The defaults are the module's variable defaults.
 */
import type { CostItem } from '../../../model';
import { estimate } from '../../../resources/costModel';
import { ec2Instances } from '../../../resources/aws/ec2';
import { eksNodeGroup } from '../../../resources/aws/eks';
import { countValue, type CountReading } from '../../../resources/aws/groupSize';
import type { InstanceGroup } from '../../../resources/instanceGroup';
import { nodeRange } from '../../../parsing/hcl/hclTree';
import { isObject, Unresolved, type HclValue } from '../hclValue';
import { providerRegion } from '../resourceEnv';
import { field, input, inputSites, tagsOf, unreadableInput, type InputSite, type ModuleCallEnv } from './callInputs';

/** The module's default size of a node group (`desired_size`, `min_size` default 1). */
const DEFAULT_SIZE = 1;
/** `self-managed-node-group`'s `instance_type` default. */
const SELF_MANAGED_DEFAULT_TYPE = 'm6i.large';

type GroupKind = 'managed' | 'self-managed';

/** Where one node group's settings come from: its own map (or the submodule call's inputs) and the defaults map. */
interface NodeGroupSource {
  read: (name: string) => HclValue | undefined;
  site: Pick<InputSite, 'file' | 'range'>;
  resource: string;
}

/** The root module: one item per node group entry; a group with `create = false` is left out. */
export function eksRootItems(env: ModuleCallEnv): CostItem[] {
  const out: CostItem[] = [];
  const kinds: [GroupKind, string, string][] = [
    ['managed', 'eks_managed_node_groups', 'eks_managed_node_group_defaults'],
    ['self-managed', 'self_managed_node_groups', 'self_managed_node_group_defaults'],
  ];
  for (const [kind, name, defaultsName] of kinds) {
    const sites = inputSites(env, name);
    if (sites === undefined) continue;
    if (sites instanceof Unresolved) {
      out.push(unreadableInput(env, name, sites, 'aws'));
      continue;
    }
    const defaults = input(env, defaultsName);
    for (const site of sites) {
      for (const entry of site.entries) {
        if (field(entry.value, 'create', defaults) === false) continue;
        const source = { read: (f: string) => field(entry.value, f, defaults), site, resource: `${env.address}.${name}["${entry.key}"]` };
        out.push(kind === 'managed' ? managedGroup(env, source) : selfManagedGroup(env, source));
      }
    }
  }
  return out;
}

/** The `eks-managed-node-group` submodule called directly: the call is the node group. */
export function eksManagedSubmoduleItems(env: ModuleCallEnv): CostItem[] {
  return [managedGroup(env, callSource(env))];
}

/** The `self-managed-node-group` submodule called directly. */
export function selfManagedSubmoduleItems(env: ModuleCallEnv): CostItem[] {
  return [selfManagedGroup(env, callSource(env))];
}

function callSource(env: ModuleCallEnv): NodeGroupSource {
  return { read: (f) => input(env, f) ?? undefined, site: { file: env.file, range: nodeRange(env.block.node, env.block.origin) }, resource: env.address };
}

/** An accelerated AMI (`AL2_x86_64_GPU`, `AL2023_x86_64_NVIDIA`, `BOTTLEROCKET_x86_64_NVIDIA`, Neuron) says the group is meant for GPUs. */
function amiNotes(src: NodeGroupSource, typesWritten: boolean): string[] {
  const ami = src.read('ami_type');
  if (typeof ami !== 'string' || !/GPU|NVIDIA|NEURON/i.test(ami)) return [];
  return typesWritten
    ? [`ami_type ${ami} is an accelerated AMI: the GPUs are those of the instance type`]
    : [`ami_type ${ami} is an accelerated AMI, but no instance_types is set: EKS's default type has no GPU, so set instance_types to price the GPU nodes`];
}

function managedGroup(env: ModuleCallEnv, src: NodeGroupSource): CostItem {
  const types = src.read('instance_types');
  const base = baseGroup(env, src, 'EKS managed node group');
  return estimate(
    eksNodeGroup,
    {
      group: { ...base, notes: [...base.notes, ...amiNotes(src, types !== undefined)] },
      instanceTypes: { attr: 'instance_types', value: Array.isArray(types) ? types : types instanceof Unresolved ? { unresolved: types.reason } : undefined },
      sizing: sizing(src),
      spotFrom: src.read('capacity_type') === 'SPOT' ? 'capacity_type' : undefined,
    },
    env,
  );
}

/** An Auto Scaling group: `instance_type`, or the first override of a mixed instances policy. */
function selfManagedGroup(env: ModuleCallEnv, src: NodeGroupSource): CostItem {
  const override = src.read('use_mixed_instances_policy') === true ? firstOverride(src.read('mixed_instances_policy')) : undefined;
  const written = src.read('instance_type');
  const sku = override ?? written ?? SELF_MANAGED_DEFAULT_TYPE;
  const notes = override
    ? ['first mixed_instances_policy override (highest priority) priced on-demand; the spot share of the policy is not applied']
    : written === undefined
      ? [`instance_type not set: the self-managed-node-group module defaults to ${SELF_MANAGED_DEFAULT_TYPE}`]
      : [];
  const base = baseGroup(env, src, 'self-managed node group (Auto Scaling group)');
  const group: InstanceGroup = {
    ...base,
    sku: typeof sku === 'string' ? sku : { unresolved: `instance_type: ${sku instanceof Unresolved ? sku.reason : 'is not a string'}` },
    pricing: 'on-demand',
    notes: [...base.notes, ...notes],
  };
  return estimate(ec2Instances, { group, sizing: sizing(src) }, env);
}

function firstOverride(policy: HclValue | undefined): HclValue | undefined {
  const lt = isObject(policy ?? null) ? (policy as Record<string, HclValue>).launch_template : undefined;
  const overrides = lt !== undefined && isObject(lt) ? lt.override : undefined;
  const first = Array.isArray(overrides) ? overrides[0] : undefined;
  return first !== undefined && isObject(first) ? first.instance_type : undefined;
}

/** Desired size, else the module's default of 1 (EKS starts a group at its desired size). */
function sizing(src: NodeGroupSource): CountReading[] {
  const read = (name: string): CountReading => ({ name, value: countValue(src.read(name), (v) => (v instanceof Unresolved ? v.reason : 'not a whole number')) });
  const desired = read('desired_size');
  return desired.value === undefined ? [{ name: 'desired_size (module default)', value: DEFAULT_SIZE }] : [desired];
}

function baseGroup(env: ModuleCallEnv, src: NodeGroupSource, what: string): Omit<InstanceGroup, 'sku' | 'pricing'> & { pricing: 'on-demand' } {
  const min = countValue(src.read('min_size'), () => 'not a whole number');
  return {
    file: src.site.file,
    range: src.site.range,
    kind: 'cluster',
    resource: src.resource,
    provider: 'aws',
    cloud: 'aws',
    region: providerRegion(env, 'aws', 'aws'),
    quantity: env.quantity,
    pricing: 'on-demand',
    tags: { ...tagsOf(input(env, 'tags')), ...tagsOf(src.read('tags')) },
    notes: [env.pathNote, `${what} of module ${env.source}`, ...env.expansionNotes],
    ...(typeof min === 'number' ? { minQuantity: min * env.quantity } : {}),
  };
}
