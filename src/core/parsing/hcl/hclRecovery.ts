import type { Parser, Tree } from 'web-tree-sitter';
import { convertTopLevel, type BlockReuse, type PlacedBlock } from './hclConvert';

/**
 * Recovering the well-formed blocks after a syntax error. Tree-sitter's own recovery often
 * folds everything after a broken block (a deleted `resource ... {` line leaves an unmatched
 * `}`) into one error, so the resources below it vanish. Here the text is parsed again from
 * the next top-level block start after each error, with everything before it blanked out
 * (newlines kept), so positions stay those of the file.
 */

/** A top-level block start: a block keyword at column 0, labels, and `{` ending the line. */
const BLOCK_START = /^(?:resource|data|module|locals|variable|provider|output|terraform|moved|import|check|removed)\b[^\n{]*\{[ \t]*$/gm;

/** Enough for any hand-edited file; a file with more broken regions keeps what was read so far. */
const MAX_REPARSES = 16;
/** Generated or hostile input this large is not re-parsed (each pass parses the whole text). */
const MAX_RECOVERY_CHARS = 1_000_000;

/** Lines (0-based, inclusive) that no block could be read from. */
export interface SkippedRegion {
  startLine: number;
  endLine: number;
}

export interface Recovery {
  blocks: PlacedBlock[];
  skipped: SkippedRegion[];
}

/** Where the first broken part of a parse starts: its first block with an error, or an ERROR node. */
function firstErrorIndex(tree: Tree, blocks: readonly PlacedBlock[]): number | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const broken = blocks.find((b) => b.node.hasError)?.origin.index;
  const errorNode = tree.rootNode.descendantsOfType('ERROR')[0]?.startIndex;
  const candidates = [broken, errorNode].filter((i): i is number => i !== undefined);
  return candidates.length ? Math.min(...candidates) : 0;
}

function lineAt(text: string, index: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function nextBlockStart(text: string, after: number): number | undefined {
  BLOCK_START.lastIndex = after + 1;
  const m = BLOCK_START.exec(text);
  return m ? m.index : undefined;
}

/** Blanks `text` before `end`, keeping newlines so rows and columns do not move. */
function blankBefore(text: string, end: number): string {
  return text.slice(0, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/**
 * The well-formed blocks of a file whose first parse (`tree`, converted into `blocks`) has
 * errors, and the line ranges skipped. Blocks before the first error come from that parse.
 */
export function recoverBlocks(parser: Parser, text: string, tree: Tree, blocks: readonly PlacedBlock[], reuse: BlockReuse): Recovery {
  let errorAt = firstErrorIndex(tree, blocks);
  if (errorAt === undefined) return { blocks: [...blocks], skipped: [] };
  const kept = blocks.filter((b) => !b.node.hasError && b.origin.index < (errorAt ?? 0));
  const skipped: SkippedRegion[] = [];
  for (let pass = 0; errorAt !== undefined; pass++) {
    const restart = text.length <= MAX_RECOVERY_CHARS && pass < MAX_REPARSES ? nextBlockStart(text, errorAt) : undefined;
    const end = restart === undefined ? lineAt(text, text.trimEnd().length) : lineAt(text, restart) - 1;
    skipped.push({ startLine: lineAt(text, errorAt), endLine: Math.max(end, lineAt(text, errorAt)) });
    if (restart === undefined) break;
    const masked = blankBefore(text, restart);
    const again = parser.parse(masked);
    if (!again) break;
    try {
      const converted = convertTopLevel(again, masked, reuse).blocks;
      errorAt = firstErrorIndex(again, converted);
      kept.push(...converted.filter((b) => !b.node.hasError && b.origin.index >= restart && b.origin.index < (errorAt ?? Infinity)));
    } finally {
      again.delete();
    }
  }
  return { blocks: kept, skipped };
}
