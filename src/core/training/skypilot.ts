import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { WorkspaceReader } from '../detectors/types';
import type { Read } from './trainingPlan';

export interface SkyPilotResources {
  gpuType: Read<string>;
  gpus: Read<number>;
}

/** Sizes beyond any real task file; larger YAML next to a config is data, not a task. */
const MAX_TASK_BYTES = 256 * 1024;

/**
 * The GPUs of a SkyPilot task in the config's folder: the one whose `run`/`setup` names the
 * config, else the only task there. `accelerators` may be `A100:8`, `{A100-80GB: 8}` or a
 * list of candidates (the first is used, as SkyPilot tries them in order).
 */
export async function skyPilotResources(configFile: string, reader: WorkspaceReader): Promise<SkyPilotResources | undefined> {
  const dir = path.dirname(configFile);
  const tasks: { file: string; res: SkyPilotResources; mentions: boolean }[] = [];
  for (const name of await reader.listFiles(dir)) {
    if (!/\.ya?ml$/i.test(name) || path.join(dir, name) === configFile) continue;
    const text = await reader.readText(path.join(dir, name));
    if (!text || text.length > MAX_TASK_BYTES || !/^resources:/m.test(text) || !/accelerators/.test(text)) continue;
    const res = parseTask(text, name);
    if (res) tasks.push({ file: name, res, mentions: /^(run|setup):/m.test(text) && text.includes(path.basename(configFile)) });
  }
  return (tasks.find((t) => t.mentions) ?? (tasks.length === 1 ? tasks[0] : undefined))?.res;
}

function parseTask(text: string, name: string): SkyPilotResources | undefined {
  let task: unknown;
  try {
    task = parseYaml(text);
  } catch {
    return undefined;
  }
  if (typeof task !== 'object' || task === null) return undefined;
  const t = task as { resources?: { accelerators?: unknown }; num_nodes?: unknown };
  const acc = first(t.resources?.accelerators);
  if (!acc) return undefined;
  const nodes = typeof t.num_nodes === 'number' && t.num_nodes > 0 ? t.num_nodes : 1;
  return {
    gpuType: { value: acc.name, note: `GPU ${acc.name} from SkyPilot task ${name}` },
    gpus: { value: acc.count * nodes, note: `${acc.count} GPUs × ${nodes} node${nodes > 1 ? 's' : ''} from SkyPilot task ${name}` },
  };
}

function first(v: unknown): { name: string; count: number } | undefined {
  if (Array.isArray(v)) return first(v[0]);
  if (typeof v === 'string') {
    const [name, count] = v.split(':');
    return name ? { name: name.trim(), count: count ? Number(count) || 1 : 1 } : undefined;
  }
  if (typeof v === 'object' && v !== null) {
    const [entry] = Object.entries(v);
    if (entry) return { name: entry[0], count: typeof entry[1] === 'number' ? entry[1] : 1 };
  }
  return undefined;
}
