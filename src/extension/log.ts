import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The "AI FinOps" output channel: what was skipped and why, and what failed. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('AI FinOps', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
