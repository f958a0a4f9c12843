/**
 * Vertex AI custom training: the job's Compute Engine machines (with their attached GPUs,
 * through `vertexNodes.ts`) for one run, which Vertex stops at the job's `timeout`, 7 days when
 * the code sets none. Used by the Vertex SDK's `CustomJob` worker pools and
 * `Custom*TrainingJob.run()`/`submit()`.
 */
import { round } from '../../estimate/instanceEstimate';
import type { CostModel } from '../costModel';
import { perRun, type RunLength } from '../runLength';
import { vertexNodes, type VertexNodesInput } from './vertexNodes';

/** Vertex stops a custom job after 7 days unless `timeout` says otherwise. */
const DEFAULT_TIMEOUT_S = 7 * 24 * 3600;
const SOONER = 'a job that finishes sooner costs less';

export interface VertexTrainingInput extends VertexNodesInput {
  /** The run's `timeout` in seconds; why it could not be read; or undefined when not set. */
  timeout: number | { unresolved: string } | undefined;
}

export const vertexTrainingRun: CostModel<VertexTrainingInput> = {
  id: 'gcp/vertex/custom-training-run',
  label: 'Vertex AI custom training run (one worker pool)',
  price(input, ctx) {
    const nodes = vertexNodes(input, ctx);
    return nodes.read ? perRun(nodes.item, runLength(input.timeout)) : nodes.item;
  },
};

/** A job bills per hour while it runs and stops at its timeout, so one run costs at most hourly × timeout. */
function runLength(timeout: VertexTrainingInput['timeout']): RunLength {
  if (typeof timeout === 'number' && timeout > 0) {
    return { hours: timeout / 3600, note: `timeout = ${timeout} s caps one run at ${round(timeout / 3600, 2)} h, the run's upper bound; ${SOONER}` };
  }
  const why = typeof timeout === 'object' ? `${timeout.unresolved}; ` : '';
  return { hours: DEFAULT_TIMEOUT_S / 3600, note: `${why}no timeout set: Vertex stops a custom job after 7 days (168 h), the run's upper bound; ${SOONER}` };
}
