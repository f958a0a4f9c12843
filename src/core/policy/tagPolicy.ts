import type { TagsSection } from '../config/sections/tags';
import type { CostItem } from '../model';
import { firstLine, type Finding } from './findings';

/** Shown for values Terraform only knows at apply time; they cannot be checked statically. */
const UNKNOWN_VALUE = '(known after apply)';

/** Required keys that are absent or empty; none when the item's keys are not all known. */
export function missingTagKeys(item: CostItem, policy: TagsSection): string[] {
  if (!item.tagging || item.tagging.partial) return [];
  return (policy.required ?? []).filter((k) => (item.tags[k] ?? '').trim() === '');
}

/**
 * Checks one taggable item against `tags:`. Missing keys make one finding with the fix's
 * keys; each value outside `allowed` or `pattern` makes its own.
 */
export function tagFindings(item: CostItem, policy: TagsSection): Finding[] {
  if (!item.tagging) return [];
  const base = { check: 'tagPolicy' as const, severity: 'warning' as const, file: item.file, range: firstLine(item.range), resource: item.resource };
  const out: Finding[] = [];
  const missing = missingTagKeys(item, policy);
  if (missing.length) {
    out.push({
      ...base,
      category: 'missing-tags',
      message: `Missing cost-allocation tags: ${missing.join(', ')} (required by .finops.yml)`,
      missingTags: missing.map((key) => ({ key, choices: policy.allowed?.[key] })),
    });
  }
  for (const [key, value] of Object.entries(item.tags)) {
    if (value === UNKNOWN_VALUE || value.trim() === '') continue;
    const allowed = policy.allowed?.[key];
    if (allowed && !allowed.includes(value)) {
      out.push({ ...base, category: 'tag-values', message: `Tag ${key} = "${value}" is not allowed (allowed by .finops.yml: ${allowed.join(', ')})` });
    }
    const pattern = policy.pattern?.[key];
    if (pattern && !pattern.test(value)) {
      out.push({ ...base, category: 'tag-values', message: `Tag ${key} = "${value}" does not match ${pattern.source} (pattern in .finops.yml)` });
    }
  }
  return out;
}
