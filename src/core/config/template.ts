import type { CostItem } from '../model';

/**
 * A starting `.finops.yml` that fits what the workspace declares: the region most of its
 * resources use, and the tag keys its resources already carry, so the first policy run
 * flags the gaps rather than everything.
 */
export function finopsConfigTemplate(items: readonly CostItem[]): string {
  const region = mostCommon(items.map((i) => i.region).filter((r): r is string => Boolean(r))) ?? 'us-east-1';
  const lines = [
    '# AI FinOps workspace policy. Reference: https://github.com/ai-finops/ai-finops#finopsyml',
    'version: 1',
    'defaults:',
    `  region: ${region}          # when neither a resource nor its provider names one`,
    '  hoursPerMonth: 730         # monthly = hourly × this',
    '  pricing: on-demand         # on-demand | spot | reserved',
  ];
  return `${lines.join('\n')}\n`;
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
