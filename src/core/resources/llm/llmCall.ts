/**
 * An LLM API call: tokens per call × the model's token prices, and a monthly cost at the
 * configured call volume. The estimator itself lives in `core/llm/llmItem.ts`; this model is
 * its entry in the billing layer, so LLM calls are priced like every other resource.
 */
import type { LlmCallSpec } from '../../detectors/llm/llmCalls';
import { llmItem } from '../../llm/llmItem';
import type { CallSite } from '../../parsing/source/callSites';
import type { CostModel } from '../costModel';

export interface LlmCallInput {
  file: string;
  call: CallSite;
  /** What the recogniser read from the call: model, prompt and output-token arguments. */
  spec: LlmCallSpec;
}

export const llmCall: CostModel<LlmCallInput> = {
  id: 'llm/call',
  label: 'LLM API call',
  price: (input, ctx) => llmItem(input.file, input.call, input.spec, ctx.options),
};
