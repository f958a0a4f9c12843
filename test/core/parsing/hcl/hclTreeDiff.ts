import type { HclNode } from '../../../../src/core/parsing/hcl/hclSyntax';

/**
 * The first place two plain syntax trees differ (type, named-ness, field, span, error flag,
 * children, text), or `undefined` if they are identical. Shared by the direct parser's
 * differential test and `scripts/hcl-differential.mjs`.
 */
export function firstDifference(direct: HclNode, reference: HclNode, path = 'root'): string | undefined {
  const where = `${path} ${reference.type}@${reference.startIndex}`;
  const pairs: [string, unknown, unknown][] = [
    ['type', direct.type, reference.type],
    ['isNamed', direct.isNamed, reference.isNamed],
    ['field', direct.field, reference.field],
    ['start', direct.startIndex, reference.startIndex],
    ['end', direct.endIndex, reference.endIndex],
    ['hasError', direct.hasError, reference.hasError],
    ['text', direct.text, reference.text],
    ['startPosition', JSON.stringify(direct.startPosition), JSON.stringify(reference.startPosition)],
    ['endPosition', JSON.stringify(direct.endPosition), JSON.stringify(reference.endPosition)],
    ['childCount', direct.childCount, reference.childCount],
  ];
  for (const [what, a, b] of pairs) {
    if (a !== b) return `${where}: ${what} ${JSON.stringify(a)} (direct) vs ${JSON.stringify(b)} (tree-sitter); children ${direct.children.map((c) => c.type).join(',')} vs ${reference.children.map((c) => c.type).join(',')}`;
  }
  for (let i = 0; i < reference.children.length; i++) {
    const diff = firstDifference(direct.children[i], reference.children[i], `${path}/${i}`);
    if (diff) return diff;
  }
  return undefined;
}
