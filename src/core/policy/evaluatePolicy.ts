import type { PriceCatalog } from '../catalog/catalog';
import { checkEnabled } from '../config/sections/checks';
import type { FinopsConfig } from '../config/finopsConfig';
import type { CostItem } from '../model';
import type { CheckContext, FinopsCheck } from './checks/checkContext';
import { devScaleToZero } from './checks/devScaleToZero';
import { gpuNotebook } from './checks/gpuNotebook';
import { previousGenerationGpu } from './checks/previousGenerationGpu';
import { spotForTraining } from './checks/spotForTraining';
import type { Finding } from './findings';
import { tagFindings } from './tagPolicy';

/** Every FinOps check; add one by adding its module here and its id to `CHECK_IDS`. */
export const FINOPS_CHECKS: readonly FinopsCheck[] = [spotForTraining, previousGenerationGpu, devScaleToZero, gpuNotebook];

export interface PolicyInput {
  items: readonly CostItem[];
  config: Pick<FinopsConfig, 'tags' | 'checks'> | undefined;
  catalog: PriceCatalog;
  hoursPerMonth: number;
}

/**
 * The findings of `.finops.yml` on a set of items. Items that are `for_each` instances of
 * one block share its first line; a finding they share is reported once.
 */
export function evaluatePolicy(input: PolicyInput): Finding[] {
  const checks = input.config?.checks;
  const ctx: CheckContext = { catalog: input.catalog, hoursPerMonth: input.hoursPerMonth };
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Finding | undefined) => {
    if (!f) return;
    const key = `${f.file}:${f.range.start.line}:${f.check}:${f.message}`;
    if (!seen.has(key)) out.push(f);
    seen.add(key);
  };
  for (const item of input.items) {
    if (checkEnabled(checks, 'tagPolicy') && input.config?.tags) tagFindings(item, input.config.tags).forEach(add);
    for (const check of FINOPS_CHECKS) if (checkEnabled(checks, check.id)) add(check.run(item, ctx));
  }
  return out;
}
