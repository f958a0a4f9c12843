import { isPlainObject, type Plain } from '../shared/yamlSource';
import { at, labelsOf, manifestHead, obj, replicaCount, templateGroup, type Obj, type PodGroup, type Workload } from './workloads';

/** Kubeflow Trainer runtimes a TrainJob may name, by `metadata.name`. */
export type RuntimeLookup = (name: string) => Plain | undefined;

type Count = { n: number; note: string };

function times(a: Count, b: Count): Count {
  return { n: a.n * b.n, note: b.n === 1 ? a.note : `${a.note} × ${b.note}` };
}

/** JobSet (and a Trainer runtime's JobSet template): each replicated job's replicas × parallelism. */
function replicatedJobGroups(jobs: Plain | undefined, base: (string | number)[], meta: Plain, nodeCount?: Count): PodGroup[] {
  const list = Array.isArray(jobs) ? jobs : [];
  return list.map((job, i) => {
    const name = typeof at(job, 'name') === 'string' ? String(at(job, 'name')) : `#${i + 1}`;
    const jobSpec = at(job, 'template', 'spec');
    // A Trainer runtime's training nodes are the job named `node`; `mlPolicy.numNodes` sets how many.
    const count =
      nodeCount && name === 'node'
        ? nodeCount
        : times(replicaCount(at(job, 'replicas'), `job ${name} replicas`, 1), replicaCount(at(jobSpec, 'parallelism'), `parallelism`, 1));
    return templateGroup(`job ${name}`, at(jobSpec, 'template'), count, [...base, i], meta);
  });
}

/** Trainer runtime: its JobSet template, the `node` job at `mlPolicy.numNodes`. */
function runtimeGroups(spec: Obj, meta: Plain): PodGroup[] {
  const numNodes = at(spec, 'mlPolicy', 'numNodes');
  const nodeCount = numNodes === undefined ? undefined : replicaCount(numNodes, 'mlPolicy.numNodes', 1);
  const groups = replicatedJobGroups(at(spec, 'template', 'spec', 'replicatedJobs'), ['spec', 'template', 'spec', 'replicatedJobs'], meta, nodeCount);
  // The runtime runs nothing itself: each TrainJob that names it does, and a TrainJob's item carries that cost.
  return groups.map((g) => ({ ...g, replicasNote: `${g.replicasNote}; a template: these pods run (and bill) once per TrainJob that names this runtime, and each TrainJob's own item carries that cost, so do not add the two` }));
}

/** The pod spec of a runtime's training node, where a TrainJob's `resourcesPerNode` lands. */
function runtimeNodePod(runtime: Plain | undefined): Obj | undefined {
  const jobs = at(runtime, 'spec', 'template', 'spec', 'replicatedJobs');
  const node = (Array.isArray(jobs) ? jobs : []).find((j) => at(j, 'name') === 'node');
  const pod = at(node, 'template', 'spec', 'template', 'spec');
  return isPlainObject(pod) ? pod : undefined;
}

/** TrainJob: `trainer.numNodes` pods of `trainer.resourcesPerNode`, on the named runtime's node pod when it is at hand. */
function trainJobGroups(spec: Obj, meta: Plain, runtimes: RuntimeLookup): PodGroup[] {
  const trainer = obj(spec.trainer);
  const runtimeName = at(spec, 'runtimeRef', 'name');
  const runtime = typeof runtimeName === 'string' ? runtimes(runtimeName) : undefined;
  const runtimePod = runtimeNodePod(runtime);
  const written = trainer.numNodes ?? at(runtime, 'spec', 'mlPolicy', 'numNodes');
  const field = trainer.numNodes !== undefined ? 'trainer.numNodes' : `runtime ${String(runtimeName)} mlPolicy.numNodes`;
  const count = replicaCount(written, field, 1);
  const resources = trainer.resourcesPerNode;
  const podSpec: Obj = { ...(runtimePod ?? {}) };
  const runtimeContainers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  // The trainer's resources replace those of the runtime's `node` container.
  if (isPlainObject(resources)) podSpec.containers = [{ name: 'node', resources }, ...runtimeContainers.filter((c) => at(c, 'name') !== 'node')];
  const note = runtime ? `${count.note}; node pod from runtime ${String(runtimeName)} (this TrainJob carries the cost of running it; the runtime's own item is the template)` : count.note;
  return [{ role: '', replicas: count.n, replicasNote: note, podSpec, labels: labelsOf(at(meta, 'labels')), path: spec.trainer ? ['spec', 'trainer'] : ['kind'] }];
}

