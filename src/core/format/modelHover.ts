import { priceFor } from '../llm/llmItem';
import { cheaperModels, PRICE_SOURCE_LABEL, type LlmModelPrice } from '../llm/modelPrices';
import { formatUsd } from './costFormat';
import { SECTION_RULE, tableHead } from './markdownTable';


const perM = (v: number | undefined) => (v === undefined ? '—' : `${formatUsd(v)}`);

/** The price of a hovered model id, or undefined when the word names no model genai-prices knows. */
export function modelHoverMarkdown(word: string): string | undefined {
  // LiteLLM writes `provider/model`; Vertex `publishers/google/models/gemini-...`.
  const id = word.split('/').pop() ?? word;
  if (!/\d|-/.test(id) || id.length < 4) return undefined;
  const price = priceFor(id);
  if (!price) return undefined;
  const lines = [
    `**${price.modelName}** · ${price.providerName}${price.modelId !== id ? ` (\`${price.modelId}\`)` : ''}`,
    '',
    ...tableHead(['Per 1M tokens', 'USD'], ['left', 'right']),
    `| input | ${perM(price.inputPerMTok)} |`,
    `| cached input | ${perM(price.cachedInputPerMTok)} |`,
    `| output | ${perM(price.outputPerMTok)} |`,
    ...SECTION_RULE,
  ];
  if (price.contextWindow) lines.push(`Context window: ${price.contextWindow.toLocaleString('en-US')} tokens`, '');
  if (price.tiered) lines.push('Long prompts are billed at a higher tier; the base tier is shown.', '');
  lines.push(...cheaper(price));
  lines.push(`_Prices: ${PRICE_SOURCE_LABEL}. Batch APIs (OpenAI, Anthropic) bill half these rates; genai-prices has no batch figures._`);
  return lines.join('\n');
}

function cheaper(price: LlmModelPrice): string[] {
  const list = cheaperModels(price);
  if (!list.length) return [];
  return [
    `Cheaper ${price.providerName} models of the same kind:`,
    ...list.map((m) => `- \`${m.modelId}\`: ${formatUsd(m.inputPerMTok)} in / ${formatUsd(m.outputPerMTok)} out per 1M${m.contextWindow ? `, ${Math.round(m.contextWindow / 1000)}k context` : ''}`),
    '',
  ];
}
