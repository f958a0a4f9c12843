import type { CostItem } from '../../model';
import type { TagFix, TagRequest } from './insertion';
import { jsonTagFix } from './jsonTagWriter';
import { terraformTagFix } from './terraformTagWriter';
import { yamlTagFix } from './yamlTagWriter';

export { applyInsertions, plainText, toSnippet, type TagFix, type TagInsertion, type TagRequest } from './insertion';

/**
 * The edit that adds `keys` to an item's tags in `text` (the item's file as it is now), in
 * the file's own syntax; undefined when the item takes no tags or its tags are not found.
 */
export async function tagFixFor(text: string, item: CostItem, keys: TagRequest[]): Promise<TagFix | undefined> {
  const tagging = item.tagging;
  if (!tagging || !keys.length) return undefined;
  const line = (tagging.range ?? item.range).start.line;
  switch (tagging.style) {
    case 'terraform-map':
      return terraformTagFix(item.file, text, line, tagging.attribute ?? 'tags', keys, tagging.blockPath);
    case 'gcp-labels':
      return terraformTagFix(item.file, text, line, tagging.attribute ?? 'labels', keys, tagging.blockPath);
    case 'k8s-labels':
    case 'cloudformation-list':
    case 'cloudformation-map':
      return isJson(item.file, text) ? jsonTagFix(text, line, tagging.style, keys) : yamlTagFix(text, line, tagging.style, keys);
  }
}

function isJson(file: string, text: string): boolean {
  return /\.json$/i.test(file) || /^\s*[{[]/.test(text);
}
