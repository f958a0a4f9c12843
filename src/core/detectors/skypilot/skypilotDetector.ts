import type { Document } from 'yaml';
import type { CostItem, DetectionResult } from '../../model';
import { estimate } from '../../resources/costModel';
import { skyPilotOffering } from '../../resources/skypilot/offering';
import { isPlainObject, keyNode, nodeRange, readableDocuments, toPlain, type Plain, type YamlFile } from '../shared/yamlSource';
import { isToolFile } from '../shared/toolFiles';
import type { Detector, DetectorContext, DocumentView } from '../types';
import { taskResources } from './taskResources';

const RESOURCE_KEYS = /^\s+(accelerators|cloud|infra|instance_type|any_of|ordered|use_spot|cpus):/m;
/** Fields other formats share (a Kubernetes `limits.memory`), so they count only next to task keys. */
const SHARED_RESOURCE_KEYS = /^\s+(memory|disk_size|ports):/m;
const TASK_KEYS = ['run', 'setup', 'num_nodes', 'workdir', 'file_mounts', 'envs', 'service', 'pool'];
/** The top-level keys of SkyPilot's YAML: a file with no others (a `resources`-only task) is one too. */
const SKYPILOT_KEYS: ReadonlySet<string> = new Set(['name', 'workdir', 'num_nodes', 'resources', 'envs', 'secrets', 'file_mounts', 'volumes', 'setup', 'run', 'service', 'pool', 'config']);

/** SkyPilot YAML, recognised by a `resources:` section with SkyPilot's fields next to task keys, or alone. */
export class SkyPilotDetector implements Detector {
  readonly id = 'skypilot';
  readonly label = 'SkyPilot task YAML';

  matches(file: string): boolean {
    return /\.ya?ml$/i.test(file) && !isToolFile(file);
  }

  /**
   * A `resources:` section with SkyPilot's fields next to task keys, or with only SkyPilot's keys
   * beside it; `memory`, `disk_size` or `ports` alone (a CPU-only task) only next to task keys.
   */
  classify(doc: DocumentView): number {
    const keys = doc.topLevelKeys;
    if (!keys.has('resources')) return 0;
    const taskKeys = TASK_KEYS.some((k) => keys.has(k));
    if (!RESOURCE_KEYS.test(doc.text)) return taskKeys && SHARED_RESOURCE_KEYS.test(doc.text) ? 2 : 0;
    if (taskKeys) return 2;
    return [...keys].every((k) => SKYPILOT_KEYS.has(k)) ? 1 : 0;
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const { yaml, docs, skipped } = readableDocuments(ctx.file, ctx.text);
    const items: CostItem[] = [];
    for (const { doc, number } of docs) {
      try {
        const item = taskItem(ctx, doc, yaml);
        if (item) items.push(item);
      } catch (e) {
        skipped.push({ file: ctx.file, message: `document ${number}: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return { items, skipped };
  }
}

function count(v: Plain | undefined, fallback: number, label: string): { n: number; note?: string } {
  if (v === undefined || v === null) return { n: fallback };
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return { n: v, note: `${label} = ${v}` };
  return { n: fallback, note: `${label} \`${String(v)}\` is not a positive whole number; priced as ${fallback}` };
}

/** `replicas`, or the autoscaler's `min_replicas`; at 0 the service scales to zero, so one replica is what it costs while up. */
function serviceReplicas(service: { [key: string]: Plain }): { n: number; note?: string } {
  const min = isPlainObject(service.replica_policy) ? service.replica_policy.min_replicas : undefined;
  if (min === 0) return { n: 1, note: 'min_replicas 0: the service scales to zero; priced per replica while one runs' };
  return count(min ?? service.replicas, 1, 'service replicas');
}

function taskItem(ctx: DetectorContext, doc: Document.Parsed, yaml: YamlFile): CostItem | undefined {
  const task = toPlain(doc);
  if (!isPlainObject(task) || !isPlainObject(task.resources)) return undefined;
  const service = isPlainObject(task.service) ? task.service : undefined;
  const pool = isPlainObject(task.pool) ? task.pool : undefined;
  const copies = service
    ? serviceReplicas(service)
    : pool
      ? count(pool.workers, 1, 'pool workers')
      : { n: 1 };
  return estimate(skyPilotOffering, {
    file: ctx.file,
    range: nodeRange(keyNode(doc.contents, 'resources'), yaml.lines) ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    name: typeof task.name === 'string' ? task.name : '(unnamed task)',
    resources: taskResources(task.resources),
    nodes: count(task.num_nodes, 1, 'num_nodes'),
    copies,
    runs: service ? 'service' : pool ? 'pool' : 'task',
    onDemandCopies: service && isPlainObject(service.replica_policy) ? count(service.replica_policy.base_ondemand_fallback_replicas, 0, 'base_ondemand_fallback_replicas').n : 0,
  }, ctx);
}
