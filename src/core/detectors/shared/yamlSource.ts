import { isAlias, isMap, isPair, isScalar, isSeq, visit, LineCounter, parseAllDocuments, type Document, type Node, type ParseOptions, type Tags } from 'yaml';
import type { SkippedInput, SourceRange } from '../../model';

/** A YAML/JSON value as a plain tree. */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

export function isPlainObject(v: Plain | undefined): v is { [key: string]: Plain } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface YamlFile {
  docs: Document.Parsed[];
  lines: LineCounter;
}

/** Every document of a (multi-document) YAML stream, with line positions. */
export function parseYaml(text: string, customTags?: Tags): YamlFile {
  const lines = new LineCounter();
  const options: ParseOptions & { customTags?: Tags } = { lineCounter: lines, prettyErrors: false, uniqueKeys: false };
  const docs = parseAllDocuments(text, { ...options, ...(customTags ? { customTags } : {}) });
  return { docs: Array.isArray(docs) ? docs : [], lines };
}

/** Zero-based range of a node's value, from the parser's offsets. */
export function nodeRange(node: Node | null | undefined, lines: LineCounter): SourceRange | undefined {
  const r = node?.range;
  if (!r) return undefined;
  const start = lines.linePos(r[0]);
  const end = lines.linePos(r[1]);
  return { start: { line: start.line - 1, column: start.col - 1 }, end: { line: end.line - 1, column: end.col - 1 } };
}

/** The key node of `key` in a map node, for ranges that point at a line such as `MyInstance:`. */
export function keyNode(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
  }
  return undefined;
}

/** The value node under a path of map keys and sequence indexes. */
export function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') node = isSeq(node) ? node.items[step] : undefined;
    else if (isMap(node)) node = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === step)?.value;
    else return undefined;
  }
  return node === undefined || node === null ? undefined : (node as Node);
}

/** Rewrites explicitly tagged nodes, e.g. CloudFormation's `!Ref x` into `{ Ref: x }`. */
export type TagRewrite = (tag: string, value: Plain) => Plain;

/** More nodes than any infrastructure file has: an alias "billion laughs" stops here. */
const MAX_NODES = 100_000;

/**
 * Document (or the node `root` of it) → plain value, following aliases (`*defaults`) and
 * merge keys (`<<: *defaults`) as Kubernetes' and SkyPilot's YAML loaders do.
 */
export function toPlain(doc: Document.Parsed, tagged?: TagRewrite, root: unknown = doc.contents): Plain {
  let budget = MAX_NODES;
  const anchors = anchorsOf(doc);
  const convert = (node: unknown): Plain => {
    if (--budget < 0) throw new Error('YAML expands to too many nodes (aliases)');
    if (isAlias(node)) return convert(anchors.get(node.source));
    if (isScalar(node)) {
      const v = node.value;
      const plain: Plain = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
      return tagged && node.tag?.startsWith('!') ? tagged(node.tag, plain) : plain;
    }
    if (isSeq(node)) {
      const list = node.items.map(convert);
      return tagged && node.tag?.startsWith('!') ? tagged(node.tag, list) : list;
    }
    if (isMap(node)) {
      const out: { [key: string]: Plain } = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(convert(pair.key));
        const value = convert(pair.value);
        if (key === '<<' && !(isScalar(pair.key) && pair.key.type !== 'PLAIN')) mergeInto(out, value);
        else out[key] = value;
      }
      return tagged && node.tag?.startsWith('!') ? tagged(node.tag, out) : out;
    }
    return null;
  };
  return convert(root);
}

/** Anchors per document, so converting each item of a `List` does not walk the whole document again. */
const anchorsByDocument = new WeakMap<Document.Parsed, Map<string, unknown>>();

/** Anchor name → node, collected once per document: resolving each alias by searching the document is quadratic. */
function anchorsOf(doc: Document.Parsed): Map<string, unknown> {
  const known = anchorsByDocument.get(doc);
  if (known) return known;
  const anchors = new Map<string, unknown>();
  anchorsByDocument.set(doc, anchors);
  visit(doc, (_key, node) => {
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
  });
  return anchors;
}

/** `<<: *a` or `<<: [*a, *b]`: keys already written win, earlier sources over later. */
function mergeInto(out: { [key: string]: Plain }, value: Plain): void {
  const sources = Array.isArray(value) ? value : [value];
  for (const source of sources) {
    if (!isPlainObject(source)) continue;
    for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
  }
}

/** The first error of a document, with its line, for a skipped entry. */
export function firstYamlError(doc: Document.Parsed, lines: LineCounter): string | undefined {
  const err = doc.errors[0];
  if (!err) return undefined;
  const line = lines.linePos(err.pos[0]).line;
  return `YAML error near line ${line}: ${err.message.split('\n')[0]}`;
}

/**
 * The documents of a YAML stream that parse, each with its 1-based number; a document with a
 * syntax error is left out and named in `skipped` (the others are still read).
 */
export function readableDocuments(file: string, text: string): { yaml: YamlFile; docs: { doc: Document.Parsed; number: number }[]; skipped: SkippedInput[] } {
  const yaml = parseYaml(text);
  const docs: { doc: Document.Parsed; number: number }[] = [];
  const skipped: SkippedInput[] = [];
  yaml.docs.forEach((doc, index) => {
    const error = firstYamlError(doc, yaml.lines);
    if (error) skipped.push({ file, message: `document ${index + 1}: ${error}` });
    else docs.push({ doc, number: index + 1 });
  });
  return { yaml, docs, skipped };
}

/** Helm and other Go templates (`{{ .Values.x }}`) are not YAML until rendered. */
export function isGoTemplate(text: string): boolean {
  return /\{\{[-\s]?[\s\S]*?[-\s]?\}\}/.test(text) && /\{\{-?\s*(\.|if|range|include|template|toYaml|with|end|define|\$)/.test(text);
}
