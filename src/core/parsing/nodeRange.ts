import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../model';

/** A tree-sitter node's span in the model's zero-based lines and columns. */
export function nodeRange(node: Node): SourceRange {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}
