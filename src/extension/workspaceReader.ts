import * as vscode from 'vscode';
import type { WorkspaceReader } from '../core/detectors/types';

/** Serves the editor's unsaved text before the disk, so lenses follow what the user typed. */
export const editorReader: WorkspaceReader = {
  async readText(file) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
    } catch {
      return undefined;
    }
  },
  async listFiles(dir) {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir));
      return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
    } catch {
      return [];
    }
  },
};
