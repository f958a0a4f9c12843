import { isPlainObject, type Plain } from '../shared/yamlSource';
import { parseAmount, type SizeRequest } from './cpuSizing';

export interface AcceleratorRequest {
  name: string;
  count: number;
}

/** One fully specified candidate: where and what SkyPilot may launch. */
export interface Candidate {
  /** `aws`, `gcp`, `azure`, `lambda`, `kubernetes`, ...; undefined when open. */
  cloud?: string;
  region?: string;
  instanceType?: string;
  /** Accelerator choices; `ordered` tries them in order, otherwise the cheapest wins. */
  accelerators: AcceleratorRequest[];
  acceleratorsOrdered: boolean;
  useSpot: boolean;
  /** `cpus` and `memory`: they filter the instance types SkyPilot considers. */
  size: SizeRequest;
}

export interface TaskResources {
  candidates: Candidate[];
  /** `ordered:` fails over in the written order; `any_of:` and single resources go to the cheapest. */
  ordered: boolean;
  labels: Record<string, string>;
  problems: string[];
}

/** `A100:8`, `A100`, `tpu-v5p-8`, `A100:0.5`. */
function parseAccelerator(text: string): AcceleratorRequest | undefined {
  const m = /^\s*([^:\s]+)\s*(?::\s*([\d.]+)\s*)?$/.exec(text);
  if (!m) return undefined;
  const count = m[2] === undefined ? 1 : Number(m[2]);
  return Number.isFinite(count) && count > 0 ? { name: m[1], count } : undefined;
}

/** Every written form: a string, a `{name: count}` map, a `{A:1, B:1}` set, or an ordered list. */
export function parseAccelerators(v: Plain | undefined, problems: string[]): { list: AcceleratorRequest[]; ordered: boolean } {
  if (v === undefined || v === null) return { list: [], ordered: false };
  const add = (out: AcceleratorRequest[], text: string) => {
    const a = parseAccelerator(text);
    if (a) out.push(a);
    else problems.push(`accelerator \`${text}\` is not NAME or NAME:COUNT`);
  };
  const out: AcceleratorRequest[] = [];
  if (typeof v === 'string') {
    add(out, v);
    return { list: out, ordered: false };
  }
  if (Array.isArray(v)) {
    for (const e of v) add(out, String(e));
    return { list: out, ordered: true };
  }
  if (isPlainObject(v)) {
    // `{A100:1, V100:1}` parses as keys with null values (a set); `{A100: 8}` as name → count.
    for (const [k, count] of Object.entries(v)) add(out, count === null ? k : `${k}:${String(count)}`);
    return { list: out, ordered: false };
  }
  problems.push(`accelerators \`${String(v)}\` is not a string, list or map`);
  return { list: [], ordered: false };
}

/** `infra: aws/us-east-1/us-east-1a`, `k8s/ctx`; `cloud`/`region` are the older spelling. */
function location(r: { [key: string]: Plain }): { cloud?: string; region?: string } {
  if (typeof r.infra === 'string') {
    const [cloud, region] = r.infra.split('/');
    const norm = cloud.toLowerCase() === 'k8s' ? 'kubernetes' : cloud.toLowerCase();
    return { cloud: norm === '*' ? undefined : norm, region: region && region !== '*' && norm !== 'kubernetes' ? region : undefined };
  }
  return {
    cloud: typeof r.cloud === 'string' ? r.cloud.toLowerCase() : undefined,
    region: typeof r.region === 'string' ? r.region : undefined,
  };
}

function candidate(r: { [key: string]: Plain }, problems: string[]): Candidate {
  const acc = parseAccelerators(r.accelerators, problems);
  const where = location(r);
  return {
    ...where,
    instanceType: typeof r.instance_type === 'string' ? r.instance_type : undefined,
    accelerators: acc.list,
    acceleratorsOrdered: acc.ordered,
    useSpot: r.use_spot === true || r.use_spot === 'true',
    size: { cpus: parseAmount(r.cpus, 'cpus', problems), memoryGib: parseAmount(r.memory, 'memory', problems) },
  };
}

/** Fields outside `any_of`/`ordered` are defaults each candidate overrides, as SkyPilot merges them. */
export function taskResources(resources: Plain | undefined): TaskResources {
  const problems: string[] = [];
  const base = isPlainObject(resources) ? resources : {};
  const labels: Record<string, string> = {};
  if (isPlainObject(base.labels)) for (const [k, v] of Object.entries(base.labels)) if (v !== null && typeof v !== 'object') labels[k] = String(v);
  const { any_of: anyOf, ordered, ...defaults } = base;
  const list = Array.isArray(ordered) ? ordered : Array.isArray(anyOf) ? anyOf : undefined;
  if (!list) return { candidates: [candidate(defaults, problems)], ordered: false, labels, problems };
  const merged = list.map((c) => candidate({ ...defaults, ...(isPlainObject(c) ? c : {}) }, problems));
  return { candidates: merged, ordered: Array.isArray(ordered), labels, problems };
}
