import type { PriceCatalog } from '../../catalog/catalog';
import type { Cloud } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';
import type { CostItem, CostKind, PricingModel, Provider, Tagging } from '../../model';
import { priceInstances } from '../../estimate/instanceEstimate';
import { evaluate, type Scope } from './hclEval';
import { attributesOf, nodeRange, unwrap, type HclBlock } from './hclTree';
import { clip, firstUnresolved, isObject, Unresolved, type HclValue } from './hclValue';
import type { TerraformModule } from './terraformModule';

/** Everything a resource handler needs to turn one (expanded) resource block into items. */
export interface ResourceEnv {
  block: HclBlock;
  /** `aws_instance.trainer`, or `aws_instance.trainer["a"]` for one `for_each` instance. */
  address: string;
  scope: Scope;
  module: TerraformModule;
  file: string;
  options: EngineOptions;
  catalog: PriceCatalog;
  /** From `count`; 1 when the block has none. */
  quantity: number;
  /** Assumptions from the expansion itself, e.g. `count = 2`. */
  expansionNotes: string[];
}

export type ResourceHandler = (env: ResourceEnv) => CostItem[];

/** Reads an attribute of the block, or `undefined` when it is not written. */
export function attr(env: ResourceEnv, name: string): HclValue | undefined {
  const expr = attributesOf(env.block.body).get(name);
  return expr ? evaluate(expr, env.scope) : undefined;
}

export function attrString(env: ResourceEnv, name: string): string | Unresolved | undefined {
  const v = attr(env, name);
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unresolved) return v;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return new Unresolved(`${name} is not a string`);
}

export interface Region {
  value: string | null;
  assumption: string;
}

/** Region from the provider block, then settings or `.finops.yml`, then the catalog's default. */
export function providerRegion(env: ResourceEnv, provider: string, cloud: Cloud): Region {
  const configured = env.module.provider(providerKey(env, provider))?.region;
  if (typeof configured === 'string' && configured) {
    return { value: configured, assumption: `region ${configured} from provider "${provider}"` };
  }
  const why = configured instanceof Unresolved ? ` (provider region: ${configured.reason})` : '';
  if (env.options.defaultRegion && cloud === 'aws') {
    const source = env.options.defaultRegionSource ?? 'settings';
    return { value: env.options.defaultRegion, assumption: `region ${env.options.defaultRegion} from ${source}${why}` };
  }
  const fallback = env.catalog.meta.defaultRegions[cloud];
  return { value: fallback, assumption: `region ${fallback} (default; no region set${why})` };
}

/** `provider = aws.west` selects an aliased configuration; otherwise the default one. */
export function providerKey(env: ResourceEnv, provider: string): string {
  const ref = attributesOf(env.block.body).get('provider')?.text.trim();
  return ref && ref.startsWith(`${provider}.`) ? ref : provider;
}

/** Resource tags merged over the provider's `default_tags`, as AWS applies them. */
export function resourceTags(env: ResourceEnv, provider: string, attrName = 'tags'): Record<string, string> {
  const defaults = env.module.provider(providerKey(env, provider))?.defaultTags ?? {};
  const own = attr(env, attrName);
  const merged: Record<string, HclValue> = { ...defaults, ...(own !== undefined && isObject(own) ? own : {}) };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(merged)) out[k] = tagText(v);
  return out;
}

/** Where the tag writer finds this block's tags; `partial` when their keys are not known statically. */
export function terraformTagging(env: ResourceEnv, attrName = 'tags'): Tagging {
  const own = attr(env, attrName);
  const partial = own !== undefined && own !== null && !isObject(own);
  return { style: attrName === 'labels' ? 'gcp-labels' : 'terraform-map', range: nodeRange(env.block.node), ...(partial ? { partial } : {}) };
}

function tagText(v: HclValue): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '(known after apply)';
}

export interface InstanceItemSpec {
  kind: CostKind;
  provider: Provider;
  cloud: Cloud;
  /** The attribute that holds the SKU, for its range and for error messages. */
  skuAttr: string;
  sku: string | Unresolved | undefined;
  region: Region;
  pricing: PricingModel;
  pricingNote?: string;
  tags: Record<string, string>;
  tagging?: Tagging;
  quantity?: number;
  extraAssumptions?: string[];
}

/** Builds a priced (or clearly unpriced) item for instances of one type. */
export function instanceItem(env: ResourceEnv, spec: InstanceItemSpec): CostItem {
  const quantity = spec.quantity ?? env.quantity;
  const base: CostItem = {
    file: env.file,
    range: nodeRange(env.block.node),
    skuRange: skuRange(env, spec.skuAttr),
    kind: spec.kind,
    resource: env.address,
    provider: spec.provider,
    region: spec.region.value,
    sku: typeof spec.sku === 'string' ? spec.sku : null,
    quantity,
    pricing: spec.pricing,
    accelerators: null,
    tags: spec.tags,
    ...(spec.tagging ? { tagging: spec.tagging } : {}),
    estimate: { hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null },
    assumptions: [],
  };
  const context = [spec.region.assumption, ...(spec.pricingNote ? [spec.pricingNote] : []), ...env.expansionNotes, ...(spec.extraAssumptions ?? [])];
  if (typeof spec.sku !== 'string') {
    const reason = spec.sku instanceof Unresolved ? spec.sku.reason : 'is not set';
    return { ...base, assumptions: context, unpricedReason: `${spec.skuAttr}: ${reason}` };
  }
  const priced = priceInstances(env.catalog, {
    cloud: spec.cloud,
    instanceType: spec.sku,
    region: spec.region.value,
    quantity,
    pricing: spec.pricing,
    hoursPerMonth: env.options.hoursPerMonth,
  });
  return {
    ...base,
    region: priced.region,
    accelerators: priced.accelerators,
    estimate: priced.estimate,
    assumptions: [...priced.assumptions.slice(0, 1), ...context, ...priced.assumptions.slice(1)],
    priceSource: priced.priceSource,
    unpricedReason: priced.unpricedReason,
  };
}

/** Points at the SKU literal when it is written in this block, for hovers and quick fixes. */
function skuRange(env: ResourceEnv, name: string) {
  const expr = attributesOf(env.block.body).get(name);
  if (!expr) return undefined;
  const node = unwrap(expr);
  return node.type === 'template_expr' || node.type === 'literal_value' ? nodeRange(node) : undefined;
}

export function describeUnresolved(v: HclValue, what: string): string | undefined {
  const u = firstUnresolved(v);
  return u ? `${what}: ${u.reason}` : undefined;
}

export { clip };
