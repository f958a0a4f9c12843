import * as path from 'node:path';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../../src/core/config/engineOptions';
import { CostEngine } from '../../src/core/engine';
import { chooseDetectors } from '../../src/core/detectors/shared/documentClass';
import type { WorkspaceReader } from '../../src/core/detectors/types';
import type { CostItem, DetectionResult } from '../../src/core/model';
import { nodeReader } from '../../src/core/io/nodeReader';

/** An in-memory folder tree: the detectors read siblings through it exactly as from disk. */
export function memoryReader(files: Record<string, string>): WorkspaceReader {
  return {
    async readText(file) {
      return files[file];
    },
    async listFiles(dir) {
      return Object.keys(files)
        .filter((f) => path.dirname(f) === dir)
        .map((f) => path.basename(f));
    },
  };
}

const engine = new CostEngine(bundledCatalog());

/** Analyzes `entry` within an in-memory module whose files are given relative to /ws. */
export function analyzeFiles(
  files: Record<string, string>,
  entry: string,
  options: Partial<EngineOptions> = {},
): Promise<DetectionResult> {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join('/ws', k), v]));
  const file = path.join('/ws', entry);
  return engine.analyze({ file, text: abs[file], reader: memoryReader(abs), options: { ...DEFAULT_ENGINE_OPTIONS, ...options } });
}

export const catalog = bundledCatalog();

export function fixturePath(...parts: string[]): string {
  return path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', ...parts);
}

/** Analyzes a fixture file from disk, reading its siblings through the real file reader. */
export async function analyzeFixture(relative: string, options: Partial<EngineOptions> = {}): Promise<DetectionResult> {
  const file = fixturePath(...relative.split('/'));
  const text = await nodeReader.readText(file);
  if (text === undefined) throw new Error(`fixture ${relative} is missing`);
  return engine.analyze({ file, text, reader: nodeReader, options: { ...DEFAULT_ENGINE_OPTIONS, ...options } });
}

/** The one item whose resource name is `resource`, failing with the names found otherwise. */
export function itemNamed(items: CostItem[], resource: string): CostItem {
  const found = items.filter((i) => i.resource === resource);
  if (found.length !== 1) throw new Error(`expected one ${resource}, got: ${items.map((i) => i.resource).join(', ')}`);
  return found[0];
}

/** Which detectors read `text` as `file`: the engine's choice, by path and by content. */
export function readersOf(file: string, text: string): string[] {
  const engine = new CostEngine(bundledCatalog());
  return engine.handles(file, text) ? chooseDetectors(engine.detectors, file, text).map((d) => d.id) : [];
}
