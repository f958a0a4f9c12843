import type { PriceCatalog } from '../../catalog/catalog';
import type { EngineOptions } from '../../config/engineOptions';
import type { CostItem, SourceRange } from '../../model';
import type { HclNode } from '../../parsing/hcl/hclSyntax';
import type { HclBlock } from '../../parsing/hcl/hclTree';
import type { TerraformModule } from './terraformModule';

/** What a resource block's items were computed from, besides the block's own text. */
export interface ItemContext {
  catalog: PriceCatalog;
  options: EngineOptions;
  file: string;
  /** `module.x.` for resources of a called module. */
  prefix: string;
  module: TerraformModule;
}

interface Entry {
  context: string;
  /** Resource types the handler looked up, and their texts then. */
  lookedUp: string[];
  lookedUpTexts: string;
  items: CostItem[];
  /** The block's row when the items were computed: their ranges move with it. */
  row: number;
}

/** Contexts one block is kept for at once (e.g. one module called twice). */
const ENTRIES_PER_BLOCK = 4;

/**
 * Priced items per resource block, reused while the block's text and everything its items
 * were computed from are unchanged: after a keystroke only the edited block is priced again.
 * Converted blocks are the same object across file versions while their text is unchanged,
 * so they key this cache and its entries go when the block does.
 */
export class ResourceItemCache {
  private readonly byBlock = new WeakMap<HclNode, Entry[]>();
  private readonly catalogIds = new WeakMap<PriceCatalog, number>();
  private readonly optionKeys = new WeakMap<EngineOptions, string>();

  itemsFor(block: HclBlock, ctx: ItemContext, compute: () => CostItem[]): CostItem[] {
    const context = this.contextKey(ctx);
    const entries = this.byBlock.get(block.node) ?? [];
    const hit = entries.find((e) => e.context === context && ctx.module.resourceTexts(e.lookedUp) === e.lookedUpTexts);
    if (hit) return hit.items.map((item) => copyAt(item, block.origin.row - hit.row));
    const { result, types } = ctx.module.trackLookups(compute);
    const entry: Entry = { context, lookedUp: types, lookedUpTexts: ctx.module.resourceTexts(types), items: result.map((i) => copyAt(i, 0)), row: block.origin.row };
    this.byBlock.set(block.node, [entry, ...entries.filter((e) => e.context !== context)].slice(0, ENTRIES_PER_BLOCK));
    return result;
  }

  /** The last context asked for and its key: every block of a file shares one, so it is built once per file, not per block. */
  private last: (ItemContext & { revision: string; key: string }) | undefined;

  private contextKey(ctx: ItemContext): string {
    const revision = ctx.catalog.revision();
    const l = this.last;
    if (l && l.module === ctx.module && l.catalog === ctx.catalog && l.revision === revision && l.options === ctx.options && l.file === ctx.file && l.prefix === ctx.prefix) {
      return l.key;
    }
    const key = [this.catalogId(ctx.catalog), revision, this.optionsKey(ctx.options), ctx.file, ctx.prefix, ctx.module.signature()].join('\u0000');
    this.last = { ...ctx, revision, key };
    return key;
  }

  /** Identity tells catalogs apart; `revision()` tells one catalog's live prices apart over time. */
  private catalogId(catalog: PriceCatalog): number {
    let id = this.catalogIds.get(catalog);
    if (id === undefined) this.catalogIds.set(catalog, (id = nextCatalogId++));
    return id;
  }

  private optionsKey(options: EngineOptions): string {
    let key = this.optionKeys.get(options);
    if (key === undefined) this.optionKeys.set(options, (key = JSON.stringify(options)));
    return key;
  }
}

let nextCatalogId = 0;

/**
 * A copy callers may change (the detector appends module notes to assumptions), with its
 * ranges moved down `rows` lines. Columns stay: a block is reused only at the same column.
 */
function copyAt(item: CostItem, rows: number): CostItem {
  return {
    ...item,
    assumptions: [...item.assumptions],
    range: shift(item.range, rows),
    ...(item.skuRange ? { skuRange: shift(item.skuRange, rows) } : {}),
    ...(item.tagging ? { tagging: { ...item.tagging, ...(item.tagging.range ? { range: shift(item.tagging.range, rows) } : {}) } } : {}),
  };
}

function shift(range: SourceRange, rows: number): SourceRange {
  if (rows === 0) return { start: { ...range.start }, end: { ...range.end } };
  return { start: { line: range.start.line + rows, column: range.start.column }, end: { line: range.end.line + rows, column: range.end.column } };
}
