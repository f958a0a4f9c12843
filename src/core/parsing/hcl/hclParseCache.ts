import { Edit, type Parser, type Point, type Tree } from 'web-tree-sitter';
import { createParser } from '../treeSitter';
import { convertTopLevel, type BlockReuse } from './hclConvert';
import { recoverBlocks, type SkippedRegion } from './hclRecovery';
import { toBlock, type HclBlock } from './hclTree';

/** A `.tf` file as parsed: its tree and top-level blocks. */
export interface ParsedHclFile {
  file: string;
  tree: Tree;
  /** Top-level blocks, in source order; after a syntax error, the well-formed ones around it. */
  blocks: HclBlock[];
  /** Lines no block could be read from, when the file has syntax errors. */
  skipped: SkippedRegion[];
}

interface Entry extends ParsedHclFile {
  text: string;
  reuse: BlockReuse;
}

/**
 * Parsed `.tf` files by path, reused while their text is unchanged and reparsed
 * incrementally after an edit: a keystroke reparses what changed, and a module's other
 * files are not parsed again for every document of the module. Each version's top-level
 * blocks are plain `HclNode` trees; a block whose text did not change is the same object
 * as in the previous version, so work keyed on it (converted nodes, priced items) carries over.
 *
 * Trees live in WASM memory and must be freed, but a detection still evaluating one may be
 * in flight; replaced trees are freed once no detection is running.
 */
export class HclParseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly retired: Tree[] = [];
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
    const tree = hit ? this.reparse(hit, text) : this.parser.parse(text);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${file}`);
    if (hit) this.retire(file, hit);
    const converted = convertTopLevel(tree, text, hit?.reuse ?? new Map());
    // A syntax error must not hide the well-formed blocks after it.
    const { blocks, skipped } = tree.rootNode.hasError ? recoverBlocks(this.parser, text, tree, converted.blocks, converted.next) : { blocks: converted.blocks, skipped: [] };
    const entry: Entry = { file, text, tree, blocks: blocks.map((b) => toBlock(b.node, b.origin)), skipped, reuse: converted.next };
    this.entries.set(file, entry);
    this.evict();
    return entry;
  }

  /** Tree-sitter reuses the unchanged parts of the old tree; the old tree itself stays intact. */
  private reparse(old: Entry, text: string): Tree | null {
    const base = old.tree.copy();
    try {
      base.edit(editBetween(old.text, text));
      return this.parser.parse(text, base);
    } finally {
      base.delete();
    }
  }

  private retire(file: string, entry: Entry): void {
    this.entries.delete(file);
    this.retired.push(entry.tree);
    if (this.inFlight === 0) this.freeRetired();
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.retire(oldest, entry);
    }
  }

  private freeRetired(): void {
    for (const tree of this.retired.splice(0)) tree.delete();
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

/** The single edit that turns `before` into `after`: their common prefix and suffix are kept. */
export function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  const start = commonPrefix(before, after, max);
  const tail = commonSuffix(before, after, max - start);
  // Rows are counted once over the shared prefix, then only over each side's changed part.
  const startPosition = advance({ row: 0, column: 0 }, before, 0, start);
  return new Edit({
    startIndex: start,
    oldEndIndex: before.length - tail,
    newEndIndex: after.length - tail,
    startPosition,
    oldEndPosition: advance(startPosition, before, start, before.length - tail),
    newEndPosition: advance(startPosition, after, start, after.length - tail),
  });
}

/**
 * Chunks compared as strings (native code) before characters one by one: an edit compares
 * the whole file, and a JS loop over every character costs milliseconds until V8 optimises it.
 */
const CHUNK = 256;

function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(n, n + CHUNK) === b.slice(n, n + CHUNK)) n += CHUNK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the common suffix, at most `max` characters. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
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
