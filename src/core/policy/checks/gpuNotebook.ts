import { formatUsd } from '../../format/costFormat';
import { hasGpu, savingsFinding, scaleToZeroSaving, WORKING_HOURS_PER_MONTH, type FinopsCheck } from './checkContext';

/** A GPU notebook bills while nobody is typing; an idle shutdown keeps it to working hours. */
export const gpuNotebook: FinopsCheck = {
  id: 'gpuNotebook',
  run(item, ctx) {
    if (item.kind !== 'notebook' || !hasGpu(item)) return undefined;
    const saving = scaleToZeroSaving(item, ctx.hoursPerMonth);
    if (saving === undefined) return undefined;
    return savingsFinding(
      'gpuNotebook',
      item,
      `GPU notebook instance ${item.sku ?? ''} bills ${formatUsd(item.estimate.monthlyUsd ?? 0)}/month if left running. An idle auto-stop (e.g. a lifecycle configuration) that keeps it to ${WORKING_HOURS_PER_MONTH} h/month saves about ${formatUsd(saving)}/month`,
      saving,
    );
  },
};
