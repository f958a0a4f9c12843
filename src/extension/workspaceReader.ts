import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { WorkspaceReader } from '../core/detectors/types';

/**
 * Serves the editor's unsaved text before the disk, so lenses follow what the user typed.
 * Disk reads use Node directly: the extension host runs where the files are, and this is
 * far cheaper than a round trip through the workspace file-system API per sibling file.
 */
export const editorReader: WorkspaceReader = {
  async readText(file) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (open) return open.getText();
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
