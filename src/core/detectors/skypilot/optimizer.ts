import type { PriceCatalog } from '../../catalog/catalog';
import { acceleratorKey } from '../../catalog/accelerator-names';
import type { Cloud, InstanceOffer } from '../../catalog/types';
import { attachedGpuRate } from '../../resources/gcp/computeEngine';
import { defaultCpuRows, describeDefault, meetsSize } from './cpuSizing';
import type { AcceleratorRequest, Candidate, TaskResources } from './taskResources';

/** Clouds the bundled catalog prices, under SkyPilot's names for them. */
const PRICED_CLOUDS: ReadonlySet<string> = new Set<Cloud>(['aws', 'gcp', 'azure', 'lambda']);

export interface Offering {
  offer: InstanceOffer;
  usdPerHour: number;
  /** What this offering satisfies, e.g. `A100:8`. */
  request: string;
}

export interface Choice {
  chosen?: Offering;
  runnerUp?: Offering;
  /** Why nothing could be chosen, or what was left out of the comparison. */
  notes: string[];
}

function price(offer: InstanceOffer, spot: boolean): number | null {
  return spot ? offer.spotUsdPerHour : offer.onDemandUsdPerHour;
}

function accText(a: AcceleratorRequest): string {
  return `${a.name}:${a.count}`;
}

/** Whole-instance rows of every priced cloud that carry exactly this accelerator count, as SkyPilot matches them. */
function offersWithAccelerator(catalog: PriceCatalog, acc: AcceleratorRequest): InstanceOffer[] {
  if (/^tpu-/i.test(acc.name)) return catalog.offersFor(acc.name).filter((o) => o.kind === 'tpu');
  const key = acceleratorKey(acc.name);
  return catalog
    .allInstanceTypes()
    .flatMap((t) => catalog.offersFor(t))
    .filter((o) => o.kind === 'instance' && o.service !== 'sagemaker' && o.accelerator !== undefined)
    .filter((o) => acceleratorKey(o.accelerator?.name ?? '') === key && o.accelerator?.count === acc.count);
}

function inPlace(c: Candidate, o: InstanceOffer): boolean {
  return (c.cloud ? o.cloud === c.cloud : true) && (c.region ? o.region.toLowerCase() === c.region.toLowerCase() : o.region !== 'unspecified');
}

/**
 * Rows one candidate may launch: its instance type, else the accelerator's instances with the
 * requested vCPUs and memory, else (no accelerator) SkyPilot's default CPU type.
 */
function candidateRows(catalog: PriceCatalog, c: Candidate, acc: AcceleratorRequest | undefined): InstanceOffer[] {
  if (c.instanceType) return catalog.offersFor(c.instanceType);
  if (acc) return offersWithAccelerator(catalog, acc).filter((o) => meetsSize(o, c.size));
  return defaultCpuRows(catalog, c.size, (o) => inPlace(c, o));
}

/** Offerings of one candidate and one accelerator choice, cheapest first. */
function offerings(catalog: PriceCatalog, c: Candidate, acc: AcceleratorRequest | undefined): Offering[] {
  const request = c.instanceType ?? (acc ? accText(acc) : 'CPU VM');
  return candidateRows(catalog, c, acc)
    .filter((o) => inPlace(c, o))
    .filter((o) => o.kind !== 'vm-only' && o.service !== 'sagemaker')
    .map((o) => ({ offer: o, usdPerHour: price(o, c.useSpot), request }))
    .filter((o): o is Offering => o.usdPerHour !== null)
    .sort(cheaperFirst);
}

function cheaperFirst(a: Offering, b: Offering): number {
  return a.usdPerHour - b.usdPerHour || a.offer.instanceType.localeCompare(b.offer.instanceType) || a.offer.region.localeCompare(b.offer.region);
}

/** A candidate's accelerator choices: an ordered list fails over in order, a set goes cheapest first. */
function candidateOfferings(catalog: PriceCatalog, c: Candidate): Offering[][] {
  const accs = c.instanceType || c.accelerators.length === 0 ? [undefined] : c.accelerators;
  const perAcc = accs.map((a) => offerings(catalog, c, a));
  return c.acceleratorsOrdered ? perAcc : [perAcc.flat().sort(cheaperFirst)];
}

/**
 * A cloud and region the catalog has no offering for: the cloud's default region instead, as
 * every format falls back for a region the catalog lacks, with a note; undefined when that has
 * none either (or the region was not the reason).
 */
