import { coverageOf, type CoverageTable } from '../../resources/coverage';
import { isPlainObject, type Plain } from '../shared/yamlSource';

/** Kubernetes kinds by what they bill; `supported` are the kinds `workloadOf` and `operatorWorkloadOf` read pods from, and the node capacity `nodeCapacity.ts` prices. */
export const KUBERNETES_COVERAGE: CoverageTable = {
  noun: 'Kubernetes kind',
  supported: new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Pod', 'Job', 'CronJob', 'PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob', 'RayCluster', 'RayJob', 'RayService', 'InferenceService',
    'LLMInferenceService', 'TrainJob', 'TrainingRuntime', 'ClusterTrainingRuntime', 'LeaderWorkerSet', 'JobSet',
    // Node capacity, priced by `nodeCapacity.ts`: eksctl node groups, Karpenter NodePools and v1alpha5 Provisioners.
    'ClusterConfig', 'NodePool', 'Provisioner']),
  free: new Set([
    'ConfigMap', 'Secret', 'Service', 'Ingress', 'IngressClass', 'Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding',
    'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'PrometheusRule', 'ServiceMonitor', 'PodMonitor', 'CustomResourceDefinition',
    'LimitRange', 'ResourceQuota', 'PriorityClass', 'StorageClass', 'EC2NodeClass', 'ScaledObject', 'List',
    // A DaemonSet runs one pod on each node that already exists: it adds no node, so what it uses
    // is part of the node groups' cost, which their own kinds and resources price.
    'DaemonSet',
  ]),
  // Karpenter's NodeClaim provisions a node.
  unsupported: new Set(['NodeClaim']),
  costBearing: [],
};

/** Extended resources that are accelerators: a kind requesting them bills GPU (or TPU) time. */
const ACCELERATOR_RESOURCE = /^(nvidia\.com\/(gpu|mig-)|amd\.com\/gpu|aws\.amazon\.com\/neuron|google\.com\/tpu|gpu\.intel\.com\/)/;
const MAX_DEPTH = 24;

/** True when the object asks for accelerators in any `limits` or `requests`, however the kind nests its pods. */
function requestsAccelerators(v: Plain, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(v)) return v.some((e) => requestsAccelerators(e, depth + 1));
  if (!isPlainObject(v)) return false;
  for (const [k, child] of Object.entries(v)) {
    if ((k === 'limits' || k === 'requests') && isPlainObject(child) && Object.keys(child).some((r) => ACCELERATOR_RESOURCE.test(r))) return true;
    if (requestsAccelerators(child, depth + 1)) return true;
  }
  return false;
}

/** Why an object without a pod model is still reported, or undefined when it bills nothing we know of. */
export function unsupportedKind(kind: string, object: Plain): { why?: string } | undefined {
  const coverage = coverageOf(KUBERNETES_COVERAGE, kind);
  if (coverage === 'unsupported') return {};
  if (coverage === undefined && requestsAccelerators(object)) return { why: 'GPU limits' };
  return undefined;
}
