import type { Document } from 'yaml';
import type { CostItem, DetectionResult, SkippedInput, SourceRange } from '../../model';
import { firstYamlError, isGoTemplate, keyNode, nodeAt, nodeRange, parseYaml, toPlain, type YamlFile } from '../shared/yamlSource';
import { isToolFile } from '../shared/toolFiles';
import type { Detector, DetectorContext } from '../types';
import { pricePodGroup } from './podPricing';
import { podRequirements } from './podRequirements';
import { workloadOf, type PodGroup } from './workloads';

/** `apiVersion:` and `kind:` at the top level of some document: a Kubernetes manifest. */
const MANIFEST = /^apiVersion:\s*\S+/m;
const KIND = /^kind:\s*\S+/m;

/** Kubernetes manifests (multi-document YAML): workloads priced by node type, GKE accelerator or GPU-hours. */
export class KubernetesDetector implements Detector {
  readonly id = 'kubernetes';

  matches(file: string, text?: string): boolean {
    if (!/\.ya?ml$/i.test(file) || isToolFile(file)) return false;
    return text === undefined || (MANIFEST.test(text) && KIND.test(text) && !/^AWSTemplateFormatVersion:/m.test(text));
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    if (isGoTemplate(ctx.text)) {
      return { items: [], skipped: [{ file: ctx.file, message: 'Helm/Go template ({{ }}) is not YAML until rendered; render it (helm template) to price its workloads' }] };
    }
    const yaml = parseYaml(ctx.text);
    const items: CostItem[] = [];
    const skipped: SkippedInput[] = [];
    yaml.docs.forEach((doc, index) => {
      if (ctx.isCancelled?.()) return;
      const error = firstYamlError(doc, yaml.lines);
      if (error) {
        skipped.push({ file: ctx.file, message: `document ${index + 1}: ${error}` });
        return;
      }
      try {
        items.push(...documentItems(ctx, doc, yaml));
      } catch (e) {
        skipped.push({ file: ctx.file, message: `document ${index + 1}: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    return { items, skipped };
  }
}

function documentItems(ctx: DetectorContext, doc: Document.Parsed, yaml: YamlFile): CostItem[] {
  const workload = workloadOf(toPlain(doc));
  if (!workload) return [];
  const objectRange = nodeRange(doc.contents, yaml.lines);
  const items: CostItem[] = [];
  for (const group of workload.groups) {
    const item = pricePodGroup({
      catalog: ctx.catalog,
      options: ctx.options,
      file: ctx.file,
      range: groupRange(doc, group, yaml) ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
      objectRange,
      workload,
      group,
      req: podRequirements(group.podSpec),
    });
    if (item) items.push(item);
  }
  return items;
}

/** The role's key (`Worker:`), a list entry, or the document's `kind:` line. */
function groupRange(doc: Document.Parsed, group: PodGroup, yaml: YamlFile): SourceRange | undefined {
  const last = group.path[group.path.length - 1];
  if (typeof last === 'number') return nodeRange(nodeAt(doc.contents, group.path), yaml.lines);
  const parent = group.path.length > 1 ? nodeAt(doc.contents, group.path.slice(0, -1)) : doc.contents;
  return nodeRange(keyNode(parent, last), yaml.lines);
}
