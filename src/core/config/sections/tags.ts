import { isScalar, type YAMLMap } from 'yaml';
import type { ConfigReader } from '../configReader';
import { compileTagPattern, type TagPattern } from '../tagPattern';

/** The cost-allocation tag policy every taggable resource is checked against. */
export interface TagsSection {
  required?: string[];
  /** Tag key → the only values it may take. */
  allowed?: Record<string, string[]>;
  /** Tag key → a regular expression (RE2 syntax, linear time) its value must match. */
  pattern?: Record<string, TagPattern>;
}

const KEYS = new Set(['required', 'allowed', 'pattern']);

export function readTags(root: YAMLMap, r: ConfigReader): TagsSection {
  const map = r.map(root, 'tags', 'tags');
  if (!map) return {};
  for (const [key, , pair] of r.entries(map)) if (!KEYS.has(key)) r.problem(pair, `unknown key "tags.${key}"`);
  return {
    required: r.stringList(map, 'required', 'tags.required'),
    allowed: readAllowed(r, map),
    pattern: readPatterns(r, map),
  };
}

function readAllowed(r: ConfigReader, tags: YAMLMap): Record<string, string[]> | undefined {
  const map = r.map(tags, 'allowed', 'tags.allowed');
  if (!map) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key] of r.entries(map)) {
    const values = r.stringList(map, key, `tags.allowed.${key}`);
    if (values) out[key] = values;
  }
  return out;
}

function readPatterns(r: ConfigReader, tags: YAMLMap): Record<string, TagPattern> | undefined {
  const map = r.map(tags, 'pattern', 'tags.pattern');
  if (!map) return undefined;
  const out: Record<string, TagPattern> = {};
  for (const [key, node] of r.entries(map)) {
    const source = r.string(map, key, `tags.pattern.${key}`);
    if (source === undefined) continue;
    const pattern = compileTagPattern(source);
    if ('error' in pattern) r.problem(isScalar(node) ? node : map, `tags.pattern.${key} is not a valid regular expression (RE2 syntax): ${pattern.error}`);
    else out[key] = pattern;
  }
  return out;
}