/** Pods per group of a multi-node LLMInferenceService: data ÷ dataLocal, else the pipeline stages. */
function podsPerReplica(parallelism: Plain | undefined): Count | undefined {
  const data = at(parallelism, 'data');
  const local = at(parallelism, 'dataLocal');
  if (typeof data === 'number' && typeof local === 'number' && local > 0 && data % local === 0) return { n: data / local, note: `parallelism data ${data} ÷ dataLocal ${local} = ${data / local} pod(s) per replica` };
  const pipeline = at(parallelism, 'pipeline');
  if (typeof pipeline === 'number' && Number.isInteger(pipeline) && pipeline > 1) return { n: pipeline, note: `parallelism pipeline ${pipeline} = ${pipeline} pod(s) per replica` };
  return undefined;
}

/** One serving stage (the main one, or `prefill`): a leader pod per replica, and worker pods when `worker` is set. */
function llmStageGroups(stage: Obj, role: string, base: string[], meta: Plain): PodGroup[] {
  const replicas = replicaCount(stage.replicas, `${role ? `${role} ` : ''}replicas`, 1);
  const labels = labelsOf(at(meta, 'labels'));
  const named = (part: string) => [role, part].filter(Boolean).join(' ');
  const main: PodGroup = { role: named(stage.worker ? 'leader' : ''), replicas: replicas.n, replicasNote: replicas.note, podSpec: obj(stage.template), labels, path: [...base, 'template'] };
  if (!isPlainObject(stage.worker)) return [main];
  const size = podsPerReplica(stage.parallelism) ?? { n: 2, note: 'parallelism does not say how many pods a replica spans; one leader and one worker assumed' };
  const workers = replicas.n * (size.n - 1);
  return [main, { role: named('workers'), replicas: workers, replicasNote: `${replicas.note}; ${size.note}: ${size.n - 1} worker(s) each`, podSpec: stage.worker, labels, path: [...base, 'worker'] }];
}

/** LeaderWorkerSet: `replicas` groups of `size` pods, one of them the leader when a leader template is given. */
function leaderWorkerGroups(spec: Obj, meta: Plain): PodGroup[] {
  const replicas = replicaCount(spec.replicas, 'replicas', 1);
  const lwt = obj(spec.leaderWorkerTemplate);
  const size = replicaCount(lwt.size, 'leaderWorkerTemplate.size', 1);
  const base = ['spec', 'leaderWorkerTemplate'];
  if (!isPlainObject(lwt.leaderTemplate)) {
    return [templateGroup('workers', lwt.workerTemplate, { n: replicas.n * size.n, note: `${replicas.note} × ${size.note}` }, [...base, 'workerTemplate'], meta)];
  }
  return [
    templateGroup('leader', lwt.leaderTemplate, replicas, [...base, 'leaderTemplate'], meta),
    templateGroup('workers', lwt.workerTemplate, { n: replicas.n * Math.max(size.n - 1, 0), note: `${replicas.note} × (${size.note} − 1 leader)` }, [...base, 'workerTemplate'], meta),
  ];
}

/** Workloads of operators beyond the core kinds: KServe LLMInferenceService, Kubeflow Trainer, LeaderWorkerSet, JobSet. */
export function operatorWorkloadOf(doc: Plain, runtimes: RuntimeLookup): Workload | undefined {
  const head = manifestHead(doc);
  if (!head) return undefined;
  const { kind, meta, spec, make } = head;
  switch (kind) {
    case 'LLMInferenceService': {
      const prefill = obj(spec.prefill);
      const hasPrefill = Object.keys(prefill).length > 0;
      return make(false, [...llmStageGroups(spec, hasPrefill ? 'decode' : '', ['spec'], meta), ...(hasPrefill ? llmStageGroups(prefill, 'prefill', ['spec', 'prefill'], meta) : [])]);
    }
    case 'TrainJob':
      return make(true, trainJobGroups(spec, meta, runtimes));
    case 'TrainingRuntime':
    case 'ClusterTrainingRuntime':
      return make(true, runtimeGroups(spec, meta));
    case 'JobSet':
      return make(true, replicatedJobGroups(spec.replicatedJobs, ['spec', 'replicatedJobs'], meta));
    case 'LeaderWorkerSet':
      return make(false, leaderWorkerGroups(spec, meta));
    default:
      return undefined;
  }
}
