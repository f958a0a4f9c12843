import * as vscode from 'vscode';
import type { WorkspaceReader } from '../core/detectors/types';
import { nodeReader } from '../core/io/nodeReader';

/**
 * Serves the editor's unsaved text before the disk, so lenses follow what the user typed.
 * Disk reads go through Node directly: the extension host runs where the files are, and this
 * is far cheaper than a round trip through the workspace file-system API per sibling file.
 */
export const editorReader: WorkspaceReader = {
  async readText(file) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    return open ? open.getText() : nodeReader.readText(file);
  },
  listFiles: (dir) => nodeReader.listFiles(dir),
};
