import type { HclNode } from '../../parsing/hcl/hclSyntax';
import { blocksOf, rootBody, type HclBlock } from '../../parsing/hcl/hclTree';
import { sharedHclParseCache } from '../../parsing/hcl/hclParseCache';
import { eolOf, indentUnit, lineIndent, lineStart, type InsertPart, type TagInsertion } from './insertion';

/** How the file writes HCL: its line ending and one level of indentation. */
export interface HclStyle {
  eol: string;
  unit: string;
}

/**
 * Hands `fn` the block of `file` (whose text is `text`) that starts on `line` (nested blocks
 * too); undefined when none. The tree comes from the parse cache the detector fills, so a fix
 * on the text the lenses were computed from parses nothing again.
 */
export async function withHclBlock<T>(file: string, text: string, line: number, fn: (block: HclBlock & { body: HclNode }, style: HclStyle) => T): Promise<T | undefined> {
  const cache = await sharedHclParseCache();
  return cache.using(async () => {
    // The whole file's tree, so node positions are the file's own.
    const root = cache.parse(file, text).fileTree();
    const block = root && findBlock(rootBody(root), line);
    // A block being typed (with a syntax error in it) gets no edit: its shape is a guess.
    if (!block?.body || block.node.hasError) return undefined;
    return fn({ ...block, body: block.body }, { eol: eolOf(text), unit: indentUnit(text) });
  });
}

function findBlock(body: HclNode | null, line: number): HclBlock | undefined {
  for (const block of blocksOf(body)) {
    if (block.node.startPosition.row === line) return block;
    if (block.node.startPosition.row < line && block.node.endPosition.row >= line) return findBlock(block.body, line);
  }
  return undefined;
}

/**
 * New lines at the end of a block, before its closing brace, indented like its first
 * attribute; `lines` gets that indentation and writes every line (ending each with the EOL).
 */
export function appendToBlock(text: string, block: HclBlock, style: HclStyle, lines: (indent: string) => InsertPart[]): TagInsertion {
  const close = block.node.lastChild ?? block.node;
  const blockIndent = lineIndent(text, block.node.startIndex);
  const first = block.body?.namedChildren[0];
  const indent = first ? lineIndent(text, first.startIndex) : blockIndent + style.unit;
  const closeOwnLine = text.slice(lineStart(text, close.startIndex), close.startIndex).trim() === '';
  if (closeOwnLine) return { offset: lineStart(text, close.startIndex), parts: lines(indent) };
  return { offset: close.startIndex, parts: [style.eol, ...lines(indent), blockIndent] };
}
