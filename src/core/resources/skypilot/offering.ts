/**
 * A SkyPilot task, service or pool: what SkyPilot's optimizer would launch for its resources
 * (the cheapest catalog offering, or the first available in the written order) × its nodes and
 * copies (service replicas, pool workers).
 */
import type { PriceCatalog } from '../../catalog/catalog';
import { choose, describeOffering } from '../../detectors/skypilot/optimizer';
import type { TaskResources } from '../../detectors/skypilot/taskResources';
import { acceleratorsOf } from '../../estimate/instanceEstimate';
import type { CostItem, SourceRange } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';
import type { CostModel } from '../costModel';
import { hourlyEstimate } from '../hours';

/** A count as written: its value and, when written (or not usable), the note that says so. */
export interface WrittenCount {
  n: number;
  note?: string;
}

export interface SkyPilotInput {
  file: string;
  range: SourceRange;
  name: string;
  resources: TaskResources;
  /** `num_nodes`: nodes per copy. */
  nodes: WrittenCount;
  /** Copies of the nodes: a service's replicas, a pool's workers; 1 for a task. */
  copies: WrittenCount;
  /** A task bills until it ends; a service or a pool stays up all month. */
  runs: 'task' | 'service' | 'pool';
  /** SkyServe's `base_ondemand_fallback_replicas`: copies kept on demand while the rest run on spot. */
  onDemandCopies?: number;
}

/** The same resources on demand: what SkyServe's on-demand base replicas launch. */
function onDemand(resources: TaskResources): TaskResources {
  return { ...resources, candidates: resources.candidates.map((c) => ({ ...c, useSpot: false })) };
}

const HOW_LONG: Record<SkyPilotInput['runs'], (hours: number) => string> = {
  task: () => 'a task runs until it finishes (a cluster until autostop or down): cost per hour while up',
  service: (h) => `${h} h/month (a service stays up)`,
  pool: (h) => `${h} h/month (a pool's workers stay up until the pool is torn down)`,
};

export const skyPilotOffering: CostModel<SkyPilotInput> = {
  id: 'skypilot/offering',
  label: 'SkyPilot task, service or pool',
  price(input, ctx) {
    const { resources } = input;
    const quantity = input.nodes.n * input.copies.n;
    const choice = choose(ctx.catalog, resources);
    const notes = [...resources.problems, ...[input.nodes.note, input.copies.note].filter((n): n is string => n !== undefined), ...choice.notes];
    const base: CostItem = {
      file: input.file,
      range: input.range,
      kind: 'compute',
      // A service keeps the name it had as a task, so ignore rules and saved reports still match it.
      resource: `SkyPilot ${input.runs === 'pool' ? 'pool' : 'task'} ${input.name}`,
      provider: 'other',
      region: null,
      sku: null,
      quantity,
      pricing: resources.candidates.some((c) => c.useSpot) ? 'spot' : 'on-demand',
      accelerators: null,
      tags: resources.labels,
      estimate: EMPTY_ESTIMATE,
      assumptions: notes,
    };
    const { chosen } = choice;
    if (!chosen) return { ...base, unpricedReason: notes.length ? notes[notes.length - 1] : 'no catalog offering matches the requested resources' };
    const open = resources.candidates.some((c) => !c.cloud || !c.region);
    const how = resources.ordered || resources.candidates.some((c) => c.acceleratorsOrdered) ? 'first available choice in the written order' : open ? "cheapest offering across the catalog's clouds and regions, as SkyPilot's optimizer picks" : 'the requested cloud and region';
    const hours = ctx.options.hoursPerMonth;
    const mixed = spotWithOnDemandBase(input, ctx.catalog, chosen.usdPerHour);
    const usdPerHour = mixed?.usdPerHour ?? chosen.usdPerHour * quantity;
    return {
      ...base,
      provider: chosen.offer.cloud,
      region: chosen.offer.region,
      sku: chosen.offer.instanceType,
      accelerators: acceleratorsOf(ctx.catalog, chosen.offer, quantity),
      estimate: hourlyEstimate(usdPerHour, hours, input.runs !== 'task'),
      assumptions: [
        `${describeOffering(chosen, quantity)}: ${how}`,
        ...(choice.runnerUp ? [`runner-up: ${describeOffering(choice.runnerUp, quantity)}`] : []),
        ...notes,
        ...(mixed ? [mixed.note] : []),
        HOW_LONG[input.runs](hours),
      ],
      priceSource: ctx.catalog.priceSource(chosen.offer),
    };
  },
};

/**
 * `base_ondemand_fallback_replicas: N` keeps N replicas on demand and the rest on spot (SkyServe's
 * autoscaler provisions target − N spot replicas); undefined when the service runs all on spot.
 */
function spotWithOnDemandBase(input: SkyPilotInput, catalog: PriceCatalog, spotUsd: number): { usdPerHour: number; note: string } | undefined {
  const base = Math.min(input.onDemandCopies ?? 0, input.copies.n);
  if (base <= 0 || !input.resources.candidates.some((c) => c.useSpot)) return undefined;
  const od = choose(catalog, onDemand(input.resources)).chosen;
  if (!od) return undefined;
  const nodes = input.nodes.n;
  const spotCopies = input.copies.n - base;
  return {
    usdPerHour: (od.usdPerHour * base + spotUsd * spotCopies) * nodes,
    note: `base_ondemand_fallback_replicas ${base}: ${base} replica${base > 1 ? 's' : ''} on demand (${describeOffering(od, base * nodes)}), ${spotCopies} on spot`,
  };
}
