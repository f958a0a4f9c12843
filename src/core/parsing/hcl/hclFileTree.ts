import type { Parser } from 'web-tree-sitter';
import { convertFile } from './hclConvert';
import { parseHclFile } from './hclParser';
import type { HclNode } from './hclSyntax';

/**
 * A whole file as a plain tree, positions the file's own: the direct parser's, or, for text
 * it leaves to tree-sitter (syntax errors), tree-sitter's with its error nodes; undefined if
 * tree-sitter returns no tree.
 */
export function parseFileTree(parser: Parser, text: string): HclNode | undefined {
  const direct = parseHclFile(text);
  if (direct) return direct;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return convertFile(tree, text);
  } finally {
    tree.delete();
  }
}
