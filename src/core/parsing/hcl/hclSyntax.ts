import type { SourceRange } from '../../model';

/** A zero-based row and a column in UTF-16 code units, as tree-sitter reports them. */
export interface SyntaxPoint {
  row: number;
  column: number;
}

/**
 * Where a converted subtree sits in its file. Nodes of a top-level block keep offsets and rows
 * relative to the block's start (columns are absolute), so the same converted block serves
 * every version of the file in which its text is unchanged, wherever it moved.
 */
export interface Origin {
  index: number;
  row: number;
}

/** A whole file converted at once: positions are the file's own. */
export const FILE_ORIGIN: Origin = { index: 0, row: 0 };

/** The text a subtree was converted from: offsets index it, and rows and columns are found from it on demand. */
export class SyntaxSource {
  private lineStarts: number[] | undefined;

  /** `baseColumn` is the column `text` starts at in its file. */
  constructor(
    private source: string,
    private readonly baseColumn: number,
  ) {}

  get text(): string {
    return this.source;
  }

  /**
   * Sets the text once it is known: the direct parser creates a block's nodes before it has
   * reached the block's end, which is where the block's text ends.
   */
  settle(text: string): void {
    this.source = text;
    this.lineStarts = undefined;
  }

  pointAt(index: number): SyntaxPoint {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: lo === 0 ? this.baseColumn + index : index - starts[lo] };
  }
}

/** Tree-sitter counts rows by `\n` alone, so a `\r\n` file's `\r` ends its row's columns. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * One node of an HCL syntax tree, held in plain JS memory. Reading a tree-sitter node crosses
 * into WASM and allocates on every access; this is read freely by the evaluator and handlers.
 * It mirrors the part of tree-sitter's `Node` the Terraform code uses.
 */
export class HclNode {
  private named: readonly HclNode[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    /** The grammar's field name for this node in its parent (`key`, `val`), if any. */
    readonly field: string | null,
    /** Offsets into `source`, which starts at the origin. */
    readonly startIndex: number,
    readonly endIndex: number,
    readonly children: readonly HclNode[],
    readonly hasError: boolean,
    private readonly source: SyntaxSource,
  ) {}

  /** The named children; the children themselves when all are named, as most expression nodes' are. */
  get namedChildren(): readonly HclNode[] {
    return (this.named ??= this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed));
  }

  /** The first named child, read without building `namedChildren`. */
  get firstNamedChild(): HclNode | null {
    for (const c of this.children) if (c.isNamed) return c;
    return null;
  }

  /** The first named child of a type, read without building `namedChildren`. */
  namedChildOfType(type: string): HclNode | null {
    for (const c of this.children) if (c.isNamed && c.type === type) return c;
    return null;
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  /** The source between two of this subtree's offsets, without slicing the whole node's text first. */
  textBetween(start: number, end: number): string {
    return this.source.text.slice(start, end);
  }

  get startPosition(): SyntaxPoint {
    return this.source.pointAt(this.startIndex);
  }

  get endPosition(): SyntaxPoint {
    return this.source.pointAt(this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get lastChild(): HclNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  child(i: number): HclNode | null {
    return this.children[i] ?? null;
  }

  childForFieldName(name: string): HclNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }

  /** The first of `descendantsOfType(type)`, found without collecting the rest. */
  firstDescendantOfType(type: string): HclNode | null {
    for (const c of this.children) {
      if (c.type === type) return c;
      const found = c.firstDescendantOfType(type);
      if (found) return found;
    }
    return null;
  }

  /** Descendants of a type in document order, not including this node. */
  descendantsOfType(type: string): HclNode[] {
    const out: HclNode[] = [];
    const visit = (node: HclNode) => {
      for (const c of node.children) {
        if (c.type === type) out.push(c);
        visit(c);
      }
    };
    visit(this);
    return out;
  }
}

/** A node's span in the model's zero-based lines and columns, placed at its origin. */
export function nodeRange(node: HclNode, origin: Origin = FILE_ORIGIN): SourceRange {
  const start = node.startPosition;
  const end = node.endPosition;
  return {
    start: { line: origin.row + start.row, column: start.column },
    end: { line: origin.row + end.row, column: end.column },
  };
}
