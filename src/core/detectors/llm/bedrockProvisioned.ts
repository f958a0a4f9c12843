import type { CostItem } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';
import type { CallSite } from '../../parsing/source/callSites';
import { asNumber, asString, Unresolved } from '../../parsing/source/sourceValue';

const PROVISIONED = new Set(['create_provisioned_model_throughput', 'CreateProvisionedModelThroughputCommand']);

const COMMITMENTS: Record<string, string> = {
  OneMonth: 'a one-month commitment: every hour of the month is billed',
  SixMonths: 'a six-month commitment: every hour of the six months is billed',
};

/**
 * Bedrock Provisioned Throughput (`create_provisioned_model_throughput(modelUnits=N,
 * modelId=..., commitmentDuration=...)`): model units billed per hour while it exists, at a
 * rate per model and commitment. No bundled source carries those rates, so the item states
 * what it reserves and stays unpriced rather than guessing.
 */
export function provisionedThroughputItem(file: string, call: CallSite): CostItem | undefined {
  if (!PROVISIONED.has(call.name) || !call.kwargs.has('modelUnits')) return undefined;
  const units = asNumber(call.kwargs.get('modelUnits')?.value, 'modelUnits');
  const model = asString(call.kwargs.get('modelId')?.value, 'modelId');
  const commitment = asString(call.kwargs.get('commitmentDuration')?.value, 'commitmentDuration');
  const term = commitment === undefined ? 'no commitment: billed every hour until it is deleted'
    : typeof commitment === 'string' ? (COMMITMENTS[commitment] ?? `commitmentDuration ${commitment}`) : commitment.reason;
  const unitsText = typeof units === 'number' ? `${units} model unit${units === 1 ? '' : 's'}` : units instanceof Unresolved ? units.reason : 'model units';
  const modelText = typeof model === 'string' ? model : model instanceof Unresolved ? `a model whose ${model.reason}` : 'a model';
  return {
    file,
    range: call.range,
    kind: 'endpoint',
    resource: `Bedrock ${call.name}`,
    provider: 'aws',
    region: null,
    sku: typeof model === 'string' ? model : null,
    quantity: typeof units === 'number' ? units : 1,
    pricing: commitment === undefined ? 'on-demand' : 'reserved',
    accelerators: null,
    tags: {},
    estimate: EMPTY_ESTIMATE,
    assumptions: [`Provisioned Throughput: ${unitsText} of ${modelText}, ${term}`],
    unpricedReason: `Provisioned Throughput bills ${unitsText} per hour at a rate set per model and commitment; no bundled source (genai-prices, data/llm-unit-prices.json) has that hourly rate for ${typeof model === 'string' ? model : 'this model'}`,
  };
}
