/**
 * The most used compute modules of the Terraform Registry, priced from a call's inputs by the
 * module's own defaults. They are recognised by their registry or GitHub address, or, for a
 * local or downloaded copy, by the variables that make up their interface: their code builds
 * node groups with `for_each` over typed maps of these inputs, which the evaluator cannot
 * itemise per node group, so the inputs are read instead wherever the code is.
 */
import type { CostItem } from '../../../model';
import type { HclValue } from '../hclValue';
import type { ModuleCallEnv } from './callInputs';
import { aksModuleItems } from './aksModule';
import { dataAddonsItems } from './dataAddonsModule';
import { eksManagedSubmoduleItems, eksRootItems, selfManagedSubmoduleItems } from './eksModule';
import { gkeModuleItems } from './gkeModule';

export interface KnownModule {
  /** As the registry names it, for the assumptions. */
  name: string;
  /** The normalised address (see `normalisedSource`) of every published form of the module. */
  address: RegExp;
  /** Variables a copy of the module declares, all of them. */
  declares: string[];
  items(env: ModuleCallEnv): CostItem[];
}

const EKS_REPO = '(terraform-aws-modules/eks/aws|github\\.com/terraform-aws-modules/terraform-aws-eks)';
/** The kubernetes-engine variants that take `node_pools` (not autopilot, not the node-pool-only modules). */
const GKE_VARIANT = '(//modules/((beta-)?(private|public)-cluster(-update-variant)?|private-cluster(-update-variant)?|safer-cluster))?';

export const KNOWN_MODULES: readonly KnownModule[] = [
  {
    name: 'terraform-aws-modules/eks',
    address: new RegExp(`^${EKS_REPO}$`),
    declares: ['eks_managed_node_groups', 'self_managed_node_groups'],
    items: eksRootItems,
  },
  {
    name: 'terraform-aws-modules/eks//modules/eks-managed-node-group',
    address: new RegExp(`^${EKS_REPO}//modules/eks-managed-node-group$`),
    declares: ['instance_types', 'capacity_type', 'ami_type', 'desired_size', 'use_custom_launch_template'],
    items: eksManagedSubmoduleItems,
  },
  {
    name: 'terraform-aws-modules/eks//modules/self-managed-node-group',
    address: new RegExp(`^${EKS_REPO}//modules/self-managed-node-group$`),
    declares: ['instance_type', 'desired_size', 'use_mixed_instances_policy', 'mixed_instances_policy'],
    items: selfManagedSubmoduleItems,
  },
  {
    name: 'terraform-google-modules/kubernetes-engine',
    address: new RegExp(`^(terraform-google-modules/kubernetes-engine/google|github\\.com/terraform-google-modules/terraform-google-kubernetes-engine)${GKE_VARIANT}$`),
    declares: ['node_pools', 'regional', 'zones', 'ip_range_pods'],
    items: gkeModuleItems,
  },
  {
    name: 'aws-ia/eks-data-addons',
    address: /^(aws-ia\/eks-data-addons\/aws|github\.com\/aws-ia\/terraform-aws-eks-data-addons)$/,
    declares: ['karpenter_resources_helm_config', 'enable_karpenter_resources'],
    items: dataAddonsItems,
  },
  {
    name: 'Azure/aks',
    address: /^(azure\/aks\/azurerm|github\.com\/azure\/terraform-azurerm-aks)$/,
    declares: ['agents_size', 'agents_count', 'node_pools'],
    items: aksModuleItems,
  },
];

/**
 * `registry.terraform.io/terraform-aws-modules/eks/aws`, `git::https://github.com/x/y.git?ref=v1`
 * and `github.com/x/y//modules/z` all reduce to the host-less or `github.com/...` form, lower case.
 */
export function normalisedSource(source: string): string {
  return source
    .trim()
    .replace(/^git::/, '')
    .replace(/^(https?|ssh):\/\//, '')
    .replace(/^git@github\.com:/, 'github.com/')
    .replace(/^registry\.terraform\.io\//, '')
    .replace(/\?.*$/, '')
    .replace(/\.git(?=\/\/|$)/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** A known module by the address a call names. */
export function knownBySource(source: string): KnownModule | undefined {
  const s = normalisedSource(source);
  return KNOWN_MODULES.find((m) => m.address.test(s));
}

/** A known module by the variables a copy of it (a local folder, `.terraform/modules`) declares. */
export function knownByInterface(variables: Record<string, HclValue>): KnownModule | undefined {
  return KNOWN_MODULES.find((m) => m.declares.every((v) => Object.hasOwn(variables, v)));
}
