import { childBlocks, attributesOf, type HclBlock } from '../hclTree';
import { evaluate } from '../hclEval';
import { Unresolved } from '../hclValue';
import { referencedResource } from '../references';
import {
  attr,
  attrCount,
  attrString,
  firstBlock,
  instanceItem,
  providerRegion,
  resourceTags,
  terraformTagging,
  type ResourceEnv,
  type ResourceHandler,
} from '../resourceEnv';
import type { PricingModel } from '../../../model';

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
  return [
    instanceItem(env, {
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
    }),
  ];
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

/** Desired capacity is what runs; without it the group starts at its minimum. */
function groupSize(env: ResourceEnv, block: HclBlock, desired: string, min: string): { n: number; note: string } {
  return attrCount(env, desired, block) ?? attrCount(env, min, block) ?? { n: 1, note: `neither ${desired} nor ${min} set; priced as 1` };
}

const autoscalingGroup: ResourceHandler = (env) => {
  const size = groupSize(env, env.block, 'desired_capacity', 'min_size');
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
  return [
    instanceItem(env, {
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
      quantity: size.n * env.quantity,
      minQuantity: floor(env, env.block, 'min_size'),
      extraAssumptions: [size.note, ...notes],
    }),
  ];
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

const eksNodeGroup: ResourceHandler = (env) => {
  const scaling = firstBlock(env.block, 'scaling_config');
  const size = scaling ? groupSize(env, scaling, 'desired_size', 'min_size') : { n: 1, note: 'no scaling_config; priced as 1 node' };
  const types = attributesOf(env.block.body).get('instance_types');
  const list = types ? evaluate(types, env.scope) : undefined;
  const notes = [size.note];
  let sku: string | Unresolved | undefined;
  if (Array.isArray(list) && list.length > 0) {
    sku = typeof list[0] === 'string' ? list[0] : new Unresolved('instance_types[0] is not a string');
    if (list.length > 1) notes.push(`first of ${list.length} instance_types priced`);
  } else if (list instanceof Unresolved) {
    sku = new Unresolved(`instance_types: ${list.reason}`);
  } else if (firstBlock(env.block, 'launch_template')) {
    const lt = launchTemplateType(env, firstBlock(env.block, 'launch_template'));
    sku = lt.sku;
    notes.push(...lt.notes);
  } else {
    sku = 't3.medium';
    notes.push('instance_types not set: EKS defaults to t3.medium');
  }
  const spot = attrString(env, 'capacity_type') === 'SPOT';
  return [
    instanceItem(env, {
      kind: 'cluster',
      provider: 'aws',
      cloud: 'aws',
      skuAttr: 'instance_types',
      sku,
      region: region(env),
      pricing: spot ? 'spot' : 'on-demand',
      pricingNote: spot ? 'spot from capacity_type = "SPOT"' : undefined,
      tags: resourceTags(env, 'aws'),
      tagging: terraformTagging(env),
      quantity: size.n * env.quantity,
      minQuantity: scaling ? floor(env, scaling, 'min_size') : undefined,
      extraAssumptions: notes,
    }),
  ];
};

const sagemakerEndpointConfig: ResourceHandler = (env) =>
  childBlocks(env.block, 'production_variants').map((variant, i) => {
    const name = attrString(env, 'variant_name', variant);
    const suffix = ` variant ${typeof name === 'string' ? name : `#${i + 1}`}`;
    const serverless = firstBlock(variant, 'serverless_config');
    const count = attrCount(env, 'initial_instance_count', variant) ?? { n: 1, note: 'initial_instance_count not set; priced as 1' };
    const item = instanceItem(env, {
      kind: 'endpoint',
      provider: 'aws',
      cloud: 'aws',
      skuAttr: 'instance_type',
      skuBlock: variant,
      sku: serverless ? new Unresolved('serverless') : attrString(env, 'instance_type', variant),
      region: region(env),
      pricing: 'on-demand',
      tags: resourceTags(env, 'aws'),
      tagging: terraformTagging(env),
      quantity: serverless ? 1 : count.n * env.quantity,
      extraAssumptions: serverless ? [] : [count.note],
      component: 'hosting',
      addressSuffix: suffix,
    });
    return serverless
      ? { ...item, unpricedReason: 'serverless variant: billed per request and compute-second of use, not per instance-hour' }
      : item;
  });

const sagemakerNotebook: ResourceHandler = (env) => [
  instanceItem(env, {
    kind: 'notebook',
    provider: 'aws',
    cloud: 'aws',
    skuAttr: 'instance_type',
    sku: attrString(env, 'instance_type'),
    region: region(env),
    pricing: 'on-demand',
    tags: resourceTags(env, 'aws'),
      tagging: terraformTagging(env),
    component: 'notebook',
    extraAssumptions: ['billed while the notebook instance is InService'],
  }),
];

export const AWS_HANDLERS: Record<string, ResourceHandler> = {
  aws_instance: awsInstance,
  aws_autoscaling_group: autoscalingGroup,
  aws_eks_node_group: eksNodeGroup,
  aws_sagemaker_endpoint_configuration: sagemakerEndpointConfig,
  aws_sagemaker_notebook_instance: sagemakerNotebook,
};
