/**
 * aws-ia/eks-data-addons read by its inputs: each entry of `karpenter_resources_helm_config`
 * installs the module's karpenter-resources chart, an EC2NodeClass and a NodePool whose
 * `nodePool.requirements` are written in the entry's Helm values. Each entry is priced as
 * that NodePool (the cheapest type the requirements allow, per node), on the entry's lines.
 * The values are a heredoc whose unknown interpolations (cluster name, role) stay as text.
 */
import type { CostItem } from '../../../model';
import { templateKeepingUnknowns } from '../hclEval';
import { unwrap, type HclNode } from '../../../parsing/hcl/hclTree';
import { Unresolved } from '../hclValue';
import { isPlainObject, parseYaml, toPlain, type Plain } from '../../shared/yamlSource';
import { nodeCapacityItems } from '../resources/kubernetes';
import { input, inputSites, unreadableInput, type InputEntry, type ModuleCallEnv } from './callInputs';

const INPUT = 'karpenter_resources_helm_config';

export function dataAddonsItems(env: ModuleCallEnv): CostItem[] {
  // The module's default is false: without it the chart, and its pools, are not installed.
  if (input(env, 'enable_karpenter_resources') !== true) return [];
  const sites = inputSites(env, INPUT);
  if (sites === undefined) return [];
  if (sites instanceof Unresolved) return [unreadableInput(env, INPUT, sites, 'aws')];
  const out: CostItem[] = [];
  for (const site of sites) {
    for (const entry of site.entries) {
      const nodePool = nodePoolOf(env, entry);
      if (!nodePool) continue;
      for (const item of nodeCapacityItems(env, nodePool, site.range)) {
        out.push({ ...item, file: site.file, resource: `${env.address}.${INPUT}["${entry.key}"]`, quantity: item.quantity * env.quantity, assumptions: [...item.assumptions, env.pathNote, ...env.expansionNotes] });
      }
    }
  }
  return out;
}

/** The NodePool the chart renders from the entry's values (`name`, `nodePool.labels`, `nodePool.requirements`). */
function nodePoolOf(env: ModuleCallEnv, entry: InputEntry): Plain | undefined {
  const values = valuesTexts(env, entry).map((text) => parseYaml(text).docs[0]).filter((d) => d && d.errors.length === 0);
  for (const doc of values) {
    const v = toPlain(doc);
    const pool = isPlainObject(v) ? v.nodePool : undefined;
    if (!isPlainObject(v) || !isPlainObject(pool) || !Array.isArray(pool.requirements)) continue;
    const labels = Array.isArray(pool.labels) ? Object.assign({}, ...pool.labels.filter(isPlainObject)) : pool.labels;
    return {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: typeof v.name === 'string' ? v.name : entry.key },
      spec: { template: { metadata: { labels: isPlainObject(labels) ? labels : {} }, spec: { requirements: pool.requirements } } },
    };
  }
  return undefined;
}

/** The strings of the entry's `values = [<<-EOT ... EOT]`, read from the written literal. */
function valuesTexts(env: ModuleCallEnv, entry: InputEntry): string[] {
  const list = literalElement(entry.node, 'values');
  const tuple = list && unwrap(list).namedChildren[0];
  if (tuple?.type !== 'tuple') return [];
  return tuple.namedChildren
    .filter((c) => c.type === 'expression')
    .map((c) => templateKeepingUnknowns(c, env.scope))
    .filter((v): v is string => typeof v === 'string');
}

/** The value expression of `name = ...` in an object literal, when written there. */
function literalElement(node: HclNode | undefined, name: string): HclNode | undefined {
  const object = node && unwrap(node).namedChildren[0];
  if (object?.type !== 'object') return undefined;
  for (const elem of object.namedChildren) {
    const key = elem.childForFieldName('key');
    if (elem.type === 'object_elem' && key && unwrap(key).text.trim() === name) return elem.childForFieldName('val') ?? undefined;
  }
  return undefined;
}
