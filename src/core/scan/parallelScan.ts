import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DetectionResult } from '../model';
import type { ScanCacheReport } from './scanCache';
import type { BatchRequest, BatchResponse, WorkerSetup } from './workerProtocol';

/** Files per batch: enough to amortise a message, few enough to even out the workers' loads. */
const BATCH_FILES = 48;
/** Batches each worker holds, so it never waits for the next one. */
const BATCHES_IN_FLIGHT = 2;
/**
 * A worker costs its own engine (code compiled, catalog parsed, grammars loaded), about what a
 * few hundred files take to analyse; below this many files per worker, fewer workers are faster.
 */
export const MIN_FILES_PER_WORKER = 400;

/** How many workers a scan of `files` files gets when `jobs` are allowed. */
export function workerCount(jobs: number, files: number, minFilesPerWorker = MIN_FILES_PER_WORKER): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / minFilesPerWorker)));
}

/**
 * Analyses `files` on `jobs` worker threads; results come back in the order of `files`
 * whatever order the workers finish in, so the scan's output matches a single-thread run.
 */
export async function analyzeInWorkers(
  files: readonly string[],
  jobs: number,
  setup: WorkerSetup,
): Promise<{ results: (DetectionResult | undefined)[]; cacheReport?: ScanCacheReport }> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
  const results = new Array<DetectionResult | undefined>(files.length);
  const cacheReport: ScanCacheReport | undefined = setup.cache ? { hits: 0, misses: 0, ignored: [] } : undefined;
  const script = scanWorkerScript();
  const workers = Array.from({ length: jobs }, () => new Worker(script, { workerData: setup }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let pending = 0;
            const send = () => {
              while (pending < BATCHES_IN_FLIGHT && next < batches.length) {
                const request: BatchRequest = { batch: next, files: batches[next++] };
                worker.postMessage(request);
                pending++;
              }
              if (pending === 0) resolve();
            };
            worker.on('message', (response: BatchResponse) => {
              if ('error' in response) return reject(new Error(`scan worker failed: ${response.error}`));
              pending--;
              response.results.forEach((r, i) => (results[response.batch * BATCH_FILES + i] = r));
              if (cacheReport && response.cacheReport) addCacheReport(cacheReport, response.cacheReport);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (pending > 0 ? reject(new Error(`scan worker exited with code ${code}`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results, cacheReport };
}

export function addCacheReport(total: ScanCacheReport, part: ScanCacheReport): void {
  total.hits += part.hits;
  total.misses += part.misses;
  total.ignored.push(...part.ignored);
}

/** `dist/scan-worker.js` beside the bundle that runs this; `scanWorker.js` beside this module when run from compiled sources. */
function scanWorkerScript(): string {
  const candidates = [path.join(__dirname, 'scan-worker.js'), path.join(__dirname, 'scanWorker.js')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`scan worker not found (looked for ${candidates.join(', ')})`);
  return found;
}
