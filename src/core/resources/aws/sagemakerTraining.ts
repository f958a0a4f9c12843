/**
 * SageMaker training and processing jobs: `instance_count` × the `ml.*` type's hourly rate ×
 * the run's length. A job stops at its runtime limit (`max_run`, `StoppingCondition.
 * MaxRuntimeInSeconds`), so one run costs at most that; when the code sets none, the client's
 * own default bounds it. Used by the SageMaker Python SDK (v2 estimators and processors, v3
 * `ModelTrainer`, `@step`/`@remote`) and the boto3 client's request dicts.
 */
import type { CostItem } from '../../model';
import type { CostModel, PricingContext } from '../costModel';
import { pricedItem, type InstanceGroup } from '../instanceGroup';
import { perRun, whileRunning, type RunCount, type RunLength } from '../runLength';

/** What managed spot training bills, said on every spot job. */
export const MANAGED_SPOT_NOTE = 'managed spot training: SageMaker bills the used spot capacity, often far below on-demand';

/**
 * Who stops a job whose code sets no runtime limit: the v2 SDK sends `max_run` = 1 day, the API
 * applies 1 day when the request has no `StoppingCondition`, `ModelTrainer` sends 1 hour.
 */
export type RuntimeDefault = 'sdk' | 'api' | 'model-trainer';

const ONE_DAY_S = 86400;
const ONE_HOUR_S = 3600;
const SOONER = 'a job that finishes sooner costs less';

/** Each client's default limit and the sentence that says so (`pool`: a warm pool's keep-alive, or empty). */
const DEFAULTS: Record<RuntimeDefault, { seconds: number; says: (limit: string, pool: string) => string }> = {
  sdk: { seconds: ONE_DAY_S, says: (limit, pool) => `run length is the SDK's default ${limit} of ${ONE_DAY_S} s (24 h), an upper bound${pool}` },
  api: { seconds: ONE_DAY_S, says: (limit, pool) => `run length is the API's default ${limit} of ${ONE_DAY_S} s (24 h), an upper bound${pool}` },
  'model-trainer': { seconds: ONE_HOUR_S, says: (_limit, pool) => `no stopping_condition: ModelTrainer stops the job after ${ONE_HOUR_S} s (1 h), the run's upper bound${pool}; ${SOONER}` },
};

/** A runtime limit as the source writes it. */
export interface WrittenLimit {
  /** The limit's name as written, for the notes: `max_run`, `MaxRuntimeInSeconds`. */
  name: string;
  /** Seconds; why it could not be read; or undefined when the source does not set it. */
  seconds: number | { unresolved: string } | undefined;
}

/** A training job's runtime limit: as written, else the client's default. */
export interface RuntimeLimit extends WrittenLimit {
  default: RuntimeDefault;
  /** A warm pool's keep-alive: the instances stay billed this long after each run. */
  keepAliveSeconds?: number;
}

/** The job's instances: `sku` its `ml.*` type (or why it is unknown), `quantity` the instance count. */
export type JobInstances = Omit<InstanceGroup, 'kind' | 'component' | 'pricing' | 'provider' | 'cloud'>;

export interface TrainingJobInput {
  instances: JobInstances;
  /** Managed spot training (`use_spot_instances`, `EnableManagedSpotTraining`). */
  spot: boolean;
  runtime: RuntimeLimit;
  /** A tuning job's training jobs: each run is one of them. */
  runs?: RunCount;
}

export const sagemakerTrainingJob: CostModel<TrainingJobInput> = {
  id: 'aws/sagemaker/training-job',
  label: 'SageMaker training job (one run, or a tuning job\'s runs)',
  price({ instances, spot, runtime, runs }, ctx) {
    const notes = spot ? [...instances.notes, MANAGED_SPOT_NOTE] : instances.notes;
    const hourly = jobItem(ctx, { ...instances, notes }, 'training-run', 'training', spot ? 'spot' : 'on-demand');
    return perRun(hourly, runLength(runtime), runs);
  },
};

export interface ProcessingJobInput {
  instances: JobInstances;
  /** The SDK sends no stopping condition unless the code sets one: no default. */
  runtime: WrittenLimit;
}

/** A processing job: per run when its runtime limit is written, else hourly while its script runs. */
export const sagemakerProcessingJob: CostModel<ProcessingJobInput> = {
  id: 'aws/sagemaker/processing-job',
  label: 'SageMaker processing job',
  price({ instances, runtime }, ctx) {
    const hourly = jobItem(ctx, instances, 'compute', 'processing', 'on-demand');
    const { name, seconds } = runtime;
    if (typeof seconds === 'number' && seconds > 0) return perRun(hourly, { hours: seconds / 3600, note: `${writtenBound(name, seconds)}; ${SOONER}` });
    const why = typeof seconds === 'object' ? `${seconds.unresolved}; ` : `no ${name}: `;
    return whileRunning(hourly, `${why}billed per instance-hour until the job ends; its length is not in the code`);
  },
};

function jobItem(ctx: PricingContext, instances: JobInstances, kind: 'training-run' | 'compute', component: 'training' | 'processing', pricing: 'spot' | 'on-demand'): CostItem {
  return pricedItem(ctx.catalog, ctx.options, { ...instances, kind, component, pricing, provider: 'aws', cloud: 'aws' });
}

/** The written limit (plus a warm pool's keep-alive), else the client's default, as hours and the note that says which. */
function runLength(limit: RuntimeLimit): RunLength {
  const fallback = DEFAULTS[limit.default];
  const warm = limit.keepAliveSeconds && limit.keepAliveSeconds > 0 ? limit.keepAliveSeconds : 0;
  const pool = warm ? `; the warm pool (keep_alive_period_in_seconds = ${warm}) keeps the instances billed up to ${warm} s more` : '';
  if (typeof limit.seconds === 'number' && limit.seconds > 0) {
    return { hours: (limit.seconds + warm) / 3600, note: `${writtenBound(limit.name, limit.seconds)}${pool}; ${SOONER}` };
  }
  const why = typeof limit.seconds === 'object' ? `${limit.seconds.unresolved}; ` : '';
  return { hours: (fallback.seconds + warm) / 3600, note: `${why}${fallback.says(limit.name, pool)}` };
}

function writtenBound(name: string, seconds: number): string {
  return `${name} = ${seconds} s is the run's upper bound`;
}
