import type { CostItem, SourceRange } from '../../model';
import { kwarg, type CallSite } from '../../parsing/source/callSites';
import { asNumber, isRecord, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import { estimate } from '../../resources/costModel';
import { unpricedItem } from '../../resources/instanceGroup';
import { podsOnFittedNodes, type FittedNodesInput } from '../../resources/kubernetes/wholeNodes';
import { untilItCompletes } from '../../resources/runLength';
import { cheapestNodes } from '../../resources/kubernetes/nodeFit';
import { cpuQuantity, memoryGib } from '../kubernetes/resourceQuantity';
import type { GpuVendor } from '../../resources/kubernetes/gpuRate';
import type { SdkEnv } from './sdkItem';

/**
 * Kubeflow Trainer SDK objects that say how many nodes a TrainJob runs and what each asks
 * for: `CustomTrainer` / `CustomTrainerContainer` (passed as `trainer=`) and a
 * `BuiltinTrainer`'s `TorchTuneConfig` (its `config=`).
 */
const NODE_SPECS = new Set(['CustomTrainer', 'CustomTrainerContainer', 'TorchTuneConfig']);

/** `resources_per_node` keys the SDK turns into GPU requests (`gpu` becomes `nvidia.com/gpu`). */
const GPU_KEYS: Readonly<Record<string, GpuVendor>> = { gpu: 'nvidia', 'nvidia.com/gpu': 'nvidia', 'amd.com/gpu': 'amd' };

interface NodeAsk {
  gpus: number;
  vendor: GpuVendor;
  cpus?: number;
  memoryGib?: number;
}

function nodeAsk(resources: { [key: string]: SourceValue }): NodeAsk | Unresolved {
  const ask: NodeAsk = { gpus: 0, vendor: 'nvidia' };
  for (const [key, value] of Object.entries(resources)) {
    if (value instanceof Unresolved) return new Unresolved(`resources_per_node["${key}"] ${value.reason}`);
    if (key in GPU_KEYS) {
      const n = asNumber(value, `resources_per_node["${key}"]`);
      if (n instanceof Unresolved) return n;
      ask.gpus = n ?? 0;
      ask.vendor = GPU_KEYS[key];
    } else if (key === 'cpu') ask.cpus = cpuQuantity(value);
    else if (key === 'memory') ask.memoryGib = memoryGib(value);
  }
  return ask;
}

function contains(outer: SourceRange, inner: SourceRange): boolean {
  const before = (a: SourceRange['start'], b: SourceRange['start']) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The `client.train(...)` call the node spec is written in, whose line the item takes. */
function trainCall(env: SdkEnv, call: CallSite): CallSite | undefined {
  return env.source.calls.find((c) => c.name === 'train' && c !== call && contains(c.range, call.range));
}

/**
 * A Trainer SDK TrainJob: `num_nodes` (else 1, the runtime's default) × `resources_per_node`,
 * on whole nodes of the cheapest type that holds one node's request, like a TrainJob manifest.
 */
export function kubeflowTrainerItems(env: SdkEnv, call: CallSite): CostItem[] {
  if (!NODE_SPECS.has(call.name)) return [];
  const resources = kwarg(call, 'resources_per_node');
  if (resources === undefined) return [];
  const train = trainCall(env, call);
  const written = asNumber(kwarg(call, 'num_nodes'), 'num_nodes');
  const nodes = written === undefined ? 1 : written;
  const nodeNote = written === undefined ? 'num_nodes not set: the runtime\'s default, 1 node, assumed' : `num_nodes = ${String(written)}`;
  const pods: FittedNodesInput['pods'] = {
    file: env.file,
    range: (train ?? call).range,
    kind: 'k8s-workload',
    resource: `Kubeflow TrainJob (${call.name})`,
    quantity: typeof nodes === 'number' ? nodes : 1,
    pricing: 'on-demand',
    tags: {},
    notes: [nodeNote],
  };
  const region = { value: null, assumption: 'no node type or region: the cheapest node that fits, in its cloud\'s default region' };
  const unpriced = (reason: string): CostItem[] => [unpricedItem({ ...pods, provider: 'other', sku: { unresolved: reason }, region }, reason)];
  if (nodes instanceof Unresolved) return unpriced(nodes.reason);
  if (!isRecord(resources)) return unpriced(resources instanceof Unresolved ? `resources_per_node ${resources.reason}` : 'resources_per_node is not a dict');
  const ask = nodeAsk(resources);
  if (ask instanceof Unresolved) return unpriced(ask.reason);
  const fit = cheapestNodes(env.catalog, { pods: Math.max(nodes, 1), gpusPerPod: ask.gpus, vendor: ask.vendor, cpus: ask.cpus, memoryGib: ask.memoryGib });
  if (!fit) return unpriced(ask.gpus > 0 || ask.cpus || ask.memoryGib ? 'no node type in the catalog holds one node\'s resources_per_node' : 'resources_per_node asks for no GPU, CPU or memory, so there is no size to price');
  return [untilItCompletes(estimate(podsOnFittedNodes, { pods, fit, subject: 'the TrainJob', after: [] }, env), 'TrainJob')];
}
