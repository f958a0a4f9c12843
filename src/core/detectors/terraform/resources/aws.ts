import { childBlocks, attributesOf, type HclBlock } from '../../../parsing/hcl/hclTree';
import { evaluate } from '../hclEval';
import { Unresolved } from '../hclValue';
import { referencedResource } from '../references';
import {
  attr,
  attrString,
  firstBlock,
  instanceGroup,
  providerRegion,
  resourceTags,
  terraformTagging,
  type InstanceItemSpec,
  type ResourceEnv,
  type ResourceHandler,
} from '../resourceEnv';
import type { PricingModel } from '../../../model';
import { estimate } from '../../../resources/costModel';
import { ec2Instances } from '../../../resources/aws/ec2';
import { eksNodeGroup } from '../../../resources/aws/eks';
import { countValue, type CountReading } from '../../../resources/aws/groupSize';
import { hyperPodInstanceGroup } from '../../../resources/aws/hyperpod';
import { endpointVariant, notebookInstance } from '../../../resources/aws/sagemaker';

/** `instance_market_options { market_type = "spot" }` makes an instance (or a launch template's) spot. */
function marketPricing(env: ResourceEnv, block: HclBlock = env.block): { pricing: PricingModel; note?: string } {
  for (const market of childBlocks(block, 'instance_market_options')) {
    const type = attributesOf(market.body).get('market_type');
    if (type && evaluate(type, env.scope) === 'spot') return { pricing: 'spot', note: 'spot from instance_market_options' };
  }
  return { pricing: 'on-demand' };
}

function region(env: ResourceEnv) {
  return providerRegion(env, 'aws', 'aws');
}

const awsInstance: ResourceHandler = (env) => {
  const { pricing, note } = marketPricing(env);
  const group = instanceGroup(env, {
    kind: 'compute',
    provider: 'aws',
    cloud: 'aws',
    skuAttr: 'instance_type',
    sku: attrString(env, 'instance_type'),
    region: region(env),
    pricing,
    pricingNote: note,
    tags: resourceTags(env, 'aws'),
    tagging: terraformTagging(env),
  });
  return [estimate(ec2Instances, { group }, env)];
};

interface TemplateType {
  sku: string | Unresolved | undefined;
  notes: string[];
  pricing: PricingModel;
}

/** The instance type of the launch template a block references, resolved within the module. */
function launchTemplateType(env: ResourceEnv, spec: HclBlock | undefined): TemplateType {
  if (!spec) return { sku: new Unresolved('no launch_template block'), notes: [], pricing: 'on-demand' };
  const target = referencedResource(env, spec, ['id', 'name', 'launch_template_id', 'launch_template_name'], 'aws_launch_template');
  if (!target) return { sku: new Unresolved('launch_template names no template'), notes: [], pricing: 'on-demand' };
  if ('unresolved' in target) return { sku: new Unresolved(target.unresolved), notes: [], pricing: 'on-demand' };
  const { pricing, note } = marketPricing(env, target.block);
  const sku = attrString(env, 'instance_type', target.block);
  return { sku: sku ?? new Unresolved(`${target.via} sets no instance_type`), notes: [`instance type from ${target.via}`, ...(note ? [note] : [])], pricing };
}

/** The older `launch_configuration = aws_launch_configuration.x.name`. */
function launchConfigurationType(env: ResourceEnv): TemplateType {
  const target = referencedResource(env, env.block, ['launch_configuration'], 'aws_launch_configuration');
  if (!target || 'unresolved' in target) return { sku: new Unresolved(target?.unresolved ?? 'no launch configuration'), notes: [], pricing: 'on-demand' };
  const spot = attr(env, 'spot_price', target.block) !== undefined;
  return {
    sku: attrString(env, 'instance_type', target.block),
    notes: [`instance type from ${target.via}`, ...(spot ? ['spot from spot_price in the launch configuration'] : [])],
    pricing: spot ? 'spot' : 'on-demand',
  };
}

/** The autoscaling floor across the block's instances, when written as a whole number. */
function floor(env: ResourceEnv, block: HclBlock, name: string): number | undefined {
  const v = attr(env, name, block);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v * env.quantity : undefined;
}

/** A count attribute for the group-size rule of the cost models. */
function reading(env: ResourceEnv, block: HclBlock, name: string): CountReading {
  const v = attr(env, name, block);
  return { name, value: countValue(v, (x) => (x instanceof Unresolved ? x.reason : 'not a whole number')) };
}

