import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { FILE_ORIGIN, HclNode, SyntaxSource, type Origin } from './hclSyntax';

/**
 * Converts tree-sitter trees into plain `HclNode` trees by walking a `TreeCursor`: a cursor
 * step is one small WASM call, where each tree-sitter `Node` read marshals a whole node.
 * Rows and columns are found from the text when a range is asked for, not read from WASM.
 */

/** Type names and named-ness by symbol id, looked up in WASM once per language. */
class Symbols {
  private readonly named = new Map<number, boolean>();

  constructor(private readonly language: Language) {}

  type(id: number): string {
    return this.language.types[id] || 'ERROR';
  }

  isNamed(id: number): boolean {
    let named = this.named.get(id);
    if (named === undefined) this.named.set(id, (named = this.language.nodeTypeIsNamed(id)));
    return named;
  }

  field(id: number): string | null {
    return id ? (this.language.fields[id] ?? null) : null;
  }
}

const symbolsByLanguage = new WeakMap<Language, Symbols>();

function symbolsOf(language: Language): Symbols {
  let symbols = symbolsByLanguage.get(language);
  if (!symbols) symbolsByLanguage.set(language, (symbols = new Symbols(language)));
  return symbols;
}

/** The text a subtree is converted against, and where it starts in the file. */
interface Frame {
  source: SyntaxSource;
  base: number;
  symbols: Symbols;
}

function frameFor(text: string, base: number, baseColumn: number, symbols: Symbols): Frame {
  return { source: new SyntaxSource(text, baseColumn), base, symbols };
}

interface Open {
  typeId: number;
  field: string | null;
  start: number;
  end: number;
  missing: boolean;
  children: HclNode[];
}

const NO_CHILDREN: readonly HclNode[] = Object.freeze([]);

/** Only `object_elem` children carry fields (`key`, `val`) that the evaluator reads. */
const FIELD_PARENTS = new Set(['object_elem']);

function open(c: TreeCursor, frame: Frame, parent: Open | undefined): Open {
  const typeId = c.nodeTypeId;
  const field = parent && FIELD_PARENTS.has(frame.symbols.type(parent.typeId)) ? frame.symbols.field(c.currentFieldId) : null;
  return { typeId, field, start: 0, end: 0, missing: false, children: [] };
}

/**
 * Closes the node the cursor is on. Leaves read their span from WASM; a well-formed parent spans
 * its first child's start to its last child's end, as tree-sitter sizes it. Error recovery
 * and the root may also cover text no child holds, so those read it too.
 */
function close(c: TreeCursor, o: Open, frame: Frame, isRoot: boolean): HclNode {
  const first = o.children[0];
  const last = o.children[o.children.length - 1];
  const type = frame.symbols.type(o.typeId);
  const childError = o.children.some((ch) => ch.hasError);
  if (first && last && !childError && type !== 'ERROR' && !isRoot) {
    o.start = first.startIndex;
    o.end = last.endIndex;
  } else {
    o.start = c.startIndex - frame.base;
    o.end = c.endIndex - frame.base;
    o.missing = !first && o.start === o.end && c.nodeIsMissing;
  }
  const hasError = o.missing || type === 'ERROR' || childError;
  // Half the nodes are leaves; one shared empty list keeps a converted file's objects (which
  // live across edits and are copied by every young-generation GC until promoted) fewer.
  const children = o.children.length ? o.children : NO_CHILDREN;
  return new HclNode(type, frame.symbols.isNamed(o.typeId), o.field, o.start, o.end, children, hasError, frame.source);
}

/** Converts the cursor's node and its descendants, leaving the cursor on that node. Iterative: hostile input nests deeply. */
function convertSubtree(c: TreeCursor, frame: Frame): HclNode {
  const stack: Open[] = [];
  for (;;) {
    const node = open(c, frame, stack[stack.length - 1]);
    stack.push(node);
    if (c.gotoFirstChild()) continue;
    for (;;) {
      const top = stack.pop();
      if (!top) throw new Error('unbalanced syntax tree walk');
      const parent = stack[stack.length - 1];
      const done = close(c, top, frame, !parent);
      if (!parent) return done;
      parent.children.push(done);
      if (c.gotoNextSibling()) break;
      c.gotoParent();
    }
  }
}

/** A whole tree at once, positions the file's own (quick fixes and tfvars files). */
export function convertFile(tree: Tree, text: string): HclNode {
  const cursor = tree.walk();
  try {
    return convertSubtree(cursor, frameFor(text, 0, 0, symbolsOf(tree.language)));
  } finally {
    cursor.delete();
  }
}

/** A top-level block of a file: its converted node and where it sits in this version. */
export interface PlacedBlock {
  node: HclNode;
  origin: Origin;
}

/** Converted top-level blocks by their column and text: what the next version of the file can reuse. */
export type BlockReuse = Map<string, HclNode>;

/**
 * The file's top-level blocks, converting only those whose text (at the same column) is not
 * in `reuse`; a keystroke converts the block it touched. Returns the map for the next version.
 */
export function convertTopLevel(tree: Tree, text: string, reuse: BlockReuse): { blocks: PlacedBlock[]; next: BlockReuse } {
  const symbols = symbolsOf(tree.language);
  const next: BlockReuse = new Map();
  const blocks: PlacedBlock[] = [];
  const c = tree.walk();
  try {
    if (!c.gotoFirstChild()) return { blocks, next };
    do {
      if (typeAt(c) !== 'body' || !c.gotoFirstChild()) continue;
      do {
        if (typeAt(c) !== 'block') continue;
        const start = c.startIndex;
        const { row, column } = c.startPosition;
        const source = text.slice(start, c.endIndex);
        // A block starts with its type name, never a digit, so the column prefix cannot collide;
        // blocks at column 0 (nearly all) are keyed by their text alone, which is not copied.
        const key = column === 0 ? source : `${column}:${source}`;
        let node = next.get(key) ?? reuse.get(key);
        // The copy detaches the block's text from this version of the file, which is not kept alive.
        node ??= convertSubtree(c, frameFor((' ' + source).slice(1), start, column, symbols));
        next.set(key, node);
        blocks.push({ node, origin: { index: start, row } });
      } while (c.gotoNextSibling());
      c.gotoParent();
    } while (c.gotoNextSibling());
    return { blocks, next };
  } finally {
    c.delete();
  }
}

function typeAt(c: TreeCursor): string {
  return c.nodeType;
}

export { FILE_ORIGIN };
