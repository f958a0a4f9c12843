/**
 * The cost model shared by every detector, estimator and adapter.
 * Pure data: no behaviour, no editor types.
 */

/** Zero-based, like most parsers; adapters convert to 1-based for humans. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

export type CostKind =
  | 'compute'
  | 'endpoint'
  | 'notebook'
  | 'cluster'
  | 'k8s-workload'
  | 'training-run'
  | 'llm-call';

export type Provider = 'aws' | 'gcp' | 'azure' | 'lambda' | 'openai' | 'anthropic' | 'google' | 'other';

export type PricingModel = 'on-demand' | 'spot' | 'reserved';

export interface AcceleratorSummary {
  /** Catalog name, e.g. `A100-40GB`, `H100`, `L4`. */
  name: string;
  /** Total across all instances of the item. */
  count: number;
  memoryGib?: number;
}

export interface Estimate {
  hourlyUsd: number | null;
  monthlyUsd: number | null;
  perRunUsd: number | null;
  perCallUsd: number | null;
}

/** Where a price came from, shown next to every figure. */
export interface PriceSource {
  label: string;
  /** ISO date (or month) of the prices, when the source states it. */
  asOf?: string;
  /** ISO timestamp when the price was fetched from a live API; absent for bundled prices. */
  fetchedAt?: string;
}

/**
 * One thing in a workspace that costs money. An item that cannot be priced
 * carries `unpricedReason` and a null estimate, never a silent zero.
 */
export interface CostItem {
  /** Absolute path (or a URI string) of the file the item was found in. */
  file: string;
  range: SourceRange;
  /** Index (0-based) of the notebook cell the item is in; `range` is then relative to that cell. */
  cell?: number;
  /** Range of the SKU literal, when the SKU is written in this file. */
  skuRange?: SourceRange;
  kind: CostKind;
  /** Human name of the resource, e.g. `aws_instance.trainer`. */
  resource: string;
  provider: Provider;
  region: string | null;
  /** Instance type, machine type or model id; null when it could not be resolved. */
  sku: string | null;
  /** Number of instances, nodes or replicas. */
  quantity: number;
  /** The fewest instances autoscaling can run (0 when it scales to zero), when the source states it. */
  minQuantity?: number;
  pricing: PricingModel;
  accelerators: AcceleratorSummary | null;
  tags: Record<string, string>;
  /** How this resource's tags are written, for the tag policy and its quick fix; absent when it takes none. */
  tagging?: Tagging;
  estimate: Estimate;
  /** Every assumption behind the estimate, in the order a reader needs them. */
  assumptions: string[];
  priceSource?: PriceSource;
  unpricedReason?: string;
  /**
   * The resource type or kind (`aws_emr_cluster`, `NodePool`) when the engine recognises it as
   * cost-bearing but has no cost model for it yet; `unpricedReason` then says "not yet supported".
   */
  unsupportedType?: string;
  /**
   * Replaces `quantity× sku` in titles for an item that sums others, e.g. a module call's
   * total (`module ./modules/gpu: 3 resources`).
   */
  summary?: string;
  /** The items an aggregate sums, each in its own file. */
  children?: CostItem[];
  /** A training run's model, hardware and per-token figures; absent on other items. */
  training?: TrainingFigures;
}

/** What a training-run estimate rests on, in a form tools can read without parsing assumptions. */
export interface TrainingFigures {
  /** Parameters each token passes through (active parameters of a mixture of experts), billions; absent when the model size is unknown. */
  activeParamsB?: number;
  totalParamsB?: number;
  gpus: number;
  /** Absent when no GPU is named and the model size is unknown, so none can be chosen. */
  gpu?: string;
  /** Tokens one run processes, when the config (or the dataset table) says. */
  tokens?: number;
  /** What 100M trained tokens cost on this hardware. */
  per100MTokensUsd?: number;
  /** One epoch of the config's dataset, or of 1M samples when the dataset size is unknown. */
  perEpochUsd?: number;
}

/**
 * The syntax a resource's cost-allocation tags are written in. Each style has a tag writer
 * in `core/policy/tagWriters/` that inserts missing keys in the file's own syntax.
 */
export type TaggingStyle = 'terraform-map' | 'gcp-labels' | 'cloudformation-list' | 'cloudformation-map' | 'k8s-labels';

export interface Tagging {
  style: TaggingStyle;
  /**
   * Terraform: the resource block. YAML/JSON: the mapping that owns the tags (a Kubernetes
   * object, a CloudFormation resource). Defaults to the item's `range`.
   */
  range?: SourceRange;
  /** True when some tag values could not be resolved, so absent keys may come from elsewhere. */
  partial?: boolean;
  /** Terraform: the map attribute the quick fix adds keys to (`resource_labels`); else the style's (`tags`, `labels`). */
  attribute?: string;
  /** Terraform: nested blocks from the resource block to that attribute (`['node_config']`), created when absent. */
  blockPath?: string[];
}

/** A file the scan could not read or parse, or a part of one it skipped. */
export interface SkippedInput {
  file: string;
  message: string;
  /** The lines skipped, when the detector knows them (a syntax error's broken region). */
  range?: SourceRange;
}

export interface DetectionResult {
  items: CostItem[];
  skipped: SkippedInput[];
  /**
   * Other folders whose files the result read (local Terraform modules), so an editor can
   * refresh it when they change. Absolute paths.
   */
  readFolders?: string[];
}

export const EMPTY_ESTIMATE: Estimate = Object.freeze({
  hourlyUsd: null,
  monthlyUsd: null,
  perRunUsd: null,
  perCallUsd: null,
});
