/**
 * A training run: GPUs × hours (from the model size, tokens and MFU) × the GPU-hour price. The
 * estimator lives in `core/training/trainingEstimate.ts`; this model is its entry in the billing
 * layer, for training configs and Hugging Face `Trainer` calls alike.
 */
import { estimateTrainingRun, type RunContext } from '../../training/trainingEstimate';
import type { TrainingPlan } from '../../training/trainingPlan';
import type { CostModel } from '../costModel';

export interface TrainingRunInput {
  plan: TrainingPlan;
  /** Where the run is configured and its `.finops.yml` key. */
  at: Pick<RunContext, 'file' | 'key' | 'range'>;
}

export const trainingRun: CostModel<TrainingRunInput> = {
  id: 'training/run',
  label: 'Training run',
  price: (input, ctx) => estimateTrainingRun(input.plan, { ...input.at, catalog: ctx.catalog, options: ctx.options }),
};
