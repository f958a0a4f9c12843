import type { PriceCatalog } from '../../catalog/catalog';
import type { Cloud, SageMakerComponent } from '../../catalog/types';
import type { EngineOptions } from '../../config/engineOptions';
import { priceInstances } from '../../estimate/instanceEstimate';
import type { CostItem, CostKind, PricingModel, Provider, SourceRange } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';
import type { CallSite, SourceFile } from '../../parsing/source/callSites';
import { Unresolved } from '../../parsing/source/sourceValue';
import { whileRunning } from '../../resources/runLength';

/** What an SDK handler needs besides the call: the file, its other calls, options and prices. */
export interface SdkEnv {
  file: string;
  source: SourceFile;
  options: EngineOptions;
  catalog: PriceCatalog;
}

export interface MachineSpec {
  kind: CostKind;
  provider: Provider;
  cloud: Cloud;
  /** `sagemaker.HuggingFace`, `aiplatform.CustomJob worker pool 0`. */
  resource: string;
  /** The argument that holds the SKU, for messages and the SKU's range. */
  skuArg: string;
  sku: string | Unresolved | undefined;
  /** Why a missing SKU cannot be priced, when the SDK has no usable default. */
  missingSku?: string;
  quantity: number;
  region: { value: string | null; assumption: string };
  pricing: PricingModel;
  component?: SageMakerComponent;
  /** A job without a run-length bound: hourly while it runs, this note saying so; without it, a monthly figure. */
  whileRunning?: string;
  assumptions: string[];
}

/** Prices one machine type × quantity, saying what it assumed or why it could not. */
export function machineItem(env: SdkEnv, call: CallSite, spec: MachineSpec): CostItem {
  const base: CostItem = {
    file: env.file,
    range: call.range,
    skuRange: skuRange(call, spec.skuArg),
    kind: spec.kind,
    resource: spec.resource,
    provider: spec.provider,
    region: spec.region.value,
    sku: typeof spec.sku === 'string' ? spec.sku : null,
    quantity: spec.quantity,
    pricing: spec.pricing,
    accelerators: null,
    tags: {},
    estimate: EMPTY_ESTIMATE,
    assumptions: [spec.region.assumption, ...spec.assumptions],
  };
  if (typeof spec.sku !== 'string') {
    // `asString` already names the argument in an Unresolved's reason.
    const reason = spec.sku instanceof Unresolved ? spec.sku.reason : (spec.missingSku ?? `${spec.skuArg} is not set`);
    return { ...base, unpricedReason: reason };
  }
  const priced = priceInstances(env.catalog, {
    cloud: spec.cloud,
    instanceType: spec.sku,
    region: spec.region.value,
    quantity: spec.quantity,
    pricing: spec.pricing,
    hoursPerMonth: env.options.hoursPerMonth,
    component: spec.component,
  });
  const item: CostItem = {
    ...base,
    region: priced.region,
    accelerators: priced.accelerators,
    estimate: priced.estimate,
    assumptions: [...base.assumptions, ...priced.assumptions],
    priceSource: priced.priceSource,
    unpricedReason: priced.unpricedReason,
  };
  return spec.whileRunning ? whileRunning(item, spec.whileRunning) : item;
}

function skuRange(call: CallSite, arg: string): SourceRange | undefined {
  const a = call.kwargs.get(arg);
  return a && typeof a.value === 'string' ? a.range : undefined;
}

/** A count argument: its value, the SDK default when absent, or 1 with a note when only known at run time. */
export function countArg(call: CallSite, name: string, fallback: number, notes: string[]): number {
  const v = call.kwargs.get(name)?.value;
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number' && v >= 0) return v;
  const why = v instanceof Unresolved ? v.reason : 'is not a number';
  notes.push(`${name} ${why}; priced for ${fallback}`);
  return fallback;
}

/** Where `**kwargs` could supply what the call does not write. */
export function spreadNote(call: CallSite): string[] {
  return call.hasSpread ? ['the call also passes **kwargs, which may set other values at run time'] : [];
}

