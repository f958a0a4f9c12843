import type { Document } from 'yaml';
import { acceleratorsOf } from '../../estimate/instanceEstimate';
import { hourlyEstimate } from '../../resources/hours';
import type { CostItem, DetectionResult, SkippedInput } from '../../model';
import { EMPTY_ESTIMATE } from '../../model';
import { firstYamlError, isPlainObject, keyNode, nodeRange, parseYaml, toPlain, type Plain, type YamlFile } from '../shared/yamlSource';
import { isToolFile } from '../shared/toolFiles';
import type { Detector, DetectorContext, DocumentView } from '../types';
import { choose, describeOffering } from './optimizer';
import { taskResources } from './taskResources';

const RESOURCE_KEYS = /^\s+(accelerators|cloud|infra|instance_type|any_of|ordered|use_spot):/m;
const TASK_KEYS = ['run', 'setup', 'num_nodes', 'workdir', 'file_mounts', 'envs', 'service'];

/** SkyPilot task YAML, recognised by a `resources:` section with SkyPilot's fields next to task keys. */
export class SkyPilotDetector implements Detector {
  readonly id = 'skypilot';
  readonly label = 'SkyPilot task YAML';

  matches(file: string): boolean {
    return /\.ya?ml$/i.test(file) && !isToolFile(file);
  }

  /** A `resources:` section with SkyPilot's fields next to task keys. */
  classify(doc: DocumentView): number {
    const keys = doc.topLevelKeys;
    return keys.has('resources') && TASK_KEYS.some((k) => keys.has(k)) && RESOURCE_KEYS.test(doc.text) ? 2 : 0;
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const yaml = parseYaml(ctx.text);
    const items: CostItem[] = [];
    const skipped: SkippedInput[] = [];
    yaml.docs.forEach((doc, index) => {
      const error = firstYamlError(doc, yaml.lines);
      if (error) {
        skipped.push({ file: ctx.file, message: `document ${index + 1}: ${error}` });
        return;
      }
      try {
        const item = taskItem(ctx, doc, yaml);
        if (item) items.push(item);
      } catch (e) {
        skipped.push({ file: ctx.file, message: `document ${index + 1}: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    return { items, skipped };
  }
}

function count(v: Plain | undefined, fallback: number, label: string): { n: number; note?: string } {
  if (v === undefined || v === null) return { n: fallback };
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return { n: v, note: `${label} = ${v}` };
  return { n: fallback, note: `${label} \`${String(v)}\` is not a positive whole number; priced as ${fallback}` };
}

function taskItem(ctx: DetectorContext, doc: Document.Parsed, yaml: YamlFile): CostItem | undefined {
  const task = toPlain(doc);
  if (!isPlainObject(task) || !isPlainObject(task.resources)) return undefined;
  const resources = taskResources(task.resources);
  const nodes = count(task.num_nodes, 1, 'num_nodes');
  const service = isPlainObject(task.service) ? task.service : undefined;
  const replicas = service ? count(isPlainObject(service.replica_policy) ? service.replica_policy.min_replicas : service.replicas, 1, 'service replicas') : { n: 1 };
  const quantity = nodes.n * replicas.n;
  const name = typeof task.name === 'string' ? task.name : '(unnamed task)';
  const choice = choose(ctx.catalog, resources);
  const notes = [...resources.problems, ...[nodes.note, replicas.note].filter((n): n is string => n !== undefined), ...choice.notes];
  const spot = resources.candidates.some((c) => c.useSpot);
  const base: CostItem = {
    file: ctx.file,
    range: nodeRange(keyNode(doc.contents, 'resources'), yaml.lines) ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    kind: 'compute',
    resource: `SkyPilot task ${name}`,
    provider: 'other',
    region: null,
    sku: null,
    quantity,
    pricing: spot ? 'spot' : 'on-demand',
    accelerators: null,
    tags: resources.labels,
    estimate: EMPTY_ESTIMATE,
    assumptions: notes,
  };
  const { chosen } = choice;
  if (!chosen) return { ...base, unpricedReason: notes.length ? notes[notes.length - 1] : 'no catalog offering matches the requested resources' };
  const hourly = chosen.usdPerHour * quantity;
  const open = resources.candidates.some((c) => !c.cloud || !c.region);
  const how = resources.ordered || resources.candidates.some((c) => c.acceleratorsOrdered) ? 'first available choice in the written order' : open ? "cheapest offering across the catalog's clouds and regions, as SkyPilot's optimizer picks" : 'the requested cloud and region';
  return {
    ...base,
    provider: chosen.offer.cloud,
    region: chosen.offer.region,
    sku: chosen.offer.instanceType,
    accelerators: acceleratorsOf(ctx.catalog, chosen.offer, quantity),
    estimate: hourlyEstimate(hourly, ctx.options.hoursPerMonth, service !== undefined),
    assumptions: [
      `${describeOffering(chosen, quantity)}: ${how}`,
      ...(choice.runnerUp ? [`runner-up: ${describeOffering(choice.runnerUp, quantity)}`] : []),
      ...notes,
      service ? `${ctx.options.hoursPerMonth} h/month (a service stays up)` : 'a task runs until it finishes (a cluster until autostop or down): cost per hour while up',
    ],
    priceSource: ctx.catalog.priceSource(chosen.offer),
  };
}
