import type { PriceCatalog } from '../../catalog/catalog';
import type { Cloud, SageMakerComponent } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';
import type { CostItem, CostKind, PricingModel, Provider, Tagging } from '../../model';
import { evaluate, type Scope } from './hclEval';
import { attributesOf, childBlocks, nodeRange, unwrap, type HclBlock } from '../../parsing/hcl/hclTree';
import { clip, isObject, toNumber, Unresolved, type HclValue } from './hclValue';
import type { TerraformModule } from './terraformModule';
import type { InstanceGroup } from '../../resources/instanceGroup';
import { chooseRegion, type RegionCandidate, type RegionChoice } from '../shared/region';

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

/** Reads an attribute of the block (or of a nested block), or `undefined` when it is not written. */
export function attr(env: ResourceEnv, name: string, block: HclBlock = env.block): HclValue | undefined {
  const expr = attributesOf(block.body).get(name);
  return expr ? evaluate(expr, env.scope) : undefined;
}

export function attrString(env: ResourceEnv, name: string, block: HclBlock = env.block): string | Unresolved | undefined {
  const v = attr(env, name, block);
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unresolved) return v;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return new Unresolved(`${name} is not a string`);
}

export type Region = RegionChoice;

/**
 * Region from the resource's own attribute (`location`, `region`, or a GCP `zone`), then the
 * provider block, then settings or `.finops.yml`, then the catalog's default; the assumption says which.
 */
export function providerRegion(env: ResourceEnv, provider: string, cloud: Cloud, own?: RegionCandidate | Unresolved): Region {
  const configured = env.module.provider(providerKey(env, provider))?.region;
  const fromProvider = typeof configured === 'string' && configured ? { value: configured, from: `provider "${provider}"` } : undefined;
  const problems = [own, configured].filter((v): v is Unresolved => v instanceof Unresolved).map((u) => u.reason);
  const why = problems.length ? ` (${problems.join('; ')})` : '';
  const written = own instanceof Unresolved ? undefined : own;
  return chooseRegion(cloud, [written, fromProvider], env.options, env.catalog, why);
}

/** A region-like attribute of the resource (`location = "eastus"`, `zone = "us-central1-a"`). */
export function ownRegion(env: ResourceEnv, name: string, toRegion: (v: string) => string = (v) => v): RegionCandidate | Unresolved | undefined {
  const v = attrString(env, name);
  if (v === undefined) return undefined;
  if (v instanceof Unresolved) return new Unresolved(`${name}: ${v.reason}`);
  const region = toRegion(v);
  return { value: region, from: region === v ? name : `${name} ${v}` };
}

/** `provider = aws.west` selects an aliased configuration; otherwise the default one. */
function providerKey(env: ResourceEnv, provider: string): string {
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
  return { style: attrName === 'labels' ? 'gcp-labels' : 'terraform-map', range: nodeRange(env.block.node, env.block.origin), ...(partial ? { partial } : {}) };
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
  /** SageMaker prices differ by use (hosting, notebook). */
  component?: SageMakerComponent;
  /** The autoscaling floor (0 = scales to zero), when the block states one. */
  minQuantity?: number;
  /** Appended to the address, e.g. ` variant primary` for one endpoint variant. */
  addressSuffix?: string;
  /** The block holding the SKU when it is a nested block (`production_variants`, `node_config`). */
  skuBlock?: HclBlock;
}

/** What the block says about its instances, for a cost model to price. */
export function instanceGroup(env: ResourceEnv, spec: InstanceItemSpec): InstanceGroup {
  const unresolved = spec.sku instanceof Unresolved ? spec.sku.reason : 'is not set';
  return {
    file: env.file,
    range: nodeRange(env.block.node, env.block.origin),
    skuRange: skuRange(spec.skuBlock ?? env.block, spec.skuAttr),
    kind: spec.kind,
    resource: `${env.address}${spec.addressSuffix ?? ''}`,
    provider: spec.provider,
    cloud: spec.cloud,
    sku: typeof spec.sku === 'string' ? spec.sku : { unresolved: `${spec.skuAttr}: ${unresolved}` },
    region: spec.region,
    quantity: spec.quantity ?? env.quantity,
    pricing: spec.pricing,
    tags: spec.tags,
    notes: [...(spec.pricingNote ? [spec.pricingNote] : []), ...env.expansionNotes, ...(spec.extraAssumptions ?? [])],
    component: spec.component,
    tagging: spec.tagging,
    minQuantity: spec.minQuantity,
  };
}

/** Points at the SKU literal when it is written in this block, for hovers and quick fixes. */
function skuRange(block: HclBlock, name: string) {
  const expr = attributesOf(block.body).get(name);
  if (!expr) return undefined;
  const node = unwrap(expr);
  return node.type === 'template_expr' || node.type === 'literal_value' ? nodeRange(node, block.origin) : undefined;
}

/** A whole-number attribute: its value and note, or why it is not one (then `fallback`). */
export function attrCount(env: ResourceEnv, name: string, block: HclBlock = env.block): { n: number; note: string } | undefined {
  const v = attr(env, name, block);
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (n !== undefined && Number.isInteger(n) && n >= 0) return { n, note: `${name} = ${n}` };
  const why = v instanceof Unresolved ? v.reason : 'not a whole number';
  return { n: 1, note: `${name} could not be resolved (${why}); priced as 1` };
}

/** The first nested block of a type, if written. */
export function firstBlock(block: HclBlock | undefined, type: string): HclBlock | undefined {
  return block ? childBlocks(block, type)[0] : undefined;
}

export { clip };
