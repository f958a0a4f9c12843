import type { CostItem } from '../../model';
import { formatUsd } from '../../format/costFormat';
import { savingsFinding, type FinopsCheck } from './checkContext';

/**
 * Training and batch work tolerates interruption (it checkpoints), so on-demand capacity is
 * worth flagging where the catalog has a spot price. Kinds that are training by construction
 * (`training-run`, `cluster`) always qualify; any other item only when its resource name, or
 * the value of a role-like tag (Name, workload, purpose, role, job), says train/batch: an
 * instance alone does not say what it runs, and project names ("llm-finetune") cover serving too.
 */
const TRAINING_WORDS = /train|batch|fine-?tun|\bjob\b/i;
const ROLE_TAGS = /^(name|workload|purpose|role|job|component)$/i;

export function looksLikeTraining(item: CostItem): boolean {
  if (item.kind === 'training-run' || item.kind === 'cluster') return true;
  const roles = Object.entries(item.tags).filter(([k]) => ROLE_TAGS.test(k)).map(([, v]) => v);
  return [item.resource, ...roles].some((v) => TRAINING_WORDS.test(v));
}

export const spotForTraining: FinopsCheck = {
  id: 'spotForTraining',
  run(item, ctx) {
    if (item.pricing !== 'on-demand' || !item.sku || item.estimate.monthlyUsd === null || !looksLikeTraining(item)) return undefined;
    const found = ctx.catalog.lookup({ instanceType: item.sku, region: item.region, component: item.kind === 'training-run' ? 'training' : undefined });
    if (!found.found) return undefined;
    const { onDemandUsdPerHour: od, spotUsdPerHour: spot } = found.offer;
    if (od === null || spot === null || spot >= od) return undefined;
    const saving = item.estimate.monthlyUsd * (1 - spot / od);
    const why = item.kind === 'training-run' || item.kind === 'cluster' ? item.kind : 'its name or tags say training/batch';
    const finding = savingsFinding(
      'spotForTraining',
      item,
      `Training/batch work (${why}) on on-demand ${item.sku}: spot is ${formatUsd(spot)}/h vs ${formatUsd(od)}/h in ${found.offer.region}; about ${formatUsd(saving)}/month less with spot and checkpointing`,
      saving,
    );
    // Mechanical only for an aws_instance: the other kinds say spot in formats of their own.
    if (item.resource.startsWith('aws_instance.') && item.tagging?.style === 'terraform-map') {
      finding.blockFix = { kind: 'terraform-spot-market', title: 'Use spot capacity (instance_market_options)', blockLine: item.range.start.line };
    }
    return finding;
  },
};
