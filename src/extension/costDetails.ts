import * as vscode from 'vscode';
import { formatUsd, lensTitle } from '../core/format/costFormat';
import { describePriceSource, describePriceSourceLong } from '../core/format/priceSourceText';
import type { CostItem } from '../core/model';
import type { PriceCatalog } from '../core/catalog/catalog';

/** The lens's click: the assumptions, the spot price and the other regions, in a quick pick. */
export async function showCostDetails(catalog: PriceCatalog, item: CostItem): Promise<void> {
  const picks: vscode.QuickPickItem[] = [
    { label: 'Estimate', kind: vscode.QuickPickItemKind.Separator },
    { label: lensTitle(item) },
    ...(item.priceSource ? [{ label: `Prices: ${describePriceSourceLong(item.priceSource)}` }] : []),
    { label: 'Assumptions', kind: vscode.QuickPickItemKind.Separator },
    ...item.assumptions.map((a) => ({ label: a })),
    ...(item.unpricedReason ? [{ label: `Not priced: ${item.unpricedReason}` }] : []),
  ];
  if (item.sku) {
    const offers = catalog.offersFor(item.sku).filter((o) => o.kind !== 'accelerator-only');
    if (offers.length) picks.push({ label: `${item.sku} by region (per instance)`, kind: vscode.QuickPickItemKind.Separator });
    for (const o of offers) {
      const od = o.onDemandUsdPerHour === null ? '—' : `${formatUsd(o.onDemandUsdPerHour)}/h`;
      const spot = o.spotUsdPerHour === null ? 'no spot price' : `spot ${formatUsd(o.spotUsdPerHour)}/h`;
      const source = describePriceSource(catalog.priceSource(o));
      picks.push({ label: o.region, description: `on-demand ${od} · ${spot}`, detail: [o.component && `SageMaker ${o.component}`, source].filter(Boolean).join(' · ') });
    }
  }
  await vscode.window.showQuickPick(picks, { title: `AI FinOps: ${item.resource}`, matchOnDescription: true });
}
