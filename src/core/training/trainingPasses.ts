import type { TrainingMethod, TrainingPlan } from './trainingPlan';

/**
 * Training FLOPs per parameter per token. Full training: 2 forward + 4 backward (6·N·D,
 * Kaplan et al. 2020). LoRA/QLoRA skip the weight gradients of the frozen base (about a
 * third of the backward pass), leaving ≈4·N·D; QLoRA's 4-bit dequantisation adds time
 * that shows up as lower MFU, not more FLOPs.
 */
export const FLOPS_FACTOR: Record<TrainingMethod, number> = { full: 6, lora: 4, qlora: 4 };

/** One forward pass: 2 FLOPs per parameter per token. */
const FORWARD = 2;

/** FLOPs per active parameter per trained token, the sequences each sample carries, and why. */
export interface Passes {
  factor: number;
  /** Sequences per sample: 2 for preference pairs (chosen and rejected). */
  sequencesPerSample: number;
  note: string;
}

/**
 * The trained model's passes plus the extra forward passes of its objective: DPO and KTO score
 * every sequence with a frozen reference model; GRPO and PPO generate the completions they learn
 * from (one forward per generated token); PPO also runs a reward model and trains a value model,
 * both assumed as large as the policy.
 */
export function passes(plan: TrainingPlan): Passes {
  const train = FLOPS_FACTOR[plan.method];
  const trainNote = `${train}·N per token for ${plan.method} training${plan.method === 'full' ? '' : ' (frozen weights need no weight gradients)'}`;
  switch (plan.objective) {
    case 'dpo':
      return { factor: train + FORWARD, sequencesPerSample: 2, note: `DPO: ${trainNote} + ${FORWARD}·N for the reference model's forward pass, on chosen and rejected sequences (2 per sample)` };
    case 'kto':
      return { factor: train + FORWARD, sequencesPerSample: 1, note: `KTO: ${trainNote} + ${FORWARD}·N for the reference model's forward pass` };
    case 'orpo':
      return { factor: train, sequencesPerSample: 2, note: `ORPO: ${trainNote} on chosen and rejected sequences (2 per sample; no reference model)` };
    case 'reward':
      return { factor: train, sequencesPerSample: 2, note: `reward model: ${trainNote} on chosen and rejected sequences (2 per sample)` };
    case 'grpo':
    case 'rloo': {
      const ref = plan.generation?.reference ? FORWARD : 0;
      return {
        factor: train + FORWARD + ref,
        sequencesPerSample: 1,
        note: `${plan.objective.toUpperCase()}: ${trainNote} + ${FORWARD}·N to generate each completion token${ref ? ` + ${FORWARD}·N for the reference model (KL term)` : ' (no reference model: beta not set, TRL\'s default is 0)'}; generation runs below training MFU, so this is a lower bound`,
      };
    }
    case 'ppo':
      return {
        factor: train + 3 * FORWARD + FLOPS_FACTOR.full,
        sequencesPerSample: 1,
        note: `PPO: ${trainNote} + ${FORWARD}·N each for generation, the reference model and the reward model + ${FLOPS_FACTOR.full}·N to train the value model (reward and value models assumed as large as the policy)`,
      };
    default:
      return { factor: train, sequencesPerSample: 1, note: trainNote };
  }
}
