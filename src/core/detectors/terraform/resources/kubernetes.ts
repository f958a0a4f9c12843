/**
 * Kubernetes workloads written in Terraform (the hashicorp/kubernetes provider's
 * `kubernetes_deployment`, `kubernetes_job`, `kubernetes_pod`, ...): the block is read into the
 * manifest it stands for and priced by the Kubernetes detector's pod model, so a pod with GPU
 * limits (or pinned to a node type) costs the same in HCL as in YAML. A pod that asks for
 * neither is not priced there either. Whole manifests in Terraform (`kubectl_manifest`'s
 * `yaml_body`, `kubernetes_manifest`'s `manifest`) are priced as the same YAML would be:
 * Karpenter NodePools and eksctl node groups by their nodes, workloads by their pods.
 */
import type { CostItem, SourceRange } from '../../../model';
import { capacityGroups } from '../../kubernetes/nodeCapacity';
import { pricePodGroup } from '../../kubernetes/podPricing';
import { podRequirements } from '../../kubernetes/podRequirements';
import { workloadOf } from '../../kubernetes/workloads';
import { isPlainObject, parseYaml, toPlain, type Plain } from '../../shared/yamlSource';
import { evaluate, templateKeepingUnknowns } from '../hclEval';
import { attributesOf, blocksOf, nodeRange, type HclBlock } from '../../../parsing/hcl/hclTree';
import { isObject, Unresolved, type HclValue } from '../hclValue';
import { scaled } from '../moduleTotal';
import type { ResourceEnv, ResourceHandler } from '../resourceEnv';

/** Nested blocks the provider repeats, read as the manifest's lists. */
const LIST_BLOCKS: Record<string, string> = { container: 'containers', init_container: 'initContainers', toleration: 'tolerations', volume: 'volumes' };

/** `node_selector` → `nodeSelector`, as the provider maps its attributes onto the API's fields. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** A value the manifest can hold; what is only known after apply is left out, as if unwritten. */
function plain(v: HclValue): Plain | undefined {
  if (v instanceof Unresolved) return undefined;
  if (Array.isArray(v)) return v.map(plain).filter((x): x is Plain => x !== undefined);
  if (isObject(v)) {
    const out: { [key: string]: Plain } = {};
    for (const [k, x] of Object.entries(v)) {
      const p = plain(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return v;
}

/** A block's attributes and nested blocks as the manifest object they stand for. */
function manifestObject(env: ResourceEnv, block: HclBlock): { [key: string]: Plain } {
  const out: { [key: string]: Plain } = {};
  for (const [name, expr] of attributesOf(block.body)) {
    const v = plain(evaluate(expr, env.scope));
    if (v !== undefined) out[camel(name)] = v;
  }
  for (const child of blocksOf(block.body, block.origin)) {
    const inner = manifestObject(env, child);
    const list = LIST_BLOCKS[child.type];
    if (list) out[list] = [...(Array.isArray(out[list]) ? out[list] : []), inner];
    else if (!isPlainObject(out[camel(child.type)])) out[camel(child.type)] = inner;
  }
  return out;
}

/**
 * Node capacity a manifest declares (Karpenter NodePool, eksctl node groups), priced in the
 * region of the configuration's `aws` provider when the manifest names none: the nodes join
 * the cluster that configuration builds.
 */
export function nodeCapacityItems(env: ResourceEnv, doc: Plain, range: SourceRange): CostItem[] {
  const region = env.module.provider('aws')?.region;
  const options = typeof region === 'string' && region ? { ...env.options, defaultRegion: region, defaultRegionSource: 'provider "aws"' } : env.options;
  return capacityGroups({ catalog: env.catalog, options, file: env.file }, doc).map((g) => g.item(range));
}

/** The items of one manifest, on the resource block: node capacity by its nodes, else a workload by its pods. */
function manifestItems(env: ResourceEnv, doc: Plain): CostItem[] {
  const range = nodeRange(env.block.node, env.block.origin);
  const onBlock = (item: CostItem) => scaled({ ...item, resource: env.address, assumptions: [...item.assumptions, ...env.expansionNotes] }, env.quantity);
  const capacity = nodeCapacityItems(env, doc, range);
  if (capacity.length > 0) return capacity.map(onBlock);
  const workload = isPlainObject(doc) ? workloadOf(doc) : undefined;
  if (!workload) return [];
  const items: CostItem[] = [];
  for (const group of workload.groups) {
    const item = pricePodGroup({ catalog: env.catalog, options: env.options, file: env.file, range, workload, group, req: podRequirements(group.podSpec) });
    if (item) items.push(onBlock(item));
  }
  return items;
}

function workloadHandler(kind: string): ResourceHandler {
  return (env) => manifestItems(env, { apiVersion: 'terraform', kind, ...manifestObject(env, env.block) });
}

/**
 * `kubectl_manifest`: `yaml_body` is one YAML document, usually a heredoc whose interpolations
 * (cluster name, role ARNs) are known only after apply; they stay as written, which leaves the
 * sizes and requirements readable. A body from a file function or with template directives is
 * not read.
 */
const kubectlManifest: ResourceHandler = (env) => {
  const expr = attributesOf(env.block.body).get('yaml_body');
  const text = expr ? templateKeepingUnknowns(expr, env.scope) : undefined;
  if (typeof text !== 'string') return [];
  const { docs } = parseYaml(text);
  const doc = docs.length === 1 && docs[0].errors.length === 0 ? toPlain(docs[0]) : undefined;
  return doc === undefined ? [] : manifestItems(env, doc);
};

/** `kubernetes_manifest`: `manifest` is the object itself (often `yamldecode(...)` of a file, which is not read). */
const kubernetesManifest: ResourceHandler = (env) => {
  const expr = attributesOf(env.block.body).get('manifest');
  const doc = expr ? plain(evaluate(expr, env.scope)) : undefined;
  return doc === undefined ? [] : manifestItems(env, doc);
};

export const KUBERNETES_HANDLERS: Record<string, ResourceHandler> = {
  kubernetes_deployment: workloadHandler('Deployment'),
  kubernetes_deployment_v1: workloadHandler('Deployment'),
  kubernetes_stateful_set: workloadHandler('StatefulSet'),
  kubernetes_stateful_set_v1: workloadHandler('StatefulSet'),
  kubernetes_job: workloadHandler('Job'),
  kubernetes_job_v1: workloadHandler('Job'),
  kubernetes_pod: workloadHandler('Pod'),
  kubernetes_pod_v1: workloadHandler('Pod'),
  kubectl_manifest: kubectlManifest,
  kubernetes_manifest: kubernetesManifest,
};
