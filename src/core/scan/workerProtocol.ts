import type { EngineOptions } from '../config/engineOptions';
import type { DetectionResult } from '../model';
import type { ScanCacheReport, ScanCacheSettings } from './scanCache';

/** What each scan worker starts with (`workerData`). */
export interface WorkerSetup {
  options: EngineOptions;
  cache?: ScanCacheSettings;
}

/** A run of consecutive files of the walk, so a module's files mostly share one worker's reads. */
export interface BatchRequest {
  batch: number;
  files: string[];
}

/** Results in the order of the batch's files; the cache figures are this batch's alone. */
export type BatchResponse =
  | { batch: number; results: (DetectionResult | undefined)[]; cacheReport?: ScanCacheReport }
  | { batch: number; error: string };
