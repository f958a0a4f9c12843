import { formatUsd } from '../../format/costFormat';
import { envTag, hasGpu, savingsFinding, scaleToZeroSaving, WORKING_HOURS_PER_MONTH, type FinopsCheck } from './checkContext';

/** Kinds that keep GPUs up between requests unless they scale to zero. */
const ALWAYS_ON_KINDS = new Set(['endpoint', 'cluster', 'k8s-workload', 'compute']);

/**
 * A GPU endpoint, node group or instance tagged env=dev with a minimum above zero runs all
 * month for work done in office hours. The saving assumes it scaled to zero outside them.
 */
export const devScaleToZero: FinopsCheck = {
  id: 'devScaleToZero',
  run(item, ctx) {
    const floor = item.minQuantity ?? item.quantity;
    // Jobs and tasks that run to completion (no monthly figure) do not idle between requests.
    if (item.estimate.monthlyUsd === null) return undefined;
    if (!hasGpu(item) || envTag(item) !== 'dev' || !ALWAYS_ON_KINDS.has(item.kind) || floor <= 0 || item.pricing === 'spot') return undefined;
    const hourly = scaleToZeroSaving(item, ctx.hoursPerMonth);
    if (hourly === undefined) return undefined;
    // Only the instances kept up as the floor idle off-hours; the estimate covers `quantity`.
    const saving = (hourly * floor) / Math.max(item.quantity, 1);
    return savingsFinding(
      'devScaleToZero',
      item,
      `GPU ${item.kind} in env=dev never scales to zero (at least ${floor} always on). Scaling to zero outside ${WORKING_HOURS_PER_MONTH} working hours/month saves about ${formatUsd(saving)}/month`,
      saving,
    );
  },
};
