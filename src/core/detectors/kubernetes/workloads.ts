import { isPlainObject, type Plain } from '../shared/yamlSource';
import { serveGpuModel, type ServeGpuModel } from './rayServeAccelerators';

/** Pods of one shape in a workload: a Deployment's replicas, a PyTorchJob's workers, a Ray worker group. */
export interface PodGroup {
  /** `Worker`, `head`, `workers/gpu-group`; empty for single-template workloads. */
  role: string;
  replicas: number;
  replicasNote: string;
  podSpec: { [key: string]: Plain };
  labels: Record<string, string>;
  /** The autoscaling floor (KServe and Ray `minReplicas`), when written. */
  minReplicas?: number;
  /** A GPU model the workload pins its GPU pods to outside the pod spec (a Ray Serve `accelerator_type`). */
  gpuModel?: ServeGpuModel;
  /** Path of the node the lens should point at (the role key), relative to the document. */
  path: (string | number)[];
}

export interface Workload {
  kind: string;
  name: string;
  /** Runs until done (Jobs, training jobs): priced per hour while running, not per month. */
  batch: boolean;
  groups: PodGroup[];
}

export type Obj = { [key: string]: Plain };

export function obj(v: Plain | undefined): Obj {
  return isPlainObject(v) ? v : {};
}

export function at(root: Plain | undefined, ...path: string[]): Plain | undefined {
  let v = root;
  for (const k of path) v = isPlainObject(v) ? v[k] : undefined;
  return v;
}

/** A replica count as written, else Kubernetes' default, each with its note. */
export function replicaCount(v: Plain | undefined, field: string, fallback: number): { n: number; note: string } {
  if (v === undefined || v === null) return { n: fallback, note: `${field} not set; Kubernetes defaults to ${fallback}` };
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { n: v, note: `${field} = ${v}` };
  return { n: 1, note: `${field} \`${String(v)}\` is not a whole number; priced as 1` };
}

export function labelsOf(...sources: (Plain | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sources) for (const [k, v] of Object.entries(obj(s))) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}

export function templateGroup(role: string, template: Plain | undefined, count: { n: number; note: string }, path: (string | number)[], meta: Plain): PodGroup {
  return {
    role,
    replicas: count.n,
    replicasNote: count.note,
    podSpec: obj(at(template, 'spec')),
    labels: labelsOf(at(meta, 'labels'), at(template, 'metadata', 'labels')),
    path,
  };
}

const REPLICA_SPEC_KEYS = /ReplicaSpecs$/;

/** Kubeflow training jobs: every `*ReplicaSpecs` role (Master, Worker, PS, Chief, Launcher...). */
function trainingJobGroups(spec: Obj, meta: Plain): PodGroup[] {
  const groups: PodGroup[] = [];
  for (const [key, roles] of Object.entries(spec)) {
    if (!REPLICA_SPEC_KEYS.test(key)) continue;
    for (const [role, rs] of Object.entries(obj(roles))) {
      groups.push(templateGroup(role, at(rs, 'template'), replicaCount(at(rs, 'replicas'), `${role}.replicas`, 1), ['spec', key, role], meta));
    }
  }
  return groups;
}

/** Ray: one head pod, and each worker group's replicas (else minReplicas) × numOfHosts. */
function rayGroups(cluster: Plain | undefined, base: string[], meta: Plain): PodGroup[] {
  const head = templateGroup('head', at(cluster, 'headGroupSpec', 'template'), { n: 1, note: 'one head pod' }, [...base, 'headGroupSpec'], meta);
  const workers = at(cluster, 'workerGroupSpecs');
  const list = Array.isArray(workers) ? workers : [];
  return [
    head,
    ...list.map((w, i) => {
      const name = typeof at(w, 'groupName') === 'string' ? String(at(w, 'groupName')) : `#${i + 1}`;
      const written = at(w, 'replicas') ?? at(w, 'minReplicas');
      const field = at(w, 'replicas') !== undefined ? 'replicas' : 'minReplicas';
      const count = written === 0 && field === 'minReplicas' ? SCALES_TO_ZERO : replicaCount(written, `worker group ${name} ${field}`, 1);
      const hosts = at(w, 'numOfHosts');
      const n = typeof hosts === 'number' && hosts > 1 ? count.n * hosts : count.n;
      const note = n === count.n ? count.note : `${count.note} × numOfHosts ${String(hosts)}`;
      const group = templateGroup(`worker ${name}`, at(w, 'template'), { n, note }, [...base, 'workerGroupSpecs', i], meta);
      // Only the floor of 0 is kept: it is what tells a reader the group can cost nothing when idle.
      return at(w, 'minReplicas') === 0 ? { ...group, minReplicas: 0 } : group;
    }),
  ];
}

