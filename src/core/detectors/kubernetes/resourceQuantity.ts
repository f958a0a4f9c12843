/** Kubernetes resource quantities (`500m`, `2`, `16Gi`, `24G`) as numbers of vCPUs and GiB. */

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1 };

/** vCPUs from `2`, `"4"` or `500m`; undefined when unreadable. */
export function cpuQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)(m?)\s*$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]) / (m[2] ? 1000 : 1);
  return n > 0 ? n : undefined;
}

/** GiB from `16Gi`, `24G`, `512Mi` or a byte count; undefined when unreadable. */
export function memoryGib(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v / 2 ** 30 : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?\s*$/.exec(v);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  const bytes = Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? 1);
  return bytes > 0 ? Math.round((bytes / 2 ** 30) * 1000) / 1000 : undefined;
}
