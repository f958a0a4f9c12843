import { promises as fs } from 'node:fs';
import type { WorkspaceReader } from '../detectors/types';

/** Reads straight from disk; missing or unreadable files read as absent. */
export const nodeReader: WorkspaceReader = {
  async readText(file) {
    try {
      return await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  async listFiles(dir) {
    try {
      const entries = await fs.readdir(dir, { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return [];
    }
  },
};
