import type { Detector, DocumentView } from '../types';

/** YAML and JSON files: read by content, so one classifier decides which detector reads them. */
const STRUCTURED = /\.(ya?ml|json|template)$/i;

/**
 * The detectors that read a document. For a YAML or JSON file, the one whose `classify` is
 * most confident (the earlier in the registry on a tie), so one document is parsed by one
 * reader; detectors without a classifier that accept the path and content join it. For other
 * files, every detector whose `matches` accepts it.
 */
export function chooseDetectors(detectors: readonly Detector[], file: string, text: string): Detector[] {
  if (!STRUCTURED.test(file)) return detectors.filter((d) => d.matches(file, text));
  const view = documentView(file, text);
  let best: Detector | undefined;
  let bestScore = 0;
  for (const d of detectors) {
    if (!d.classify || !d.matches(file)) continue;
    const score = d.classify(view);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  const others = detectors.filter((d) => !d.classify && d.matches(file, text));
  return best ? [best, ...others] : others;
}

/** The document as classifiers see it; its top-level keys are read once, on first use. */
export function documentView(file: string, text: string): DocumentView {
  let keys: ReadonlySet<string> | undefined;
  return {
    file,
    text,
    get topLevelKeys() {
      // A Helm template starts with `{{`: YAML with template tags, not JSON.
      return (keys ??= /^\s*[{[]/.test(text) && !/^\s*\{\{/.test(text) ? jsonTopLevelKeys(text) : yamlTopLevelKeys(text));
    },
  };
}

/** `key:` at column 0 of any document of a YAML stream (quoted keys too); comments, list items and `---` are not keys. */
function yamlTopLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  // One greedy class that cannot contain the colon: linear on any line.
  for (const m of text.matchAll(/^(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#'"\-{[!&*|>%@`][^:\n#]*)):(?=\s|$)/gm)) keys.add(m[1] ?? m[2] ?? m[3].trimEnd());
  return keys;
}

/**
 * Keys of the top-level object(s) of a JSON text, in one pass that tracks nesting and strings
 * (no parse: a `kubectl get -o json` dump is large and only its first keys matter). A top-level
 * array's objects count as the top level (a list of manifests).
 */
function jsonTopLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const topDepth = /^\s*\[/.test(text) ? 2 : 1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === topDepth && /^\s*:/.test(text.slice(end + 1, end + 40))) keys.add(text.slice(i + 1, end));
      i = end;
    }
  }
  return keys;
}

/** Index of the quote closing the JSON string that opens at `start` (the text's end when none). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
