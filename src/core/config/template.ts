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
    ...tagsSection(items),
  ];
  return `${lines.join('\n')}\n`;
}

/** The keys taggable resources already carry, most used first; an example when there are none. */
function tagsSection(items: readonly CostItem[]): string[] {
  const keys = new Map<string, number>();
  for (const i of items) if (i.tagging) for (const k of Object.keys(i.tags)) keys.set(k, (keys.get(k) ?? 0) + 1);
  const used = [...keys.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  if (!used.length) return ['# tags:', '#   required: [team, project, env]   # cost-allocation tags every resource must carry'];
  const list = used.map((k) => (/^[A-Za-z_][\w./-]*$/.test(k) ? k : JSON.stringify(k))).join(', ');
  return ['tags:', `  required: [${list}]   # keys your resources already carry; resources without them are flagged`];
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
