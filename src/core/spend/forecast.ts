import type { Forecast } from './types';
import { addDays, daysInRange, eachDay, monthEnd, monthStart } from './period';
import { median } from './robustStats';

/** Days of the trailing run rate; early in a month they reach into the previous one. */
export const RUN_RATE_DAYS = 7;
export const RUN_RATE_METHOD = `run rate: month to date + median daily spend of the last ${RUN_RATE_DAYS} days × days left`;

/**
 * Month-end forecast from a daily total series when the backend has none. The median of the
 * last week resists one-off spikes (an anomaly should not double the forecast). `daily` must
 * hold the days before the month that week reaches (the caller fetches them): a day
 * missing from it counts as a day without spend.
 */
export function runRateForecast(daily: ReadonlyMap<string, number>, asOf: string): Forecast {
  const from = monthStart(asOf);
  const end = monthEnd(asOf);
  const mtd = eachDay({ from, to: asOf }).reduce((a, d) => a + (daily.get(d) ?? 0), 0);
  const lastWeek = eachDay({ from: addDays(asOf, -(RUN_RATE_DAYS - 1)), to: asOf }).map((d) => daily.get(d) ?? 0);
  const left = asOf >= end ? 0 : daysInRange({ from: addDays(asOf, 1), to: end });
  return { periodEnd: end, amount: mtd + median(lastWeek) * left, method: RUN_RATE_METHOD };
}
