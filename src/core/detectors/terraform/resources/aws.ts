import { childBlocks, attributesOf } from '../hclTree';
import { evaluate } from '../hclEval';
import { instanceItem, attrString, providerRegion, resourceTags, terraformTagging, type ResourceEnv, type ResourceHandler } from '../resourceEnv';
import type { PricingModel } from '../../../model';

/** `instance_market_options { market_type = "spot" }` makes an aws_instance a spot instance. */
function marketPricing(env: ResourceEnv): { pricing: PricingModel; note?: string } {
  for (const block of childBlocks(env.block, 'instance_market_options')) {
    const type = attributesOf(block.body).get('market_type');
    if (type && evaluate(type, env.scope) === 'spot') return { pricing: 'spot', note: 'spot from instance_market_options' };
  }
  return { pricing: 'on-demand' };
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
      region: providerRegion(env, 'aws', 'aws'),
      pricing,
      pricingNote: note,
      tags: resourceTags(env, 'aws'),
      tagging: terraformTagging(env),
    }),
  ];
};

export const AWS_HANDLERS: Record<string, ResourceHandler> = {
  aws_instance: awsInstance,
};