/** An autoscaling floor of 0 is no price: one replica is priced, the floor kept as `minReplicas`. */
export const SCALES_TO_ZERO = { n: 1, note: 'minReplicas = 0: scales to zero when idle; priced per replica while one runs' };

/** KServe: the predictor (and transformer/explainer) are pod specs whose model container sits under a framework key. */
function inferenceGroups(spec: Obj, meta: Plain): PodGroup[] {
  const groups: PodGroup[] = [];
  for (const component of ['predictor', 'transformer', 'explainer']) {
    const c = obj(spec[component]);
    if (Object.keys(c).length === 0) continue;
    const containers = Array.isArray(c.containers) ? c.containers : Object.values(c).filter((v) => isPlainObject(v) && isPlainObject(v.resources));
    const podSpec: Obj = { ...c, containers };
    const min = c.minReplicas;
    const count = min === 0 ? SCALES_TO_ZERO : replicaCount(min, `${component}.minReplicas`, 1);
    const floor = typeof min === 'number' && Number.isInteger(min) && min >= 0 ? { minReplicas: min } : {};
    groups.push({ role: component, replicas: count.n, replicasNote: count.note, podSpec, labels: labelsOf(at(meta, 'labels')), path: ['spec', component], ...floor });
  }
  return groups;
}

/** What every workload reader starts from: the manifest's kind, name, metadata and spec. */
export interface ManifestHead {
  kind: string;
  name: string;
  meta: Plain;
  spec: Obj;
  make: (batch: boolean, groups: PodGroup[]) => Workload;
}

/** The kind, name, metadata and spec of a manifest; undefined when it has no kind. */
export function manifestHead(doc: Plain): ManifestHead | undefined {
  if (!isPlainObject(doc) || typeof doc.kind !== 'string') return undefined;
  const kind = doc.kind;
  const meta = doc.metadata ?? null;
  const name = typeof at(meta, 'name') === 'string' ? String(at(meta, 'name')) : '(unnamed)';
  return { kind, name, meta, spec: obj(doc.spec), make: (batch, groups) => ({ kind, name, batch, groups }) };
}

/** The pod groups of one manifest, or undefined for kinds that run no pods we price. */
export function workloadOf(doc: Plain): Workload | undefined {
  const head = manifestHead(doc);
  if (!head) return undefined;
  const { kind, meta, spec, make } = head;
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return make(false, [templateGroup('', spec.template, replicaCount(spec.replicas, 'replicas', 1), ['kind'], meta)]);
    case 'Pod':
      return make(false, [{ role: '', replicas: 1, replicasNote: 'one pod', podSpec: spec, labels: labelsOf(at(meta, 'labels')), path: ['kind'] }]);
    case 'Job':
      return make(true, [templateGroup('', spec.template, replicaCount(spec.parallelism, 'parallelism', 1), ['kind'], meta)]);
    case 'CronJob': {
      const job = obj(at(spec, 'jobTemplate', 'spec'));
      const group = templateGroup('', job.template, replicaCount(job.parallelism, 'parallelism', 1), ['kind'], meta);
      const schedule = typeof spec.schedule === 'string' ? spec.schedule : 'its schedule';
      group.replicasNote += `; runs on schedule "${schedule}"`;
      return make(true, [group]);
    }
    case 'PyTorchJob':
    case 'TFJob':
    case 'MPIJob':
    case 'XGBoostJob':
    case 'PaddleJob':
    case 'JAXJob':
      return make(true, trainingJobGroups(spec, meta));
    case 'RayCluster':
      return make(false, rayGroups(spec, ['spec'], meta));
    case 'RayJob':
      return make(true, rayGroups(spec.rayClusterSpec, ['spec', 'rayClusterSpec'], meta));
    case 'RayService': {
      const pinned = serveGpuModel(spec.serveConfigV2);
      return make(false, rayGroups(spec.rayClusterConfig, ['spec', 'rayClusterConfig'], meta).map((g) => (pinned ? { ...g, gpuModel: pinned } : g)));
    }
    case 'InferenceService':
      return make(false, inferenceGroups(spec, meta));
    default:
      return undefined;
  }
}
