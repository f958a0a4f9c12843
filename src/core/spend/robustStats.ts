/** Order statistics that one outlier cannot drag, for forecasts and anomaly baselines. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/**
 * Iglewicz and Hoaglin's modified z-score, 0.6745·(x − median)/MAD. When over half the
 * baseline is identical (MAD = 0, common for flat daily spend) it falls back to the mean
 * absolute deviation scaled by 1.253314, as they suggest.
 */
export function modifiedZScore(x: number, baseline: readonly number[]): number {
  const m = median(baseline);
  const d = mad(baseline, m);
  if (d > 0) return (0.6745 * (x - m)) / d;
  const meanAd = baseline.reduce((a, v) => a + Math.abs(v - m), 0) / Math.max(1, baseline.length);
  if (meanAd > 0) return (x - m) / (1.253314 * meanAd);
  return x === m ? 0 : Number.POSITIVE_INFINITY * Math.sign(x - m);
}
