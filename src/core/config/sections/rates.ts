import type { YAMLMap } from 'yaml';
import type { ConfigReader } from '../configReader';

/** On-prem or negotiated prices that replace the catalog's. */
export interface RatesSection {
  /** USD per GPU-hour by accelerator name (`H100`, `A100-80GB`); SLURM jobs are priced with these. */
  gpuHour: Record<string, number>;
}

export function readRates(root: YAMLMap, r: ConfigReader): RatesSection {
  const map = r.map(root, 'rates', 'rates');
  const gpuHour: Record<string, number> = {};
  const rates = r.map(map, 'gpuHour', 'rates.gpuHour');
  for (const [name] of r.entries(rates)) {
    const v = r.number(rates, name, `rates.gpuHour.${name}`, 0, 1e6);
    if (v !== undefined) gpuHour[name] = v;
  }
  return { gpuHour };
}
