/**
 * Vertex AI prediction: an endpoint's deployed model, billed every hour its
 * `min_replica_count` nodes are up (a monthly figure), and a batch prediction job, billed per
 * node-hour while it runs, which the code does not bound (an hourly figure only). Both run on
 * Compute Engine machines priced through `vertexNodes.ts`.
 */
import { whileRunning } from '../runLength';
import type { CostModel } from '../costModel';
import { vertexNodes, type VertexNodesInput } from './vertexNodes';

const ENDPOINT_NOTE = 'an endpoint is billed every hour its min_replica_count nodes are up';
const BATCH_NOTE = 'batch prediction is billed per node-hour while the job runs; its length is not in the code';

export const vertexEndpoint: CostModel<VertexNodesInput> = {
  id: 'gcp/vertex/endpoint-deployment',
  label: 'Vertex AI endpoint (a deployed model\'s nodes)',
  price(input, ctx) {
    return vertexNodes(input, ctx, [ENDPOINT_NOTE]).item;
  },
};

export const vertexBatchPrediction: CostModel<VertexNodesInput> = {
  id: 'gcp/vertex/batch-prediction',
  label: 'Vertex AI batch prediction job',
  price(input, ctx) {
    const nodes = vertexNodes(input, ctx);
    return nodes.read ? whileRunning(nodes.item, BATCH_NOTE) : nodes.item;
  },
};
