/** What SageMaker handlers read around a call: configuration objects passed as arguments, the region, local mode. */
import { bindingAt, type CallSite } from '../../parsing/source/callSites';
import type { SdkEnv } from './sdkItem';

const REGION_NOTE = 'SageMaker takes the region from the session at run time';

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
