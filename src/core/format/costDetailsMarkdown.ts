import type { PriceCatalog } from '../catalog/catalog';
import type { CostItem } from '../model';
import { formatUsd, lensTitle } from './costFormat';
import { itemCostText } from './costTotals';
import { SECTION_RULE, tableHead } from './markdownTable';
import { describePriceSource, describePriceSourceLong } from './priceSourceText';

/** Markdown would read `*`, `_`, `|` and backticks in repository text as formatting. */
function plain(text: string): string {
  return text.replace(/([\\`*_[\]|<>#])/g, '\\$1');
}

/**
 * The lens's details: the estimate, every assumption in full (a quick pick cut long ones off),
 * the price source and the SKU's price in every region of the catalog.
 */
export function costDetailsMarkdown(catalog: PriceCatalog, item: CostItem): string {
  const lines = [`# ${plain(item.resource)}`, '', `**${plain(itemCostText(item))}**`, '', plain(lensTitle(item)), ''];
  if (item.unpricedReason) lines.push(`**Not priced:** ${plain(item.unpricedReason)}`, '');
  if (item.priceSource) lines.push(`Prices: ${plain(describePriceSourceLong(item.priceSource))}`, '');
  lines.push('## Assumptions', '', ...(item.assumptions.length ? item.assumptions.map((a) => `- ${plain(a)}`) : ['- none stated']));
  if (item.children?.length) {
    lines.push('', '## What it sums', '', ...item.children.map((c) => `- ${plain(c.resource)}: ${plain(itemCostText(c))}`));
  }
  const offers = item.sku ? catalog.offersFor(item.sku).filter((o) => o.kind !== 'accelerator-only') : [];
  if (item.sku && offers.length) {
    lines.push(...SECTION_RULE, `## ${plain(item.sku)} by region (per instance)`, '');
    lines.push(...tableHead(['Region', 'On-demand /h', 'Spot /h', 'Source'], ['left', 'right', 'right', 'left']));
    for (const o of offers) {
      const od = o.onDemandUsdPerHour === null ? '—' : formatUsd(o.onDemandUsdPerHour);
      const spot = o.spotUsdPerHour === null ? '—' : formatUsd(o.spotUsdPerHour);
      const source = [o.component && `SageMaker ${o.component}`, describePriceSource(catalog.priceSource(o))].filter(Boolean).join(' · ');
      lines.push(`| ${plain(o.region)} | ${od} | ${spot} | ${plain(source)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
