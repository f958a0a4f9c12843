/** SageMaker hosting: endpoint variants, batch transform and notebook instances, priced at SageMaker's own rates. */
import type { CostModel } from '../costModel';
import { pricedItem, unpricedItem, type InstanceGroup } from '../instanceGroup';
import { whileRunning } from '../runLength';
import { groupSize, type CountReading } from './groupSize';
import type { JobInstances } from './sagemakerTraining';

/** Why a serverless variant has no hourly price: it is not billed by the instance-hour. */
export const SERVERLESS_VARIANT_REASON = 'serverless variant: billed per request and compute-second of use, not per instance-hour';

/** Why batch transform is hourly while it runs: `CreateTransformJob` takes no stopping condition to bound a run by. */
export const BATCH_TRANSFORM_WHILE_RUNNING = 'batch transform is billed per instance-hour while each transform job runs; a transform job has no run-time limit, so no per-run figure is stated';

/**
 * A batch transform job (SDK `Transformer`, boto3 `create_transform_job`): its instances at the
 * hosting rate, hourly while each job runs, never monthly.
 */
export const batchTransform: CostModel<JobInstances> = {
  id: 'aws/sagemaker/batch-transform',
  label: 'SageMaker batch transform job',
  price(instances, ctx) {
    const hourly = pricedItem(ctx.catalog, ctx.options, { ...instances, kind: 'compute', component: 'hosting', pricing: 'on-demand', provider: 'aws', cloud: 'aws' });
    return whileRunning(hourly, BATCH_TRANSFORM_WHILE_RUNNING);
  },
};

export interface EndpointVariantInput {
  /** The variant's instance type and identity; its count comes from `count`. */
  group: Omit<InstanceGroup, 'kind' | 'component' | 'pricing'>;
  serverless: boolean;
  /** `initial_instance_count` / `InitialInstanceCount`. */
  count: CountReading;
}

export const endpointVariant: CostModel<EndpointVariantInput> = {
  id: 'aws/sagemaker/endpoint-variant',
  label: 'SageMaker endpoint production variant',
  price(input, ctx) {
    const base = { ...input.group, kind: 'endpoint' as const, component: 'hosting' as const, pricing: 'on-demand' as const };
    if (input.serverless) return unpricedItem({ ...base, sku: { unresolved: 'serverless' }, quantity: 1 }, SERVERLESS_VARIANT_REASON);
    const size = groupSize([input.count], 'instance');
    return pricedItem(ctx.catalog, ctx.options, { ...base, quantity: size.n * input.group.quantity, notes: [...input.group.notes, size.note] });
  },
};

export const notebookInstance: CostModel<Omit<InstanceGroup, 'kind' | 'component' | 'pricing'>> = {
  id: 'aws/sagemaker/notebook-instance',
  label: 'SageMaker notebook instance',
  price(group, ctx) {
    return pricedItem(ctx.catalog, ctx.options, {
      ...group,
      kind: 'notebook',
      component: 'notebook',
      pricing: 'on-demand',
      notes: [...group.notes, 'billed while the notebook is InService'],
    });
  },
};
