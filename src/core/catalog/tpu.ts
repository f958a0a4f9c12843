/**
 * GCP TPU names as GKE, Vertex AI, Terraform and the Cloud TPU API write them, mapped to the
 * catalog's slice rows (`tpu-v5litepod-4`, `tpu-v5p-8`, ...), which are priced per slice-hour.
 */

export type TpuGeneration = 'v2' | 'v3' | 'v4' | 'v5e' | 'v5p' | 'v6e';

export interface TpuSlice {
  generation: TpuGeneration;
  chips: number;
}

/**
 * Slice names count TensorCores for v2, v3, v4 and v5p (two per chip) and chips for v5e and
 * v6e (one TensorCore each), per the Cloud TPU docs: `v5p-8` is 4 chips, `v5litepod-8` is 8.
 */
const CORES_PER_CHIP: Readonly<Record<TpuGeneration, number>> = { v2: 2, v3: 2, v4: 2, v5p: 2, v5e: 1, v6e: 1 };
const SLICE_PREFIX: Readonly<Record<TpuGeneration, string>> = {
  v2: 'tpu-v2',
  v3: 'tpu-v3',
  v4: 'tpu-v4',
  v5p: 'tpu-v5p',
  v5e: 'tpu-v5litepod',
  v6e: 'tpu-v6e',
};

/** GKE TPU machine types: `ct5lp-hightpu-4t` is a v5e host with 4 chips. */
const MACHINE_TYPE = /^ct(4p|5lp|5l|5p|6e)-(?:hightpu|standard)-(\d+)t$/;
const MACHINE_GENERATION: Readonly<Record<string, TpuGeneration>> = { '4p': 'v4', '5lp': 'v5e', '5l': 'v5e', '5p': 'v5p', '6e': 'v6e' };

/** Cloud TPU accelerator types with or without the catalog's `tpu-` prefix: `v5litepod-4`, `v2-8`. */
const ACCELERATOR_TYPE = /^(?:tpu-)?v(2|3|4|5p|5litepod|5e|6e)-(\d+)$/;
const TYPE_GENERATION: Readonly<Record<string, TpuGeneration>> = { '2': 'v2', '3': 'v3', '4': 'v4', '5p': 'v5p', '5litepod': 'v5e', '5e': 'v5e', '6e': 'v6e' };

/** Values of the GKE node label `cloud.google.com/gke-tpu-accelerator`. */
const GKE_ACCELERATORS: Readonly<Record<string, TpuGeneration>> = {
  'tpu-v4-podslice': 'v4',
  'tpu-v5-lite-podslice': 'v5e',
  'tpu-v5-lite-device': 'v5e',
  'tpu-v5p-slice': 'v5p',
  'tpu-v6e-slice': 'v6e',
};

/** The catalog row name of a slice with `chips` chips. */
export function tpuSliceName(slice: TpuSlice): string {
  return `${SLICE_PREFIX[slice.generation]}-${slice.chips * CORES_PER_CHIP[slice.generation]}`;
}

/** A TPU named by a GKE machine type or a Cloud TPU accelerator type; undefined for anything else. */
export function parseTpuName(name: string): TpuSlice | undefined {
  const lower = name.trim().toLowerCase();
  const machine = MACHINE_TYPE.exec(lower);
  if (machine) return { generation: MACHINE_GENERATION[machine[1]], chips: Number(machine[2]) };
  const type = ACCELERATOR_TYPE.exec(lower);
  if (!type) return undefined;
  const generation = TYPE_GENERATION[type[1]];
  const units = Number(type[2]);
  const chips = units / CORES_PER_CHIP[generation];
  return Number.isInteger(chips) && chips > 0 ? { generation, chips } : undefined;
}

/** The generation a GKE `gke-tpu-accelerator` label names, if it is one. */
export function gkeTpuGeneration(label: string): TpuGeneration | undefined {
  return GKE_ACCELERATORS[label.trim().toLowerCase()];
}

/** Chips in a GKE `gke-tpu-topology` such as `2x4` or `2x2x1`; undefined when malformed. */
export function topologyChips(topology: string): number | undefined {
  const dims = topology.trim().toLowerCase().split('x');
  if (dims.length < 2 || dims.length > 3 || !dims.every((d) => /^[1-9]\d*$/.test(d))) return undefined;
  return dims.reduce((n, d) => n * Number(d), 1);
}
