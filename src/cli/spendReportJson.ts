import { unitCostOf } from '../core/spend/unitCost';
import type { SpendReport } from '../core/spend/spendReport';

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The stable JSON of `ai-finops spend --format json` (schemaVersion 1). Amounts are in the
 * export's billing currency, named by `currency`; the `Usd` suffix is kept for the common case.
 */
export function spendReportJson(r: SpendReport) {
  return {
    schemaVersion: 1,
    currency: r.currency,
    source: r.source,
    asOf: r.asOf,
    from: r.query.from,
    to: r.query.to,
    groupBy: r.query.groupBy,
    granularity: r.query.granularity,
    metric: r.query.metric,
    filters: r.query.filters,
    groups: r.groups.map((g) => ({ key: g.key, costUsd: round(g.cost) })),
    totalUsd: round(r.total),
    series: r.series.map((p) => ({ date: p.date, key: p.key, costUsd: round(p.cost) })),
    previous: { from: r.previous.from, to: r.previous.to, totalUsd: round(r.previous.total) },
    month: {
      month: r.month.month, actualUsd: round(r.month.actual), budgetUsd: r.month.budget ?? null,
      budgetedActualUsd: r.month.budgetedActual === undefined ? null : round(r.month.budgetedActual),
    },
    forecast: { periodEnd: r.month.forecast.periodEnd, amountUsd: round(r.month.forecast.amount), method: r.month.forecast.method },
    budgets: r.budgets.map((b) => ({
      dimension: b.dimension, key: b.key, month: b.month, budgetUsd: b.budget, actualUsd: round(b.actual),
      forecastUsd: round(b.forecast), shareUsed: Math.round(b.shareUsed * 1000) / 1000, crossed: b.crossed,
    })),
    budgetsAreSample: r.budgetsAreSample,
    anomalies: r.anomalies.map((a) => ({
      date: a.date, key: a.key, actualUsd: round(a.actual), expectedUsd: round(a.expected), method: a.method, cause: a.cause ?? null,
    })),
    resources: r.resources.map((x) => ({
      id: x.id, name: x.name ?? null, service: x.service ?? null, team: x.team ?? null, costUsd: round(x.cost),
      untagged: x.untagged, idle: x.idleReason ?? null,
    })),
    untaggedUsd: r.untaggedCost === undefined ? null : round(r.untaggedCost),
    usage: r.usage.map((u) => {
      const unit = unitCostOf(u);
      return { unit: u.unit, quantity: u.quantity, costUsd: round(u.cost), unitCost: unit ? { per: unit.per, label: unit.label, price: unit.price } : null };
    }),
    otherCurrencies: r.otherCurrencies.map((o) => ({ currency: o.currency, cost: round(o.cost) })),
    commitment: r.commitment
      ? { utilisation: r.commitment.utilisation, coverage: r.commitment.coverage, usedUsd: round(r.commitment.used), unusedUsd: round(r.commitment.unused), eligibleUsd: round(r.commitment.eligible) }
      : null,
    files: r.files ?? null,
    warnings: r.warnings,
  };
}
