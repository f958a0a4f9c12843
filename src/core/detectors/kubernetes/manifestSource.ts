import { isMap, isSeq, visit, type Document, type LineCounter, type Node } from 'yaml';
import { jsonValueSpans, maskOutside } from '../shared/jsonStream';
import { parseYaml } from '../shared/yamlSource';
import { parseJsonDocument } from './jsonManifest';

/** One YAML document (or one JSON value of a JSON stream) of a manifest file, with its line positions. */
export interface ManifestDocument {
  doc: Document.Parsed;
  lines: LineCounter;
  /** `document 2`, for skipped entries. */
  label: string;
}

/** One Kubernetes object: a document's root mapping, or an entry of a `List`'s `items`. */
export interface ManifestObject {
  node: Node;
  label: string;
}

/** JSON when the first non-blank character opens an object, as kubectl's decoder sniffs it; `{{` opens a Go template. */
export function isJsonManifest(text: string): boolean {
  return /^\uFEFF?\s*\{(?!\{)/.test(text);
}

/**
 * Every document of a manifest file. YAML streams split on `---`; a JSON file may hold several
 * objects one after another (kubectl decodes a JSON stream), each parsed in place so positions
 * stay those of the file.
 */
export function manifestDocuments(text: string): ManifestDocument[] {
  const spans = isJsonManifest(text) ? jsonValueSpans(text) : undefined;
  const json = spans?.length === 1 ? parseJsonDocument(text, spans[0][0], spans[0][1]) : undefined;
  if (json) return [{ ...json, label: 'document 1' }];
  if (!spans || spans.length < 2) {
    const { docs, lines } = parseYaml(text);
    return docs.map((doc, i) => ({ doc, lines, label: `document ${i + 1}` }));
  }
  return spans.flatMap(([start, end], i) => {
    const { docs, lines } = parseYaml(maskOutside(text, start, end));
    return docs.map((doc) => ({ doc, lines, label: `object ${i + 1}` }));
  });
}

/** A value that opens with a name for the reader to fill in and goes on (`{username}/image:tag`): YAML reads a flow map and fails. */
const PLACEHOLDER_VALUE = /^([ \t]*(?:-[ \t]+)?(?:[\w.\/-]+:[ \t]+)?)(\{[A-Za-z_][\w.-]*\}[^\s#,}\]]\S*)[ \t]*$/gm;

/**
 * Samples write `{username}/torchserve:latest` for a value the reader fills in. YAML cannot
 * read that line (a flow mapping followed by text), so the whole document would be lost; the
 * value is quoted instead, on its own line, so every position of the file stays where it was.
 */
export function quotePlaceholders(text: string): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER_VALUE, (_m, lead: string, value: string) => `${lead}'${value.replace(/'/g, "''")}'`);
}

/** kubectl flattens `kind: List` (and typed lists such as `DeploymentList`) into their `items`. */
export function manifestObjects(root: Node | null | undefined, label: string): ManifestObject[] {
  if (!isMap(root)) return root ? [{ node: root, label }] : [];
  const kind = root.get('kind');
  const items = root.get('items', true);
  if (typeof kind === 'string' && /List$/.test(kind) && isSeq(items)) {
    return items.items.flatMap((item, i) => manifestObjects(item as Node, `${label} item ${i + 1}`));
  }
  return [{ node: root, label }];
}

/** Helm's own objects and functions (`.Values`, `include "x"`): never left in rendered output, even inside a string. */
const HELM_OBJECT = /\{\{-?[^}]*?(\.Values\b|\.Release\b|\.Chart\b|\binclude\s+"|\btoYaml\b)/;

/**
 * An unrendered Helm chart, as opposed to `helm template` output: rendered output keeps
 * `{{ }}` only inside strings (alerting rules, dashboards), never where YAML sees structure.
 */
export function isUnrenderedTemplate(text: string, docs: readonly ManifestDocument[]): boolean {
  if (!text.includes('{{')) return false;
  if (HELM_OBJECT.test(text)) return true;
  const strings: [number, number][] = [];
  // A document YAML cannot read contributes no strings: its `{{` count as template actions.
  for (const { doc } of docs.filter((d) => d.doc.errors.length === 0)) {
    visit(doc, {
      Scalar(_k, node) {
        if (node.type !== 'PLAIN' && node.range) strings.push([node.range[0], node.range[1]]);
      },
    });
  }
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 2)) {
    if (isComment(text, at)) continue;
    if (!strings.some(([s, e]) => at >= s && at < e)) return true;
  }
  return false;
}

function isComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /(^|\s)#/.test(text.slice(lineStart, at));
}
