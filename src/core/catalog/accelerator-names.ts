/**
 * Accelerator names: the price tables (gpu-instances.csv) and the spec table
 * (accelerators.csv) name the same parts differently (`A100` vs `A100-40GB`,
 * `H100` vs `H100-SXM`), and GCP's API has a third spelling (`nvidia-tesla-a100`).
 */

/** Lower-case, separators dropped, vendor/brand prefixes dropped: `NVIDIA Tesla A100` → `a100`. */
export function acceleratorKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
    .replace(/^nvidia/, '')
    .replace(/^tesla/, '');
}

/**
 * Keys that name a spec-table part under another spelling. Only the same part:
 * `V100-32GB` and `GH200` stay unresolved because their memory differs from the
 * V100 and H100 rows, and a wrong memory would skew "at least N GiB" searches.
 */
const SPEC_ALIASES: Readonly<Record<string, string>> = {
  a100: 'A100-40GB',
  a100sxm4: 'A100-40GB',
  a10080gbsxm4: 'A100-80GB',
  // Bare "H100" in the price tables is the SXM part (AWS p5, GCP a3, Lambda sxm5);
  // A3 Mega uses the same GPU with more networking.
  h100: 'H100-SXM',
  h10080gb: 'H100-SXM',
  h100sxm5: 'H100-SXM',
  h100mega: 'H100-SXM',
  h100mega80gb: 'H100-SXM',
  h200141gb: 'H200',
  v10016gb: 'V100',
  trainium: 'Trainium1',
  trn1: 'Trainium1',
  trn2: 'Trainium2',
  inf2: 'Inferentia2',
};

/** TPU generations by chip, not slice: `v5p`, `TPU v5e`, `v5litepod` → `tpuv5p` / `tpuv5e`. One digit, so `V100` stays a GPU. */
function tpuKey(key: string): string | undefined {
  const m = /^(?:tpu)?v([2-9])(p|e|litepod)?$/.exec(key);
  if (!m) return undefined;
  const variant = m[2] === 'litepod' ? 'e' : (m[2] ?? '');
  return `tpuv${m[1]}${variant}`;
}

/** The spec-table key a name resolves to; compare with `acceleratorKey(spec.name)`. */
export function specKey(name: string): string {
  const key = acceleratorKey(name);
  const alias = SPEC_ALIASES[key];
  if (alias !== undefined) return acceleratorKey(alias);
  return tpuKey(key) ?? key;
}

/**
 * GCP accelerator names, API spelling or ours, to the names of the GCP
 * accelerator-only price rows. Unlisted keys are matched against the row names directly
 * (`L4`, `T4`, `P100`, `B200`).
 */
const GCP_PRICE_ALIASES: Readonly<Record<string, string>> = {
  a10040gb: 'A100',
  h10080gb: 'H100',
  h100mega80gb: 'H100-MEGA',
  h200141gb: 'H200',
};

/** The key of the GCP price-row name for an accelerator name; compare with `acceleratorKey(row name)`. */
export function gcpPriceKey(name: string): string {
  const key = acceleratorKey(name);
  const alias = GCP_PRICE_ALIASES[key];
  return alias === undefined ? key : acceleratorKey(alias);
}

/** Memory stated in a name such as `V100-32GB`, for parts the spec table lacks. */
export function memoryFromName(name: string): number | undefined {
  const m = /(\d+)\s*gb$/i.exec(name.trim());
  return m ? Number(m[1]) : undefined;
}