const autoscalingGroup: ResourceHandler = (env) => {
  const mixed = firstBlock(firstBlock(env.block, 'mixed_instances_policy'), 'launch_template');
  const override = firstBlock(mixed, 'override');
  const overrideType = override ? attrString(env, 'instance_type', override) : undefined;
  const lt =
    overrideType !== undefined
      ? undefined
      : attributesOf(env.block.body).has('launch_configuration')
        ? launchConfigurationType(env)
        : launchTemplateType(env, firstBlock(mixed, 'launch_template_specification') ?? firstBlock(env.block, 'launch_template'));
  const notes = overrideType !== undefined ? ['first mixed_instances_policy override (highest priority) priced'] : (lt?.notes ?? []);
  const group = instanceGroup(env, {
    kind: 'compute',
    provider: 'aws',
    cloud: 'aws',
    skuAttr: 'instance_type',
    skuBlock: override,
    sku: overrideType ?? lt?.sku,
    region: region(env),
    pricing: lt?.pricing ?? 'on-demand',
    tags: asgTags(env),
    tagging: terraformTagging(env),
    minQuantity: floor(env, env.block, 'min_size'),
    extraAssumptions: notes,
  });
  return [estimate(ec2Instances, { group, sizing: [reading(env, env.block, 'desired_capacity'), reading(env, env.block, 'min_size')] }, env)];
};

/** ASG `tag { key, value, propagate_at_launch }` blocks; the instances get the propagated ones. */
function asgTags(env: ResourceEnv): Record<string, string> {
  const tags = resourceTags(env, 'aws');
  for (const tag of childBlocks(env.block, 'tag')) {
    const key = attrString(env, 'key', tag);
    const value = attrString(env, 'value', tag);
    if (typeof key === 'string') tags[key] = typeof value === 'string' ? value : '(known after apply)';
  }
  return tags;
}

const eksNodeGroupHandler: ResourceHandler = (env) => {
  const scaling = firstBlock(env.block, 'scaling_config');
  const types = attr(env, 'instance_types');
  const group = instanceGroup(env, {
    kind: 'cluster',
    provider: 'aws',
    cloud: 'aws',
    skuAttr: 'instance_types',
    sku: undefined,
    region: region(env),
    pricing: 'on-demand',
    tags: resourceTags(env, 'aws'),
    tagging: terraformTagging(env),
    minQuantity: scaling ? floor(env, scaling, 'min_size') : undefined,
  });
  const template = firstBlock(env.block, 'launch_template');
  const lt = template ? launchTemplateType(env, template) : undefined;
  return [
    estimate(
      eksNodeGroup,
      {
        group,
        instanceTypes: { attr: 'instance_types', value: Array.isArray(types) ? types : types instanceof Unresolved ? { unresolved: types.reason } : undefined },
        launchTemplate: lt && { sku: typeof lt.sku === 'string' ? lt.sku : { unresolved: `instance_types: ${lt.sku?.reason ?? 'is not set'}` }, notes: lt.notes },
        sizing: scaling && [reading(env, scaling, 'desired_size'), reading(env, scaling, 'min_size')],
        spotFrom: attrString(env, 'capacity_type') === 'SPOT' ? 'capacity_type' : undefined,
      },
      env,
    ),
  ];
};

/** SageMaker instances (on demand only) whose `instance_type` is in `block`: the resource or one of its nested blocks. */
function sagemakerGroup(env: ResourceEnv, kind: InstanceItemSpec['kind'], block?: HclBlock, addressSuffix?: string) {
  return instanceGroup(env, {
    kind,
    provider: 'aws',
    cloud: 'aws',
    skuAttr: 'instance_type',
    ...(block ? { skuBlock: block, addressSuffix } : {}),
    sku: attrString(env, 'instance_type', block),
    region: region(env),
    pricing: 'on-demand',
    tags: resourceTags(env, 'aws'),
    tagging: terraformTagging(env),
  });
}

const sagemakerEndpointConfig: ResourceHandler = (env) =>
  childBlocks(env.block, 'production_variants').map((variant, i) => {
    const name = attrString(env, 'variant_name', variant);
    const group = sagemakerGroup(env, 'endpoint', variant, ` variant ${typeof name === 'string' ? name : `#${i + 1}`}`);
    const serverless = firstBlock(variant, 'serverless_config') !== undefined;
    return estimate(endpointVariant, { group, serverless, count: reading(env, variant, 'initial_instance_count') }, env);
  });

const sagemakerNotebook: ResourceHandler = (env) => [estimate(notebookInstance, sagemakerGroup(env, 'notebook'), env)];

/** A HyperPod cluster: one item per `instance_group`. */
const sagemakerCluster: ResourceHandler = (env) =>
  childBlocks(env.block, 'instance_group').map((ig, i) => {
    const name = attrString(env, 'instance_group_name', ig);
    const group = sagemakerGroup(env, 'cluster', ig, ` instance_group ${typeof name === 'string' ? name : `#${i + 1}`}`);
    return estimate(hyperPodInstanceGroup, { group, count: reading(env, ig, 'instance_count') }, env);
  });

export const AWS_HANDLERS: Record<string, ResourceHandler> = {
  aws_sagemaker_cluster: sagemakerCluster,
  aws_instance: awsInstance,
  aws_autoscaling_group: autoscalingGroup,
  aws_eks_node_group: eksNodeGroupHandler,
  aws_sagemaker_endpoint_configuration: sagemakerEndpointConfig,
  aws_sagemaker_notebook_instance: sagemakerNotebook,
};
