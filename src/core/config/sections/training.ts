import { isMap, type YAMLMap } from 'yaml';
import type { ConfigReader } from '../configReader';

/** What a training config cannot say about its own run, keyed by workspace-relative config path. */
export interface TrainingRunOverride {
  /** Tokens one run processes (all epochs). */
  tokens?: number;
  /** Tokens in the dataset, multiplied by the config's epochs. */
  datasetTokens?: number;
  /** Accelerator name as in the catalog: `A100-80GB`, `H100`. */
  gpu?: string;
  gpus?: number;
  /** Model parameters, when the model name does not tell. */
  parameters?: number;
}

export interface TrainingSection {
  /** Model FLOPs utilisation, 0–1. */
  mfu?: number;
  runs: Record<string, TrainingRunOverride>;
}

const BIG = 1e18;

export function readTraining(root: YAMLMap, r: ConfigReader): TrainingSection {
  const map = r.map(root, 'training', 'training');
  const runs: Record<string, TrainingRunOverride> = {};
  for (const [key, value, pair] of r.entries(r.map(map, 'runs', 'training.runs'))) {
    if (!isMap(value)) {
      r.problem(pair, `training.runs."${key}" must be a mapping`);
      continue;
    }
    const at = (k: string) => `training.runs."${key}".${k}`;
    for (const [k, , p] of r.entries(value)) {
      if (!['tokens', 'datasetTokens', 'gpu', 'gpus', 'parameters'].includes(k)) r.problem(p, `unknown key "${k}" in training.runs."${key}"`);
    }
    runs[key] = {
      tokens: r.number(value, 'tokens', at('tokens'), 1, BIG),
      datasetTokens: r.number(value, 'datasetTokens', at('datasetTokens'), 1, BIG),
      gpu: r.string(value, 'gpu', at('gpu')),
      gpus: r.number(value, 'gpus', at('gpus'), 1, 1e6),
      parameters: r.number(value, 'parameters', at('parameters'), 1, BIG),
    };
  }
  return { mfu: r.number(map, 'mfu', 'training.mfu', 0.01, 1), runs };
}
