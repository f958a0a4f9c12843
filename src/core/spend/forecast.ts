import type { Forecast } from './types';
import { addDays, daysInRange, eachDay, monthEnd, monthStart } from './period';
import { median } from './robustStats';

export const RUN_RATE_METHOD = 'run rate: month to date + median daily spend of the last 7 days × days left';

/**
 * Month-end forecast from a daily total series when the backend has none. The median of the
 * last week resists one-off spikes (an anomaly should not double the forecast).
 */
export function runRateForecast(daily: ReadonlyMap<string, number>, asOf: string): Forecast {
  const from = monthStart(asOf);
  const end = monthEnd(asOf);
  const mtd = eachDay({ from, to: asOf }).reduce((a, d) => a + (daily.get(d) ?? 0), 0);
  const lastWeek = eachDay({ from: addDays(asOf, -6), to: asOf }).map((d) => daily.get(d) ?? 0);
  const left = asOf >= end ? 0 : daysInRange({ from: addDays(asOf, 1), to: end });
  return { periodEnd: end, amount: mtd + median(lastWeek) * left, method: RUN_RATE_METHOD };
}
