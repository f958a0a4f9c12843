import * as path from 'node:path';
import { isPlainObject, toPlain, type Plain } from '../shared/yamlSource';
import type { DetectorContext } from '../types';
import { manifestDocuments, manifestObjects, type ManifestDocument } from './manifestSource';
import type { RuntimeLookup } from './operatorWorkloads';

const RUNTIME_KINDS = new Set(['TrainingRuntime', 'ClusterTrainingRuntime']);
const TRAIN_JOB = /^kind:\s*TrainJob\b|"kind"\s*:\s*"TrainJob"/m;
/** Sibling files read to find a runtime, at most: a folder of examples, not a whole repository. */
const MAX_SIBLINGS = 50;

function plainObjects(docs: readonly ManifestDocument[]): Plain[] {
  return docs
    .filter((d) => d.doc.errors.length === 0)
    .flatMap((d) => manifestObjects(d.doc.contents, d.label).map((o) => toPlain(d.doc, undefined, o.node)));
}

function field(v: Plain, ...keys: string[]): Plain | undefined {
  let at: Plain | undefined = v;
  for (const k of keys) at = isPlainObject(at) ? at[k] : undefined;
  return at;
}

function addRuntimes(into: Map<string, Plain>, objects: readonly Plain[]): void {
  for (const o of objects) {
    const kind = field(o, 'kind');
    const name = field(o, 'metadata', 'name');
    if (typeof kind === 'string' && RUNTIME_KINDS.has(kind) && typeof name === 'string' && !into.has(name)) into.set(name, o);
  }
}

/**
 * The Trainer runtimes a file's TrainJobs name, from the same file or, failing that, the
 * YAML files next to it (as a folder applied with `kubectl apply -f dir/` holds them).
 */
export async function trainingRuntimes(ctx: DetectorContext, docs: readonly ManifestDocument[]): Promise<RuntimeLookup> {
  const none: RuntimeLookup = () => undefined;
  if (!TRAIN_JOB.test(ctx.text)) return none;
  const objects = plainObjects(docs);
  const runtimes = new Map<string, Plain>();
  addRuntimes(runtimes, objects);
  const wanted = objects
    .filter((o) => field(o, 'kind') === 'TrainJob')
    .map((o) => field(o, 'spec', 'runtimeRef', 'name'))
    .filter((n): n is string => typeof n === 'string' && !runtimes.has(n));
  if (wanted.length > 0) {
    const dir = path.dirname(ctx.file);
    const siblings = (await ctx.reader.listFiles(dir)).filter((f) => /\.ya?ml$/i.test(f) && path.join(dir, f) !== ctx.file).slice(0, MAX_SIBLINGS);
    for (const name of siblings) {
      if (ctx.isCancelled?.() || wanted.every((w) => runtimes.has(w))) break;
      const text = await ctx.reader.readText(path.join(dir, name));
      if (!text || !/TrainingRuntime/.test(text) || !wanted.some((w) => text.includes(w))) continue;
      addRuntimes(runtimes, plainObjects(manifestDocuments(text)));
    }
  }
  return (name) => runtimes.get(name);
}
