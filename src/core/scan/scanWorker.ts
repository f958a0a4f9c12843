/**
 * A scan's worker thread (`parallelScan.ts`): builds the bundled engine once, then analyses
 * the batches of files the main thread sends, reading from disk, and answers each batch with
 * its results in the order of its files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bundledCatalog } from '../catalog/catalog';
import { CostEngine } from '../engine';
import { cachingReader } from '../io/cachingReader';
import { nodeReader } from '../io/nodeReader';
import { analyzeFile } from './fileAnalysis';
import { mapConcurrently } from './mapConcurrently';
import { ScanCache } from './scanCache';
import type { BatchRequest, BatchResponse, WorkerSetup } from './workerProtocol';

const FILES_IN_FLIGHT = 8;

const setup = workerData as WorkerSetup;
const engine = new CostEngine(bundledCatalog());
const reader = cachingReader(nodeReader);
const cache = setup.cache ? new ScanCache(setup.cache, engine.catalog.revision(), setup.options) : undefined;

parentPort?.on('message', (request: BatchRequest) => {
  void analyzeBatch(request).then((response) => parentPort?.postMessage(response));
});

async function analyzeBatch({ batch, files }: BatchRequest): Promise<BatchResponse> {
  try {
    // Several files in flight, as on the main thread: the analyses wait on the disk in turn.
    const results = await mapConcurrently(files, FILES_IN_FLIGHT, (file) => analyzeFile(engine, file, setup.options, reader, cache));
    const cacheReport = cache ? { ...cache.report, ignored: cache.report.ignored.splice(0) } : undefined;
    if (cache) [cache.report.hits, cache.report.misses] = [0, 0];
    return { batch, results, cacheReport };
  } catch (e) {
    return { batch, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