function regionFallback(catalog: PriceCatalog, c: Candidate): { candidate: Candidate; note: string } | undefined {
  if (!c.cloud || !c.region || !PRICED_CLOUDS.has(c.cloud)) return undefined;
  const fallback = catalog.meta.defaultRegions[c.cloud as Cloud];
  if (!fallback || fallback.toLowerCase() === c.region.toLowerCase()) return undefined;
  const candidate = { ...c, region: fallback };
  if (!candidateOfferings(catalog, candidate).some((g) => g.length > 0)) return undefined;
  const what = c.instanceType ?? (c.accelerators.map(accText).join(', ') || 'the requested resources');
  return { candidate, note: `no ${what} offering on ${c.cloud} ${c.region} in the bundled catalog; priced in ${fallback}, the catalog's default region for ${c.cloud}` };
}

/**
 * SkyPilot also offers GPUs such as T4, V100 and P100 on GCP by attaching them to an N1 VM.
 * SkyPilot chooses the N1 host for those GPUs at launch, so that offering cannot be compared; say so.
 */
function gcpAttachableNotes(catalog: PriceCatalog, c: Candidate): string[] {
  if (c.instanceType || (c.cloud && c.cloud !== 'gcp')) return [];
  return c.accelerators
    .filter((a) => !/^tpu-/i.test(a.name) && attachedGpuRate(catalog, a.name, a.count, c.region ?? null, c.useSpot ? 'spot' : 'on-demand').found)
    .filter((a) => !offersWithAccelerator(catalog, a).some((o) => o.cloud === 'gcp'))
    .map((a) => `GCP ${accText(a)} on an N1 VM not compared: SkyPilot picks the N1 host size at launch, which the task does not state`);
}

/** The runner-up is the next different machine (another type or cloud), else the same type elsewhere. */
function runnerUp(ranked: Offering[], chosen: Offering): Offering | undefined {
  const same = (o: Offering) => o.offer.cloud === chosen.offer.cloud && o.offer.instanceType === chosen.offer.instanceType;
  return ranked.find((o) => o !== chosen && !same(o)) ?? ranked.find((o) => o !== chosen);
}

/**
 * What SkyPilot's optimizer would launch: the cheapest offering over the catalog's clouds and
 * regions, or for `ordered` (and accelerator lists) the first choice that has one.
 */
export function choose(catalog: PriceCatalog, task: TaskResources): Choice {
  const notes: string[] = [];
  const groups: Offering[][] = [];
  for (const c of task.candidates) {
    if (c.cloud && !PRICED_CLOUDS.has(c.cloud)) {
      notes.push(c.cloud === 'kubernetes' ? 'a Kubernetes candidate runs on your own cluster: no cloud price' : `${c.cloud} is not in the bundled catalog`);
      continue;
    }
    if (!c.instanceType && c.accelerators.length === 0) notes.push(describeDefault(c.size));
    notes.push(...gcpAttachableNotes(catalog, c));
    let perChoice = candidateOfferings(catalog, c);
    const fallback = perChoice.every((g) => g.length === 0) ? regionFallback(catalog, c) : undefined;
    if (fallback) {
      notes.push(fallback.note);
      perChoice = candidateOfferings(catalog, fallback.candidate);
    }
    const cpuOnly = !c.instanceType && c.accelerators.length === 0;
    if (cpuOnly && perChoice.every((g) => g.length === 0)) {
      const where = c.cloud ? ` on ${c.cloud}${c.region ? ` ${c.region}` : ''}` : '';
      notes.push(c.useSpot
        ? `no spot price in the bundled catalog for the default CPU type SkyPilot would pick${where}`
        : `no type of SkyPilot's default CPU families in the bundled catalog fits this request${where}`);
    }
    if (task.ordered || c.acceleratorsOrdered) groups.push(...perChoice);
    else groups.push(perChoice.flat());
  }
  const ordered = task.ordered || task.candidates.some((c) => c.acceleratorsOrdered);
  if (!ordered) {
    const ranked = groups.flat().sort(cheaperFirst);
    const chosen = ranked[0];
    return { chosen, runnerUp: chosen && runnerUp(ranked, chosen), notes };
  }
  const available = groups.filter((g) => g.length > 0);
  const chosen = available[0]?.[0];
  const next = available[1]?.[0] ?? (chosen && available[0] ? runnerUp(available[0], chosen) : undefined);
  return { chosen, runnerUp: next, notes };
}

export function describeOffering(o: Offering, nodes: number): string {
  const acc = o.offer.accelerator ? ` (${o.offer.accelerator.count}× ${o.offer.accelerator.name})` : '';
  return `${o.offer.instanceType}${acc} on ${o.offer.cloud} ${o.offer.region} at $${o.usdPerHour}/h per node${nodes > 1 ? ` × ${nodes}` : ''}`;
}
