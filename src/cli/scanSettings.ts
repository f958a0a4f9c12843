/**
 * How the CLI scans: worker threads (`--jobs`) and the results cache across runs
 * (`--cache-dir`, `--no-cache`, else `$XDG_CACHE_HOME/ai-finops` or `~/.cache/ai-finops`).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from './usageError';

export interface ScanSettings {
  jobs: number;
  /** Absent with `--no-cache`. */
  cacheDir?: string;
}

export interface ScanFlags {
  jobs?: string;
  'cache-dir'?: string;
  'no-cache'?: boolean;
}

export const SCAN_FLAG_OPTIONS = {
  jobs: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

export const SCAN_FLAGS_USAGE = `    --jobs N             worker threads to analyse on (default: one per core)
    --cache-dir DIR      keep results between runs here (default: $XDG_CACHE_HOME/ai-finops)
    --no-cache           neither read nor write cached results
`;

export function scanSettings(flags: ScanFlags, env: NodeJS.ProcessEnv = process.env): ScanSettings {
  const jobs = flags.jobs === undefined ? os.availableParallelism() : Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number of at least 1');
  if (flags['no-cache']) return { jobs };
  const dir = flags['cache-dir'] ? path.resolve(flags['cache-dir']) : path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-finops');
  return { jobs, cacheDir: path.join(dir, 'scan') };
}
