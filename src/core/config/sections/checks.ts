import type { YAMLMap } from 'yaml';
import type { ConfigReader } from '../configReader';

/** The FinOps checks; each is on unless `.finops.yml` turns it off. */
export const CHECK_IDS = ['tagPolicy', 'spotForTraining', 'previousGenerationGpu', 'devScaleToZero', 'gpuNotebook'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type ChecksSection = Partial<Record<CheckId, boolean>>;

export function readChecks(root: YAMLMap, r: ConfigReader): ChecksSection {
  const map = r.map(root, 'checks', 'checks');
  const out: ChecksSection = {};
  for (const [key, , pair] of r.entries(map)) {
    if (!(CHECK_IDS as readonly string[]).includes(key)) {
      r.problem(pair, `unknown check "${key}" (known: ${CHECK_IDS.join(', ')})`);
      continue;
    }
    const on = r.boolean(map, key, `checks.${key}`);
    if (on !== undefined) out[key as CheckId] = on;
  }
  return out;
}

export function checkEnabled(checks: ChecksSection | undefined, id: CheckId): boolean {
  return checks?.[id] ?? true;
}
