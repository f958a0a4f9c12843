/**
 * The billing layer's one extension point: a cost model per billable thing (an EC2 instance
 * group, a GCE VM with its GPUs, an LLM call). Format adapters (Terraform, CloudFormation,
 * Python SDKs, ...) read attributes into a model's typed input and call `estimate`; the
 * billing rules live only in the model, so every format prices the same thing the same way.
 */
import type { PriceCatalog } from '../catalog/catalog';
import type { EngineOptions } from '../config/engineOptions';
import type { CostItem } from '../model';

/** What every model prices with: the catalog (with live prices) and the workspace's options. */
export interface PricingContext {
  catalog: PriceCatalog;
  options: EngineOptions;
}

export interface CostModel<Input> {
  /** `<cloud>/<service>/<thing>`, e.g. `aws/ec2/instance-group`. */
  readonly id: string;
  /** What it prices, for documentation and messages. */
  readonly label: string;
  /** A priced item, or one whose `unpricedReason` says why it cannot be priced; never a silent zero. */
  price(input: Input, ctx: PricingContext): CostItem;
}

/** Prices one resource through its model: the single entry point the format adapters use. */
export function estimate<Input>(model: CostModel<Input>, input: Input, ctx: PricingContext): CostItem {
  return model.price(input, ctx);
}
