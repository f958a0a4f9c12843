import { round } from '../estimate/instanceEstimate';
import type { Estimate } from '../model';

/**
 * An hourly rate and the monthly cost it implies at `hoursPerMonth`, rounded as every item is
 * shown (hourly to 1/100 cent, monthly to the cent); `monthly: false` for things that do not
 * run all month (a training run, a SkyPilot task that ends).
 */
export function hourlyEstimate(usdPerHour: number, hoursPerMonth: number, monthly = true): Estimate {
  return { hourlyUsd: round(usdPerHour, 4), monthlyUsd: monthly ? round(usdPerHour * hoursPerMonth, 2) : null, perRunUsd: null, perCallUsd: null };
}
