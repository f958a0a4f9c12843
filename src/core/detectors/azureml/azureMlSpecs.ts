/**
 * The Azure ML YAML specs (CLI v2), one reader per `$schema`: each reads its keys into an
 * input of the `azure/azureMl` cost models. Keys and defaults are those of the published
 * schemas (`reference-yaml-*` of the Azure ML documentation).
 */
import type { Document, LineCounter } from 'yaml';
import type { CostItem, SourceRange } from '../../model';
import { countValue, type CountReading } from '../../resources/aws/groupSize';
import { amlCluster, amlComputeInstance, amlJob, amlOnlineDeployment, AZURE_ML_DEFAULT_SIZE, type AzureMlGroup } from '../../resources/azure/azureMl';
import { estimate, type PricingContext } from '../../resources/costModel';
import { chooseRegion } from '../shared/region';
import { isPlainObject, keyNode, nodeAt, nodeRange, type Plain } from '../shared/yamlSource';

type Spec = { [key: string]: Plain };

/** Where a spec sits and how to point at its keys. */
export interface SpecEnv extends PricingContext {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The spec's range: its first line, where `$schema` names what it is. */
  range: SourceRange;
}

/** The schema names this reader prices (the file name of the `$schema` URL, without `.schema.json`). */
export const SCHEMA_READERS: Readonly<Record<string, (env: SpecEnv, spec: Spec) => CostItem[]>> = {
  managedOnlineDeployment: (env, spec) => [deployment(env, spec, 'managed')],
  kubernetesOnlineDeployment: (env, spec) => [deployment(env, spec, 'kubernetes')],
  amlCompute: (env, spec) => [cluster(env, spec)],
  computeInstance: (env, spec) => [instance(env, spec)],
  commandJob: (env, spec) => [job(env, spec, [], env.range, 'command job')],
  sweepJob: (env, spec) => [job(env, spec, [], env.range, 'sweep job')],
  pipelineJob: (env, spec) => pipelineSteps(env, spec),
  batchDeployment: (env, spec) => [job(env, spec, [], env.range, 'batch deployment')],
};

