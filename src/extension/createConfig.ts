import * as vscode from 'vscode';
import { FINOPS_CONFIG_FILE } from '../core/config/constants';
import { loadCore } from './engineLoader';
import type { WorkspaceIndex } from './workspaceIndex';

/** Creates `.finops.yml` at the root of the chosen folder from what the workspace declares, or opens the existing one. */
export async function createFinopsConfig(index: WorkspaceIndex): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const uri = vscode.Uri.joinPath(folder.uri, FINOPS_CONFIG_FILE);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await index.ready();
    const items = index.items.filter((i) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(i.file))?.uri.toString() === folder.uri.toString());
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(loadCore().finopsConfigTemplate(items)));
  }
  await vscode.window.showTextDocument(uri);
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders.length) void vscode.window.showWarningMessage('AI FinOps: open a folder to create .finops.yml in it.');
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should .finops.yml go?' });
}
