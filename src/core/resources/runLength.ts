/**
 * Jobs that end: a run's length turns an hourly rate into a per-run figure (training jobs,
 * bounded by their runtime limit), and a job whose length the source does not bound is
 * billed per hour while it runs, never per month.
 */
import { round } from '../estimate/instanceEstimate';
import type { CostItem } from '../model';

/** How long one run lasts, for a per-run figure; `note` says where the hours come from. */
export interface RunLength {
  hours: number;
  note: string;
}

/** How many runs one submission starts (a tuning job's trials), and the note saying why. */
export interface RunCount {
  count: number;
  note: string;
}

/** A job is paid per run: hourly × hours (× runs), and no monthly figure. */
export function perRun(item: CostItem, run: RunLength, runs?: RunCount): CostItem {
  const hourly = item.estimate.hourlyUsd;
  const count = runs?.count ?? 1;
  const notes = [...withoutMonthlyHours(item.assumptions), run.note, ...(runs ? [runs.note] : [])];
  if (hourly === null) return { ...item, assumptions: notes };
  return {
    ...item,
    estimate: { hourlyUsd: hourly, monthlyUsd: null, perRunUsd: round(hourly * run.hours * count, 2), perCallUsd: null },
    assumptions: notes,
  };
}

/**
 * A job with no run-length bound in the source (batch transform, a processing job without a
 * runtime limit): billed per hour while it runs, so hourly only, never monthly.
 */
export function whileRunning(item: CostItem, note: string): CostItem {
  return { ...item, estimate: { ...item.estimate, monthlyUsd: null }, assumptions: [...withoutMonthlyHours(item.assumptions), note] };
}

/**
 * A batch workload (a Kubernetes Job, a Kubeflow TrainJob) runs until it completes: priced per
 * hour while it runs; an item with no hourly price is left as it is.
 */
export function untilItCompletes(item: CostItem, workload: string): CostItem {
  if (item.estimate.hourlyUsd === null) return item;
  return whileRunning(item, `${workload} runs until it completes: cost per hour while running`);
}

function withoutMonthlyHours(assumptions: string[]): string[] {
  return assumptions.filter((a) => !/ h\/month$/.test(a));
}
