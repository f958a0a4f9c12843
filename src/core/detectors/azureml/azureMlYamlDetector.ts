import type { CostItem, DetectionResult } from '../../model';
import { isToolFile } from '../shared/toolFiles';
import { isPlainObject, keyNode, nodeRange, readableDocuments, toPlain } from '../shared/yamlSource';
import type { Detector, DetectorContext, DocumentView } from '../types';
import { SCHEMA_READERS } from './azureMlSpecs';

/** `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json`. */
const SCHEMA_LINE = /^\s*\$schema:\s*['"]?https?:\/\/azuremlschemas(prod)?\.azureedge\.net\//m;
const SCHEMA_NAME = /\/([A-Za-z]+)\.schema\.json\s*$/;

/**
 * Azure ML CLI v2 YAML specs (deployments, compute, jobs), recognised by their `$schema` URL:
 * the only thing that says what such a file is.
 */
export class AzureMlYamlDetector implements Detector {
  readonly id = 'azureml-yaml';
  readonly label = 'Azure ML CLI v2 YAML specs (deployments, compute, jobs), recognised by their $schema';

  matches(file: string): boolean {
    return /\.ya?ml$/i.test(file) && !isToolFile(file);
  }

  /** The schema URL names the format outright, so it outranks every guess from keys. */
  classify(doc: DocumentView): number {
    return doc.topLevelKeys.has('$schema') && SCHEMA_LINE.test(doc.text) ? 5 : 0;
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const { yaml, docs, skipped } = readableDocuments(ctx.file, ctx.text);
    const items: CostItem[] = [];
    for (const { doc } of docs) {
      const spec = toPlain(doc);
      if (!isPlainObject(spec) || typeof spec.$schema !== 'string') continue;
      const schema = SCHEMA_NAME.exec(spec.$schema.trim())?.[1];
      const reader = schema ? SCHEMA_READERS[schema] : undefined;
      if (!reader) continue;
      const range = nodeRange(keyNode(doc.contents, '$schema'), yaml.lines) ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
      items.push(...reader({ file: ctx.file, doc, lines: yaml.lines, range, catalog: ctx.catalog, options: ctx.options }, spec));
    }
    return { items, skipped };
  }
}
