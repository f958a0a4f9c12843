import { parse } from 'yaml';
import { gpuModelFromProduct } from './podRequirements';

/** A Serve config larger than this is not read for accelerator types (real ones are a few KB). */
const MAX_SERVE_CONFIG = 200_000;

/** A GPU model a RayService's Serve config pins its replicas to, and the sentence that says so. */
export interface ServeGpuModel {
  model: string;
  note: string;
}

function acceleratorTypes(v: unknown, out: Set<string>, depth = 0): void {
  if (depth > 50 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) acceleratorTypes(x, out, depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === 'accelerator_type' && typeof x === 'string') out.add(x);
    else acceleratorTypes(x, out, depth + 1);
  }
}

/**
 * Ray Serve schedules a deployment whose `accelerator_type` (Ray Serve LLM's `llm_configs`, or
 * `ray_actor_options`) is set only on nodes with that GPU, so a RayService's GPU workers carry
 * it. One model across the config is a pin; several, or an unknown name, say nothing.
 */
export function serveGpuModel(serveConfig: unknown): ServeGpuModel | undefined {
  if (typeof serveConfig !== 'string' || serveConfig.length > MAX_SERVE_CONFIG) return undefined;
  let config: unknown;
  try {
    config = parse(serveConfig, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const types = new Set<string>();
  acceleratorTypes(config, types);
  if (types.size !== 1) return undefined;
  const [written] = [...types];
  const model = gpuModelFromProduct(written);
  return model ? { model, note: `GPU model ${model} from serveConfigV2 accelerator_type "${written}" (Ray Serve places the replicas only on such nodes)` } : undefined;
}
