/**
 * What each format adapter knows about the resource types (or kinds) of its format: priced by a
 * cost model, free (no charge of its own, or billed on another resource), or cost-bearing but
 * not priced yet. A type of a cost-bearing family that no list names is treated as not yet
 * supported too, so nothing that bills is dropped silently.
 */
import type { CostItem, Provider, SourceRange } from '../model';
import { EMPTY_ESTIMATE } from '../model';

/** The words every unsupported item's reason contains, for readers and tests alike. */
export const NOT_YET_SUPPORTED = 'not yet supported';

export type Coverage = 'supported' | 'free' | 'unsupported';

export interface CoverageTable {
  /** What the adapter's resources noun is, for messages: `Terraform resource type`, `Kubernetes kind`. */
  noun: string;
  supported: ReadonlySet<string>;
  free: ReadonlySet<string>;
  /** Cost-bearing types known to have no cost model yet. */
  unsupported: ReadonlySet<string>;
  /** Name patterns of cost-bearing families: an unlisted member is reported as not yet supported. */
  costBearing: readonly RegExp[];
}

/** How the table classifies `type`; undefined for types outside every cost-bearing family (not billed by what we model). */
export function coverageOf(table: CoverageTable, type: string): Coverage | undefined {
  if (table.supported.has(type)) return 'supported';
  if (table.free.has(type)) return 'free';
  if (table.unsupported.has(type) || table.costBearing.some((re) => re.test(type))) return 'unsupported';
  return undefined;
}

export interface UnsupportedResource {
  file: string;
  range: SourceRange;
  resource: string;
  provider: Provider;
  type: string;
  quantity: number;
  tags: Record<string, string>;
  notes: string[];
  /** What makes it cost-bearing, when the type alone does not say (`GPU limits`). */
  why?: string;
}

/** An unpriced item for a cost-bearing resource without a cost model, instead of silence. */
export function unsupportedItem(table: CoverageTable, r: UnsupportedResource): CostItem {
  return {
    file: r.file,
    range: r.range,
    kind: 'compute',
    resource: r.resource,
    provider: r.provider,
    region: null,
    sku: null,
    quantity: r.quantity,
    pricing: 'on-demand',
    accelerators: null,
    tags: r.tags,
    estimate: EMPTY_ESTIMATE,
    assumptions: r.notes,
    unpricedReason: `${table.noun} ${r.type}${r.why ? ` (${r.why})` : ''} bills, but is ${NOT_YET_SUPPORTED}: it is not in the totals`,
    unsupportedType: r.type,
  };
}
