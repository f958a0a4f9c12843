import type { CostItem, DetectionResult, SkippedInput, SourceRange } from '../../model';
import type { LineCounter, Node } from 'yaml';
import { firstYamlError, isGoTemplate, keyNode, nodeAt, nodeRange, toPlain } from '../shared/yamlSource';
import { isToolFile } from '../shared/toolFiles';
import type { Detector, DetectorContext } from '../types';
import { isJsonManifest, isUnrenderedTemplate, manifestDocuments, manifestObjects, type ManifestDocument } from './manifestSource';
import { pricePodGroup } from './podPricing';
import { podRequirements } from './podRequirements';
import { workloadOf, type PodGroup } from './workloads';

/** `apiVersion:` and `kind:` at the top level of some document: a Kubernetes manifest. */
const MANIFEST = /^apiVersion:\s*\S+/m;
const KIND = /^kind:\s*\S+/m;
/** The JSON form, as `kubectl apply -f x.json` reads it. */
const JSON_MANIFEST = /"apiVersion"\s*:\s*"[^"]+"/;
const JSON_KIND = /"kind"\s*:\s*"[^"]+"/;

/** Kubernetes manifests (multi-document YAML, JSON, `List`s): workloads priced by node type, GKE accelerator or GPU-hours. */
export class KubernetesDetector implements Detector {
  readonly id = 'kubernetes';

  matches(file: string, text?: string): boolean {
    if (isToolFile(file)) return false;
    if (/\.json$/i.test(file)) return text === undefined || (isJsonManifest(text) && JSON_MANIFEST.test(text) && JSON_KIND.test(text) && !/"AWSTemplateFormatVersion"\s*:/.test(text));
    if (!/\.ya?ml$/i.test(file)) return false;
    return text === undefined || (MANIFEST.test(text) && KIND.test(text) && !/^AWSTemplateFormatVersion:/m.test(text));
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const docs = manifestDocuments(ctx.text);
    if (isGoTemplate(ctx.text) && isUnrenderedTemplate(ctx.text, docs)) {
      return { items: [], skipped: [{ file: ctx.file, message: 'Helm/Go template ({{ }}) is not YAML until rendered; render it (helm template) to price its workloads' }] };
    }
    const items: CostItem[] = [];
    const skipped: SkippedInput[] = [];
    for (const document of docs) {
      if (ctx.isCancelled?.()) break;
      const error = firstYamlError(document.doc, document.lines);
      if (error) {
        skipped.push({ file: ctx.file, message: `${document.label}: ${error}` });
        continue;
      }
      for (const object of manifestObjects(document.doc.contents, document.label)) {
        try {
          items.push(...objectItems(ctx, document, object.node));
        } catch (e) {
          skipped.push({ file: ctx.file, message: `${object.label}: ${e instanceof Error ? e.message : String(e)}` });
        }
      }
    }
    return { items, skipped };
  }
}

function objectItems(ctx: DetectorContext, document: ManifestDocument, object: Node): CostItem[] {
  const workload = workloadOf(toPlain(document.doc, undefined, object));
  if (!workload) return [];
  const objectRange = nodeRange(object, document.lines);
  const items: CostItem[] = [];
  for (const group of workload.groups) {
    const item = pricePodGroup({
      catalog: ctx.catalog,
      options: ctx.options,
      file: ctx.file,
      range: groupRange(object, group, document.lines) ?? objectRange ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
      objectRange,
      workload,
      group,
      req: podRequirements(group.podSpec),
    });
    if (item) items.push(item);
  }
  return items;
}

/** The role's key (`Worker:`), a list entry, or the object's `kind:` line. */
function groupRange(object: Node, group: PodGroup, lines: LineCounter): SourceRange | undefined {
  const last = group.path[group.path.length - 1];
  if (typeof last === 'number') return nodeRange(nodeAt(object, group.path), lines);
  const parent = group.path.length > 1 ? nodeAt(object, group.path.slice(0, -1)) : object;
  return nodeRange(keyNode(parent, last), lines);
}
