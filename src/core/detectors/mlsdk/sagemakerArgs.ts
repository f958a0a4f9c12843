/** What SageMaker handlers read around a call: configuration objects passed as arguments, the region, local mode. */
import { bindingAt, type CallSite } from '../../parsing/source/callSites';
import { Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import { countValue, type CountReading } from '../../resources/aws/groupSize';
import type { JobInstances, WrittenLimit } from '../../resources/aws/sagemakerTraining';
import type { SdkEnv } from './sdkItem';

const REGION_NOTE = 'SageMaker takes the region from the session at run time';

/** Said on every endpoint the SDK or boto3 creates: it costs while it exists, not per request. */
export const ENDPOINT_UP_NOTE = 'an endpoint is billed every hour it is up, whether or not it serves requests';

export function sagemakerRegion(env: SdkEnv): { value: string | null; assumption: string } {
  const configured = env.options.defaultRegion;
  const value = configured ?? env.catalog.meta.defaultRegions.aws;
  const from = configured ? (env.options.defaultRegionSource ?? 'settings') : 'default';
  return { value, assumption: `region ${value} (${from}; ${REGION_NOTE})` };
}

/**
 * The call an argument is written as (`compute=Compute(...)`) or names (`compute=compute`,
 * bound above it in the file or an earlier cell); undefined when it is neither.
 */
export function callArgument(env: SdkEnv, call: CallSite, key: string): CallSite | undefined {
  const arg = call.kwargs.get(key);
  if (!arg) return undefined;
  if (arg.name) return bindingAt(env.source, arg.name, call);
  const { start, end } = arg.range;
  return env.source.calls.find((c) => c.range.start.line === start.line && c.range.start.column === start.column
    && c.range.end.line === end.line && c.range.end.column === end.column);
}

/** Session classes that run jobs in containers on this machine: nothing is billed. */
const LOCAL_SESSIONS = new Set(['LocalSession', 'LocalPipelineSession']);

/**
 * Local mode: `instance_type="local"` / `"local_gpu"`, or a `LocalSession()` /
 * `LocalPipelineSession()` passed as `sagemaker_session`. The job runs in Docker here.
 */
export function isLocalMode(env: SdkEnv, call: CallSite): boolean {
  const type = call.kwargs.get('instance_type')?.value;
  if (type === 'local' || type === 'local_gpu') return true;
  const session = callArgument(env, call, 'sagemaker_session');
  return session !== undefined && LOCAL_SESSIONS.has(session.name);
}

/** What a job call says about its instances, for the SageMaker job models. */
export interface JobCall {
  resource: string;
  /** The argument that holds the type, whose range the SKU gets when it is a literal there. */
  skuArg: string;
  sku: string | Unresolved | undefined;
  /** Why an absent type cannot be priced; default `<skuArg> is not set`. */
  missingSku?: string;
  quantity: number;
  notes: string[];
}

export function jobInstances(env: SdkEnv, call: CallSite, job: JobCall): JobInstances {
  const written = call.kwargs.get(job.skuArg);
  return {
    file: env.file,
    range: call.range,
    ...(written && typeof written.value === 'string' ? { skuRange: written.range } : {}),
    resource: job.resource,
    sku: typeof job.sku === 'string' ? job.sku : { unresolved: job.sku?.reason ?? job.missingSku ?? `${job.skuArg} is not set` },
    region: sagemakerRegion(env),
    quantity: job.quantity,
    tags: {},
    notes: job.notes,
  };
}

/** A runtime limit read as a number: its seconds, why it could not be read, or undefined when absent. */
export function limitOf(name: string, seconds: number | Unresolved | undefined): WrittenLimit {
  return { name, seconds: seconds instanceof Unresolved ? { unresolved: seconds.reason } : seconds };
}

/** A count argument (`initial_instance_count`, `InitialInstanceCount`) as the endpoint model reads it. */
export function countReading(name: string, v: SourceValue | undefined): CountReading {
  return { name, value: countValue(v, (x) => (x instanceof Unresolved ? x.reason : 'not a whole number')) };
}
