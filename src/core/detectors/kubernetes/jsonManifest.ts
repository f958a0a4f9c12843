import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/**
 * A JSON value parsed with jsonc-parser and rebuilt as the YAML library's nodes, with the same
 * offsets and line positions a YAML parse would give. The YAML parser reads a large JSON flow
 * collection (a `kubectl get -o json` dump) slowly; this reads it in a fraction of the time.
 * Undefined when the text is not valid JSON, so the caller's YAML parse reports the error.
 */
export function parseJsonDocument(text: string, start: number, end: number): { doc: Document.Parsed; lines: LineCounter } | undefined {
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text.slice(start, end), errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    // jsonc-parser recurses per nesting level: a hostile depth overflows the stack.
    return undefined;
  }
  if (!root || errors.length) return undefined;
  if (depthOver(root, MAX_NESTING)) return undefined;
  const doc = new Document() as Document.Parsed;
  doc.contents = toYaml(root, start) as Document.Parsed['contents'];
  return { doc, lines: lineCounter(text) };
}

/** Manifests nest a few dozen levels; deeper values take the YAML parser's path, which reports them. */
const MAX_NESTING = 200;

/** True when the tree nests deeper than `limit` (walked without recursion). */
function depthOver(root: JsonNode, limit: number): boolean {
  const stack: [JsonNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [JsonNode, number];
    if (depth > limit) return true;
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
  return false;
}

function lineCounter(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

function toYaml(node: JsonNode, base: number): Node {
  const from = base + node.offset;
  const range: [number, number, number] = [from, from + node.length, from + node.length];
  if (node.type === 'object') {
    const map = new YAMLMap();
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (key && value) map.items.push(new Pair(toYaml(key, base), toYaml(value, base)));
    }
    map.range = range;
    return map;
  }
  if (node.type === 'array') {
    const seq = new YAMLSeq();
    seq.items = (node.children ?? []).map((c) => toYaml(c, base));
    seq.range = range;
    return seq;
  }
  const scalar = new Scalar(node.value as unknown);
  scalar.type = node.type === 'string' ? 'QUOTE_DOUBLE' : 'PLAIN';
  scalar.range = range;
  return scalar;
}