function text(v: Plain | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function obj(v: Plain | undefined): Spec {
  return isPlainObject(v) ? v : {};
}

function reading(v: Plain | undefined, name: string): CountReading {
  return { name, value: countValue(v, (x) => `${name} is ${JSON.stringify(x)}, not a whole number`) };
}

/** The spec's VMs: its name, region and size, with the range of the size's value. */
function group(env: SpecEnv, spec: Spec, what: string, sizePath: string[], sku: AzureMlGroup['sku'], notes: string[], range = env.range): AzureMlGroup {
  const name = text(spec.name);
  const location = text(spec.location);
  const skuRange = typeof sku === 'string' ? nodeRange(nodeAt(env.doc.contents, sizePath), env.lines) : undefined;
  return {
    file: env.file,
    range,
    ...(skuRange ? { skuRange } : {}),
    resource: `azureml ${what}${name ? ` ${name}` : ''}`,
    provider: 'azure',
    sku,
    region: chooseRegion('azure', [location ? { value: location, from: 'location' } : undefined], env.options, env.catalog, '; Azure ML uses the workspace\'s region'),
    tags: Object.fromEntries(Object.entries(obj(spec.tags)).map(([k, v]) => [k, String(v)])),
    notes,
  };
}

function sizeOr(spec: Spec, key: string, what: string): { sku: string; notes: string[] } {
  const size = text(spec[key]);
  return size ? { sku: size, notes: [] } : { sku: AZURE_ML_DEFAULT_SIZE, notes: [`${key} not set: the ${what} schema's default is ${AZURE_ML_DEFAULT_SIZE}`] };
}

function deployment(env: SpecEnv, spec: Spec, target: 'managed' | 'kubernetes'): CostItem {
  const size = text(spec.instance_type);
  const sku = size ?? { unresolved: 'instance_type is not set' };
  const what = target === 'managed' ? 'managed online deployment' : 'Kubernetes online deployment';
  return estimate(amlOnlineDeployment, { group: group(env, spec, what, ['instance_type'], sku, []), target, count: reading(spec.instance_count, 'instance_count') }, env);
}

function cluster(env: SpecEnv, spec: Spec): CostItem {
  const { sku, notes } = sizeOr(spec, 'size', 'amlCompute');
  const tier = text(spec.tier);
  return estimate(amlCluster, {
    group: group(env, spec, 'compute cluster', ['size'], sku, notes),
    min: reading(spec.min_instances, 'min_instances'),
    max: reading(spec.max_instances, 'max_instances'),
    defaultMax: 1,
    lowPriority: tier !== undefined && /^low_?priority$/i.test(tier),
  }, env);
}

function instance(env: SpecEnv, spec: Spec): CostItem {
  const { sku, notes } = sizeOr(spec, 'size', 'computeInstance');
  return estimate(amlComputeInstance, group(env, spec, 'compute instance', ['size'], sku, notes), env);
}

/**
 * A command or sweep job (or a pipeline step, at `path`): serverless VMs of
 * `resources.instance_type`, or a named cluster whose size lives in another file.
 */
function job(env: SpecEnv, spec: Spec, path: string[], range: SourceRange, what: string, defaultCompute?: string): CostItem {
  const resources = obj(spec.resources);
  const written = (text(spec.compute) ?? defaultCompute)?.replace(/^azureml:/, '');
  // `serverless` is no cluster: the job gets VMs of `resources.instance_type`, as with no compute at all.
  const compute = written?.toLowerCase() === 'serverless' ? undefined : written;
  const instanceType = text(resources.instance_type);
  const sku: AzureMlGroup['sku'] = compute
    ? { unresolved: `runs on compute "${compute}", whose VM size is defined outside this file` }
    : instanceType ?? { unresolved: written ? 'compute is serverless and resources.instance_type is not set: the VM size is chosen at run time' : 'no compute or resources.instance_type: the job runs on serverless compute whose VM size is chosen at run time' };
  const notes = !compute && instanceType ? ['serverless compute of the size resources.instance_type names'] : [];
  const limits = obj(spec.limits);
  const sweep = what.includes('sweep') || spec.type === 'sweep';
  const timeout = sweep ? limits.trial_timeout : limits.timeout;
  return estimate(amlJob, {
    group: group(env, spec, what, [...path, 'resources', 'instance_type'], sku, notes, range),
    count: reading(resources.instance_count, 'resources.instance_count'),
    ...(typeof timeout === 'number' && timeout > 0 ? { timeoutSeconds: timeout } : {}),
    ...(sweep ? { trials: reading(limits.max_total_trials, 'limits.max_total_trials') } : {}),
  }, env);
}

/** Pipeline steps that run on compute of their own; `pipeline` steps are sub-pipelines read elsewhere. */
const STEP_TYPES = new Set(['command', 'sweep', 'parallel']);

/** One item per step that runs on compute, at the step's key. */
function pipelineSteps(env: SpecEnv, spec: Spec): CostItem[] {
  const settings = obj(spec.settings);
  const inputs = obj(spec.inputs);
  const fallback = text(settings.default_compute) ?? text(spec.compute);
  const steps = obj(spec.jobs);
  const jobsNode = nodeAt(env.doc.contents, ['jobs']);
  return Object.entries(steps).flatMap(([name, value]) => {
    const step = obj(value);
    const type = text(step.type) ?? 'command';
    if (!STEP_TYPES.has(type)) return [];
    const range = nodeRange(keyNode(jobsNode, name), env.lines) ?? env.range;
    const compute = fromPipelineInput(text(step.compute), inputs);
    return [job(env, { ...step, name: step.name ?? name, ...(compute ? { compute } : {}) }, ['jobs', name], range, `pipeline step (${type})`, fromPipelineInput(fallback, inputs))];
  });
}

/** `${{parent.inputs.compute_name}}`: the pipeline input's literal value when it has one. */
function fromPipelineInput(value: string | undefined, inputs: Spec): string | undefined {
  const name = value && /^\$\{\{\s*parent\.inputs\.(\w+)\s*\}\}$/.exec(value)?.[1];
  if (!name) return value;
  const input = inputs[name];
  return text(isPlainObject(input) ? input.default ?? input.value : input) ?? value;
}
