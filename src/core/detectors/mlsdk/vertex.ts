import { round } from '../../estimate/instanceEstimate';
import type { CostItem, CostKind } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';
import { receiverOf, type CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, isRecord, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';
import { estimate } from '../../resources/costModel';
import type { InstanceGroup } from '../../resources/instanceGroup';
import type { VertexNodesInput } from '../../resources/gcp/vertexNodes';
import { vertexBatchPrediction, vertexEndpoint } from '../../resources/gcp/vertexPrediction';
import { vertexTrainingRun } from '../../resources/gcp/vertexTraining';
import { chooseRegion, type RegionChoice } from '../shared/region';
import { spreadNote, type SdkEnv } from './sdkItem';

const TRAINING_JOBS = new Set(['CustomTrainingJob', 'CustomContainerTrainingJob', 'CustomPythonPackageTrainingJob']);
/** Vertex's default for `CustomTrainingJob.run(machine_type=...)`. */
const DEFAULT_TRAINING_MACHINE = 'n1-standard-4';

/** One machine shape as Vertex writes it in `machine_spec` or as `run()`/`deploy()` arguments. */
interface MachineShape {
  machineType: SourceValue | undefined;
  acceleratorType: SourceValue | undefined;
  acceleratorCount: SourceValue | undefined;
  replicas: number;
  notes: string[];
  /** What runs on the machines, which picks the cost model: a training run with its `timeout` as read (undefined when not set), an endpoint, a batch prediction. */
  workload: { training: { timeout: number | Unresolved | undefined } } | 'endpoint' | 'batch-prediction';
}

export function vertexItems(env: SdkEnv, call: CallSite): CostItem[] {
  if (call.name === 'CustomJob' && call.kwargs.has('worker_pool_specs')) return customJob(env, call);
  const receiver = receiverOf(env.source, call);
  if ((call.name === 'run' || call.name === 'submit') && receiver && TRAINING_JOBS.has(receiver.name)) return [trainingRun(env, call, receiver)];
  if ((call.name === 'run' || call.name === 'submit') && receiver && /^AutoML\w*TrainingJob$/.test(receiver.name)) return [autoMlRun(env, call, receiver)];
  if (call.name === 'deploy' && isVertexDeploy(call, receiver)) return [deploy(env, call)];
  if (isBatchPrediction(call)) return [batchPrediction(env, call)];
  if (call.name === 'PipelineJob' && /(^|\.)(aiplatform|vertexai)\.PipelineJob$|^PipelineJob$/.test(call.callee)) return [pipelineJob(env, call)];
  return [];
}

function isBatchPrediction(call: CallSite): boolean {
  if (/(^|\.)BatchPredictionJob\.create$/.test(call.callee)) return true;
  return call.name === 'batch_predict' && ['machine_type', 'starting_replica_count', 'gcs_source', 'bigquery_source', 'job_display_name'].some((k) => call.kwargs.has(k));
}

/** `model.batch_predict(...)`: `starting_replica_count` machines while the job runs, which the code does not bound. */
function batchPrediction(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const start = asNumber(call.kwargs.get('starting_replica_count')?.value, 'starting_replica_count');
  const max = asNumber(call.kwargs.get('max_replica_count')?.value, 'max_replica_count');
  if (start instanceof Unresolved) notes.push(`${start.reason}; priced for 1`);
  const replicas = typeof start === 'number' && start > 0 ? start : 1;
  if (typeof max === 'number' && max > replicas) notes.push(`it may scale up to max_replica_count = ${max} replicas`);
  const resource = 'aiplatform batch_predict';
  const machineType = call.kwargs.get('machine_type')?.value;
  if (machineType === undefined) return unpriced(env, call, resource, 'machine_type is not set: Vertex runs the batch job on automatic resources it chooses', 'compute');
  return machineItem(env, call, resource, 'compute', {
    machineType,
    acceleratorType: call.kwargs.get('accelerator_type')?.value,
    acceleratorCount: call.kwargs.get('accelerator_count')?.value,
    replicas,
    notes,
    workload: 'batch-prediction',
  });
}

/**
 * AutoML training is billed per node hour at AutoML's own rate, which the bundled catalog
 * does not carry; `budget_milli_node_hours` caps the run, so the item says how many hours.
 */
function autoMlRun(env: SdkEnv, call: CallSite, job: CallSite): CostItem {
  const budget = asNumber(call.kwargs.get('budget_milli_node_hours')?.value, 'budget_milli_node_hours');
  const hours = typeof budget === 'number' ? round(budget / 1000, 3) : undefined;
  const cap = hours !== undefined ? `budget_milli_node_hours = ${budget} caps training at ${hours} node hour${hours === 1 ? '' : 's'}` : 'no budget_milli_node_hours: the service\'s default budget applies';
  return unpriced(env, call, `aiplatform ${job.name}.${call.name}`, `${cap}; AutoML's per-node-hour training rate is not in the bundled catalog`);
}

/** A pipeline runs the steps of its compiled template, which is another file. */
function pipelineJob(env: SdkEnv, call: CallSite): CostItem {
  const template = asString(call.kwargs.get('template_path')?.value, 'template_path');
  const where = typeof template === 'string' ? `the compiled template ${template}` : 'its compiled template (template_path)';
  return unpriced(env, call, 'aiplatform PipelineJob', `a pipeline costs what its steps run, and they are defined in ${where}, not in this call`);
}

function isVertexDeploy(call: CallSite, receiver: CallSite | undefined): boolean {
  if (['machine_type', 'min_replica_count', 'accelerator_type'].some((k) => call.kwargs.has(k))) return true;
  return receiver !== undefined && /(^|\.)(aiplatform|vertexai)\.(Model|Endpoint)$/.test(receiver.callee);
}

/** Region from the call's `location=`, else `aiplatform.init(location=...)` in the same file, else the configured or catalog default. */
function region(env: SdkEnv, call: CallSite): RegionChoice {
  const own = asString(call.kwargs.get('location')?.value, 'location');
  const init = env.source.calls.find((c) => c.name === 'init' && /(^|\.)(aiplatform|vertexai)\.init$/.test(c.callee));
  const location = init ? asString(init.kwargs.get('location')?.value, 'location') : undefined;
  const unread = [own, location].find((v): v is Unresolved => v instanceof Unresolved);
  return chooseRegion('gcp', [
    typeof own === 'string' ? { value: own, from: 'location=' } : undefined,
    typeof location === 'string' ? { value: location, from: `${init?.callee}(location=...)` } : undefined,
  ], env.options, env.catalog, unread ? `; ${unread.reason}` : '');
}

function customJob(env: SdkEnv, call: CallSite): CostItem[] {
  const specs = call.kwargs.get('worker_pool_specs')?.value;
  if (!Array.isArray(specs)) {
    const why = specs instanceof Unresolved ? specs.reason : 'is not a list';
    return [unpriced(env, call, 'aiplatform CustomJob', `worker_pool_specs ${why}`)];
  }
  return specs.flatMap((spec, i) => {
    if (!isRecord(spec)) return []; // Vertex allows empty pools ({}) to skip a position.
    const machine = isRecord(spec.machine_spec) ? spec.machine_spec : {};
    if (Object.keys(spec).length === 0) return [];
    const replicas = asNumber(spec.replica_count, 'replica_count');
    const notes = typeof replicas === 'number' ? [] : [`replica_count ${replicas instanceof Unresolved ? replicas.reason : 'is not set'}; priced for 1`];
    const shape: MachineShape = {
      machineType: machine.machine_type,
      acceleratorType: machine.accelerator_type,
      acceleratorCount: machine.accelerator_count,
      replicas: typeof replicas === 'number' ? replicas : 1,
      notes,
      workload: { training: { timeout: timeoutOf(jobRun(env, call)) } },
    };
    return [machineItem(env, call, `aiplatform CustomJob worker pool ${i}`, 'training-run', shape)];
  });
}

/** The `job.run(...)` / `job.submit(...)` that starts a `CustomJob`, when the file has one. */
function jobRun(env: SdkEnv, job: CallSite): CallSite | undefined {
  return env.source.calls.find((c) => (c.name === 'run' || c.name === 'submit') && receiverOf(env.source, c) === job);
}

/**
 * The job's `timeout` (seconds) as `run(timeout=...)` writes it; a `timeout=` on other calls
 * (`operation.result(timeout=420)`) is an API wait and not read.
 */
function timeoutOf(run: CallSite | undefined): number | Unresolved | undefined {
  return run ? asNumber(run.kwargs.get('timeout')?.value, 'timeout') : undefined;
}

function trainingRun(env: SdkEnv, call: CallSite, job: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const replicas = asNumber(call.kwargs.get('replica_count')?.value, 'replica_count');
  if (replicas instanceof Unresolved) notes.push(`${replicas.reason}; priced for 1`);
  const machineType = call.kwargs.get('machine_type')?.value;
  if (machineType === undefined) notes.push(`machine_type not set: Vertex uses ${DEFAULT_TRAINING_MACHINE}`);
  return machineItem(env, call, `aiplatform ${job.name}.${call.name}`, 'training-run', {
    machineType: machineType ?? DEFAULT_TRAINING_MACHINE,
    acceleratorType: call.kwargs.get('accelerator_type')?.value,
    acceleratorCount: call.kwargs.get('accelerator_count')?.value,
    replicas: typeof replicas === 'number' ? replicas : 1,
    notes,
    workload: { training: { timeout: timeoutOf(call) } },
  });
}

function deploy(env: SdkEnv, call: CallSite): CostItem {
  const notes = [...spreadNote(call)];
  const replicas = asNumber(call.kwargs.get('min_replica_count')?.value, 'min_replica_count');
  if (replicas instanceof Unresolved) notes.push(`${replicas.reason}; priced for 1`);
  const max = asNumber(call.kwargs.get('max_replica_count')?.value, 'max_replica_count');
  if (typeof max === 'number' && max > (typeof replicas === 'number' ? replicas : 1)) notes.push(`autoscaling can add nodes up to max_replica_count = ${max}, each billed like these`);
  const machineType = call.kwargs.get('machine_type')?.value;
  const receiver = receiverOf(env.source, call);
  const resource = `aiplatform ${receiver ? `${receiver.name}.` : ''}deploy`;
  if (machineType === undefined) return unpriced(env, call, resource, 'machine_type is not set; Vertex picks a default machine for the model at run time', 'endpoint');
  return machineItem(env, call, resource, 'endpoint', {
    machineType,
    acceleratorType: call.kwargs.get('accelerator_type')?.value,
    acceleratorCount: call.kwargs.get('accelerator_count')?.value,
    replicas: typeof replicas === 'number' ? replicas : 1,
    notes,
    workload: 'endpoint',
  });
}

/** Reads a machine shape into the Vertex node models' input and prices it through the model of its workload. */
function machineItem(env: SdkEnv, call: CallSite, resource: string, kind: CostKind, shape: MachineShape): CostItem {
  const machineType = asString(shape.machineType, 'machine_type');
  const accType = asString(shape.acceleratorType, 'accelerator_type');
  const accCount = asNumber(shape.acceleratorCount, 'accelerator_count');
  const skuRange = skuRangeOf(call);
  const vm: InstanceGroup = {
    file: env.file, range: call.range, ...(skuRange ? { skuRange } : {}), kind, resource, provider: 'gcp', cloud: 'gcp',
    sku: typeof machineType === 'string' ? machineType : { unresolved: machineType?.reason ?? 'machine_type is not set' },
    region: region(env, call), quantity: shape.replicas, pricing: 'on-demand', tags: {}, notes: shape.notes,
  };
  const unread = accType instanceof Unresolved ? accType : accCount instanceof Unresolved ? accCount : undefined;
  const acceleratorType = typeof accType === 'string' && accType !== 'ACCELERATOR_TYPE_UNSPECIFIED' ? accType : undefined;
  const input: VertexNodesInput = {
    machines: { vm, gpus: acceleratorType ? { type: acceleratorType, count: typeof accCount === 'number' ? accCount : 1, via: 'accelerator_type' } : undefined },
    ...(unread ? { gpusUnread: unread.reason } : {}),
  };
  if (shape.workload === 'endpoint') return estimate(vertexEndpoint, input, env);
  if (shape.workload === 'batch-prediction') return estimate(vertexBatchPrediction, input, env);
  const { timeout } = shape.workload.training;
  return estimate(vertexTrainingRun, { ...input, timeout: timeout instanceof Unresolved ? { unresolved: timeout.reason } : timeout }, env);
}

function skuRangeOf(call: CallSite) {
  const a = call.kwargs.get('machine_type');
  return a && typeof a.value === 'string' ? a.range : undefined;
}

function baseItem(env: SdkEnv, call: CallSite, resource: string, kind: CostKind, r: RegionChoice, quantity: number): CostItem {
  return {
    file: env.file, range: call.range, kind, resource, provider: 'gcp', region: r.value, sku: null, quantity,
    pricing: 'on-demand', accelerators: null, tags: {}, estimate: EMPTY_ESTIMATE, assumptions: [],
  };
}

function unpriced(env: SdkEnv, call: CallSite, resource: string, reason: string, kind: CostKind = 'training-run'): CostItem {
  const r = region(env, call);
  return { ...baseItem(env, call, resource, kind, r, 1), assumptions: [r.assumption], unpricedReason: reason };
}
