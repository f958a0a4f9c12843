import type { CostItem, DetectionResult, SkippedInput, SourceRange } from '../../model';
import type { LineCounter, Node } from 'yaml';
import { firstYamlError, isGoTemplate, isPlainObject, keyNode, nodeAt, nodeRange, toPlain, type Plain } from '../shared/yamlSource';
import { unsupportedItem } from '../../resources/coverage';
import { KUBERNETES_COVERAGE, unsupportedKind } from './kindCoverage';
import { isToolFile } from '../shared/toolFiles';
import type { Detector, DetectorContext, DocumentView } from '../types';
import { withoutDefinitions } from './definitionDocuments';
import { isJsonManifest, isUnrenderedTemplate, manifestDocuments, manifestObjects, quotePlaceholders, type ManifestDocument } from './manifestSource';
import { pricePodGroup } from './podPricing';
import { podRequirements } from './podRequirements';
import { capacityGroups } from './nodeCapacity';
import { operatorWorkloadOf, type RuntimeLookup } from './operatorWorkloads';
import { trainingRuntimes } from './trainingRuntimes';
import { workloadOf, type PodGroup } from './workloads';

/** Objects priced between two yields to the event loop. */
const YIELD_EVERY = 500;


/** Kubernetes manifests (multi-document YAML, JSON, `List`s): workloads priced by node type, GKE accelerator or GPU-hours. */
export class KubernetesDetector implements Detector {
  readonly id = 'kubernetes';
  readonly label = 'Kubernetes manifests (Deployments, Jobs, Kubeflow, Ray, KServe)';

  matches(file: string): boolean {
    return /\.(ya?ml|json)$/i.test(file) && !isToolFile(file);
  }

  /** `apiVersion` and `kind` at the top level of some document, as `kubectl apply -f` reads YAML or JSON. */
  classify(doc: DocumentView): number {
    return doc.topLevelKeys.has('apiVersion') && doc.topLevelKeys.has('kind') ? 3 : 0;
  }

  async detect(input: DetectorContext): Promise<DetectionResult> {
    const ctx = { ...input, text: isJsonManifest(input.text) ? input.text : quotePlaceholders(withoutDefinitions(input.text).text) };
    const docs = manifestDocuments(ctx.text);
    if (isGoTemplate(ctx.text) && isUnrenderedTemplate(ctx.text, docs)) {
      return { items: [], skipped: [{ file: ctx.file, message: 'Helm/Go template ({{ }}) is not YAML until rendered; render it (helm template) to price its workloads' }] };
    }
    const items: CostItem[] = [];
    const skipped: SkippedInput[] = [];
    const runtimes = await trainingRuntimes(ctx, docs);
    for (const document of docs) {
      if (ctx.isCancelled?.()) break;
      const error = firstYamlError(document.doc, document.lines);
      if (error) {
        skipped.push({ file: ctx.file, message: `${document.label}: ${error}` });
        continue;
      }
      for (const [i, object] of manifestObjects(document.doc.contents, document.label).entries()) {
        // A `kind: List` dump holds thousands of objects: let the host answer other requests between batches.
        if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        try {
          items.push(...objectItems(ctx, document, object.node, runtimes));
        } catch (e) {
          skipped.push({ file: ctx.file, message: `${object.label}: ${e instanceof Error ? e.message : String(e)}` });
        }
      }
    }
    return { items, skipped };
  }
}

const ORIGIN: SourceRange = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

function objectItems(ctx: DetectorContext, document: ManifestDocument, object: Node, runtimes: RuntimeLookup): CostItem[] {
  const plain = toPlain(document.doc, undefined, object);
  const workload = workloadOf(plain) ?? operatorWorkloadOf(plain, runtimes);
  const objectRange = nodeRange(object, document.lines);
  if (!workload) {
    const capacity = capacityGroups(ctx, plain);
    if (capacity.length === 0) return unsupportedObject(ctx, plain, objectRange);
    return capacity.map((g) => g.item(nodeRange(nodeAt(object, g.path), document.lines) ?? objectRange ?? ORIGIN));
  }
  const items: CostItem[] = [];
  for (const group of workload.groups) {
    const item = pricePodGroup({
      catalog: ctx.catalog,
      options: ctx.options,
      file: ctx.file,
      range: groupRange(object, group, document.lines) ?? objectRange ?? ORIGIN,
      objectRange,
      workload,
      group,
      req: podRequirements(group.podSpec),
    });
    if (item) items.push(item);
  }
  return items;
}

/** A kind that bills (Karpenter capacity, GPU limits) but has no pod model: an unpriced item, not silence. */
function unsupportedObject(ctx: DetectorContext, plain: Plain, range: SourceRange | undefined): CostItem[] {
  if (!isPlainObject(plain) || typeof plain.kind !== 'string') return [];
  const found = unsupportedKind(plain.kind, plain);
  if (!found) return [];
  const meta = isPlainObject(plain.metadata) ? plain.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '(unnamed)';
  return [
    unsupportedItem(KUBERNETES_COVERAGE, {
      file: ctx.file,
      range: range ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
      resource: `${plain.kind}/${name}`,
      provider: 'other',
      type: plain.kind,
      quantity: 1,
      tags: {},
      notes: [],
      ...found,
    }),
  ];
}

/** The role's key (`Worker:`), a list entry, or the object's `kind:` line. */
function groupRange(object: Node, group: PodGroup, lines: LineCounter): SourceRange | undefined {
  const last = group.path[group.path.length - 1];
  if (typeof last === 'number') return nodeRange(nodeAt(object, group.path), lines);
  const parent = group.path.length > 1 ? nodeAt(object, group.path.slice(0, -1)) : object;
  return nodeRange(keyNode(parent, last), lines);
}
