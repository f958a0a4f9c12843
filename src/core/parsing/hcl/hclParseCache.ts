import { Edit, type Parser, type Point, type Tree } from 'web-tree-sitter';
import { createParser } from '../treeSitter';
import { convertFile, convertTopLevel, type BlockReuse, type PlacedBlock } from './hclConvert';
import { parseFileTree } from './hclFileTree';
import { parseHclTopLevel, type TopLevelParse } from './hclParser';
import { reparseHclTopLevel, textEditBetween } from './hclReparse';
import { recoverBlocks, type SkippedRegion } from './hclRecovery';
import type { HclNode } from './hclSyntax';
import { toBlock, type HclBlock } from './hclTree';

/** A `.tf` file as parsed: its top-level blocks, and the whole file's tree on demand. */
export interface ParsedHclFile {
  file: string;
  /** Top-level blocks, in source order; after a syntax error, the well-formed ones around it. */
  blocks: HclBlock[];
  /** Lines no block could be read from, when the file has syntax errors. */
  skipped: SkippedRegion[];
  hasSyntaxError: boolean;
  /**
   * The whole file as one plain tree, positions the file's own (quick fixes), built on first
   * use; undefined only if tree-sitter gives no tree.
   */
  fileTree(): HclNode | undefined;
}

class Entry implements ParsedHclFile {
  private whole: HclNode | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly blocks: HclBlock[],
    readonly skipped: SkippedRegion[],
    readonly hasSyntaxError: boolean,
    readonly reuse: BlockReuse,
    /** Tree-sitter's tree of this version, when the direct parser left the text to it; unset once freed. */
    public tree: Tree | undefined,
    /** The direct parser's reading, when it parsed this version: the next edit reparses from it. */
    readonly direct: TopLevelParse | undefined,
    private readonly parser: Parser,
  ) {}

  fileTree(): HclNode | undefined {
    return (this.whole ??= this.tree ? convertFile(this.tree, this.text) : parseFileTree(this.parser, this.text));
  }
}

/**
 * Parsed `.tf` files by path, reused while their text is unchanged, so a module's other files
 * are not parsed again for every document of the module. Each version's top-level blocks are
 * plain `HclNode` trees; a block whose text did not change is the same object as in the
 * previous version, so work keyed on it (converted nodes, priced items) carries over.
 *
 * Well-formed text (nearly all) is read by the direct parser (`hclParser.ts`); after an edit
 * only the top-level items around it are parsed again (`hclReparse.ts`). Text it leaves to
 * tree-sitter (syntax errors) is parsed by tree-sitter, incrementally from the previous
 * version's tree when there is one, and recovered block by block (`hclRecovery.ts`).
 *
 * Trees live in WASM memory and must be freed, but a detection still evaluating one may be
 * in flight; replaced trees are freed once no detection is running.
 */
export class HclParseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly retired: Entry[] = [];
  private inFlight = 0;

  constructor(
    readonly parser: Parser,
    private readonly capacity = 256,
  ) {}

  /** Brackets one detection; trees replaced during it are freed after the last one ends. */
  async using<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      if (--this.inFlight === 0) this.freeRetired();
    }
  }

  parse(file: string, text: string): ParsedHclFile {
    const hit = this.entries.get(file);
    if (hit?.text === text) {
      this.entries.delete(file);
      this.entries.set(file, hit);
      return hit;
    }
    const reuse = hit?.reuse ?? new Map<string, HclNode>();
    const direct = hit?.direct ? reparseHclTopLevel(hit.text, hit.direct, text, textEditBetween(hit.text, text)) : parseHclTopLevel(text, reuse);
    const entry = direct ? this.entry(file, text, direct.blocks, [], false, direct.next, undefined, hit, direct) : this.parseWithTreeSitter(file, text, hit, reuse);
    if (hit) this.retire(file, hit);
    this.entries.set(file, entry);
    this.evict();
    return entry;
  }

  private parseWithTreeSitter(file: string, text: string, hit: Entry | undefined, reuse: BlockReuse): Entry {
    const tree = hit?.tree ? this.reparse(hit, hit.tree, text) : this.parser.parse(text);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${file}`);
    const converted = convertTopLevel(tree, text, reuse);
    const hasError = tree.rootNode.hasError;
    // A syntax error must not hide the well-formed blocks after it.
    const { blocks, skipped } = hasError ? recoverBlocks(this.parser, text, tree, converted.blocks, converted.next) : { blocks: converted.blocks, skipped: [] };
    return this.entry(file, text, blocks, skipped, hasError, converted.next, tree, hit, undefined);
  }

  private entry(file: string, text: string, blocks: PlacedBlock[], skipped: SkippedRegion[], hasError: boolean, reuse: BlockReuse, tree: Tree | undefined, previous: Entry | undefined, direct: TopLevelParse | undefined): Entry {
    const known = new Map(previous?.blocks.map((b) => [b.node, b]));
    const read = blocks.map(({ node, origin }) => {
      const before = known.get(node);
      return before ? { ...before, origin } : toBlock(node, origin);
    });
    return new Entry(file, text, read, skipped, hasError, reuse, tree, direct, this.parser);
  }

  /** Tree-sitter reuses the unchanged parts of the old tree; the old tree itself stays intact. */
  private reparse(old: Entry, oldTree: Tree, text: string): Tree | null {
    const base = oldTree.copy();
    try {
      base.edit(editBetween(old.text, text));
      return this.parser.parse(text, base);
    } finally {
      base.delete();
    }
  }

  private retire(file: string, entry: Entry): void {
    this.entries.delete(file);
    if (entry.tree) this.retired.push(entry);
    if (this.inFlight === 0) this.freeRetired();
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.retire(oldest, entry);
    }
  }

  private freeRetired(): void {
    for (const entry of this.retired.splice(0)) {
      entry.tree?.delete();
      entry.tree = undefined;
    }
  }
}

let shared: Promise<HclParseCache> | undefined;

/**
 * The process's one cache of parsed `.tf` files: the detector fills it as documents are
 * analysed, and quick fixes computed on the same text read the tree it already holds.
 */
export function sharedHclParseCache(): Promise<HclParseCache> {
  return (shared ??= createParser('terraform').then((p) => new HclParseCache(p)));
}

/** The single edit that turns `before` into `after`, as tree-sitter takes it (with rows and columns). */
export function editBetween(before: string, after: string): Edit {
  const { start, oldEnd, newEnd } = textEditBetween(before, after);
  // Rows are counted once over the shared prefix, then only over each side's changed part.
  const startPosition = advance({ row: 0, column: 0 }, before, 0, start);
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: advance(startPosition, before, start, oldEnd),
    newEndPosition: advance(startPosition, after, start, newEnd),
  });
}

/** The point `to` reaches from `from`, which is at `at`. */
function advance(at: Point, text: string, from: number, to: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: to - lineStart };
}
