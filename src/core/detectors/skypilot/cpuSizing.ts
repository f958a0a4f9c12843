/**
 * How SkyPilot sizes a VM from `cpus` and `memory`, and which VM it launches when a task names
 * no accelerator and no instance type: the cheapest on-demand type of its default CPU families
 * with at least 8 vCPUs and 4 GiB per vCPU (SkyPilot's `sky/catalog/{aws,gcp,azure}_catalog.py`,
 * `_DEFAULT_INSTANCE_FAMILY`, `_DEFAULT_NUM_VCPUS = 8`, `_DEFAULT_MEMORY_CPU_RATIO = 4`).
 */
import type { PriceCatalog } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';

/** `8+` (at least 8) or `8` (exactly 8), as SkyPilot reads `cpus` and `memory` (GiB). */
export interface Amount {
  n: number;
  atLeast: boolean;
}

export interface SizeRequest {
  cpus?: Amount;
  memoryGib?: Amount;
}

interface Shape {
  vcpus: number;
  memoryGib: number;
}

/** `4`, `4+`, `"16"`; undefined when absent, a problem when not a number. */
export function parseAmount(v: unknown, field: string, problems: string[]): Amount | undefined {
  if (v === undefined || v === null) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(\+?)\s*$/.exec(String(v));
  if (m) return { n: Number(m[1]), atLeast: m[2] === '+' };
  problems.push(`${field} \`${String(v)}\` is not a number or "<number>+"; ignored`);
  return undefined;
}

function fits(value: number | undefined, want: Amount | undefined): boolean {
  if (!want || value === undefined) return true;
  return want.atLeast ? value >= want.n : value === want.n;
}

/** Keeps rows whose vCPUs and memory meet the request (a row without the figure is kept: nothing to check). */
export function meetsSize(offer: InstanceOffer, size: SizeRequest): boolean {
  return fits(offer.vcpus, size.cpus) && fits(offer.memoryGib, size.memoryGib);
}

const AWS_FAMILIES = ['m6i', 'm6id', 'm7i', 'r6i', 'r6id', 'r7i', 'c6i', 'c6id', 'c7i'];
/** GiB per vCPU of the GCP default families (Google's predefined machine types). */
const GCP_RATIO: Record<string, number> = {
  'n2-standard': 4, 'n2-highmem': 8, 'n2-highcpu': 1, 'n4-standard': 4, 'n4-highmem': 8, 'n4-highcpu': 2,
};
/** GiB per vCPU of the Azure default families `Ds_v5`, `Es_v5`, `Fs_v2`. */
const AZURE_RATIO: Record<string, number> = { D_v5: 4, E_v5: 8, F_v2: 2 };

/**
 * vCPUs and memory of a row of SkyPilot's default CPU families: AWS rows carry them; GCP and
 * Azure rows do not, so they come from the predefined type's name (`n4-standard-8`, `Standard_D8s_v5`).
 */
function defaultFamilyShape(o: InstanceOffer): Shape | undefined {
  if (o.kind !== 'instance' || o.accelerator) return undefined;
  if (o.cloud === 'aws') {
    const family = o.instanceType.split('.')[0];
    return AWS_FAMILIES.includes(family) && o.vcpus && o.memoryGib ? { vcpus: o.vcpus, memoryGib: o.memoryGib } : undefined;
  }
  if (o.cloud === 'gcp') {
    const m = /^(n[24]-(?:standard|highmem|highcpu))-(\d+)$/.exec(o.instanceType);
    return m ? { vcpus: Number(m[2]), memoryGib: Number(m[2]) * GCP_RATIO[m[1]] } : undefined;
  }
  if (o.cloud === 'azure') {
    const m = /^Standard_([DEF])(\d+)s_(v\d)$/.exec(o.instanceType);
    const ratio = m ? AZURE_RATIO[`${m[1]}_${m[3]}`] : undefined;
    return m && ratio ? { vcpus: Number(m[2]), memoryGib: Number(m[2]) * ratio } : undefined;
  }
  return undefined;
}

/** SkyPilot's defaults: with neither `cpus` nor `memory`, 8+ vCPUs; without `memory`, 4 GiB per vCPU. */
function fitsDefault(shape: Shape, size: SizeRequest): boolean {
  const cpus = size.cpus ?? (size.memoryGib ? undefined : { n: 8, atLeast: true });
  if (!fits(shape.vcpus, cpus)) return false;
  return size.memoryGib ? fits(shape.memoryGib, size.memoryGib) : shape.memoryGib >= shape.vcpus * 4;
}

export function describeDefault(size: SizeRequest): string {
  const cpus = size.cpus ?? (size.memoryGib ? undefined : { n: 8, atLeast: true });
  const text = (a: Amount) => `${a.n}${a.atLeast ? '+' : ''}`;
  const parts = [cpus ? `${text(cpus)} vCPUs` : 'any vCPUs', size.memoryGib ? `${text(size.memoryGib)} GiB` : '4 GiB per vCPU'];
  return `no accelerators: SkyPilot's default CPU VM (${parts.join(', ')}) from its default families (AWS m6i/m7i/r6i/c6i, GCP n2/n4, Azure Ds_v5/Es_v5/Fs_v2), the cheapest type by on-demand price`;
}

/**
 * The rows of the CPU type SkyPilot would pick on each cloud: per cloud, the default-family
 * type that fits and is cheapest on demand (SkyPilot sorts by on-demand price even for spot),
 * then every region's row of that type for the optimizer to compare.
 */
export function defaultCpuRows(catalog: PriceCatalog, size: SizeRequest, keep: (o: InstanceOffer) => boolean): InstanceOffer[] {
  const best = new Map<string, InstanceOffer>();
  for (const { offer: o, shape } of defaultFamilyRows(catalog)) {
    if (!fitsDefault(shape, size) || !keep(o) || o.onDemandUsdPerHour === null) continue;
    const current = best.get(o.cloud);
    if (!current || o.onDemandUsdPerHour < (current.onDemandUsdPerHour ?? Infinity)) best.set(o.cloud, o);
  }
  return [...best.values()].flatMap((o) => catalog.offersFor(o.instanceType).filter(keep));
}

/** The default families' rows with their shapes, found once per catalog: a repository has many CPU tasks. */
const familyRows = new WeakMap<PriceCatalog, { offer: InstanceOffer; shape: Shape }[]>();

function defaultFamilyRows(catalog: PriceCatalog): { offer: InstanceOffer; shape: Shape }[] {
  let rows = familyRows.get(catalog);
  if (!rows) {
    rows = catalog.allInstanceTypes().flatMap((t) => catalog.offersFor(t)).flatMap((offer) => {
      const shape = defaultFamilyShape(offer);
      return shape ? [{ offer, shape }] : [];
    });
    familyRows.set(catalog, rows);
  }
  return rows;
}
