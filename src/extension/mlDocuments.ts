import type * as vscode from 'vscode';

/** Documents the ML detectors read: Python, scripts, configs, SLURM jobs and notebook cells. */
export const ML_DOCUMENTS: vscode.DocumentFilter[] = [
  { scheme: 'file', language: 'python' },
  { scheme: 'file', pattern: '**/*.{py,ts,tsx,mts,cts,js,jsx,mjs,cjs,json,yaml,yml,sh,bash,sbatch,slurm,job}' },
  { scheme: 'vscode-notebook-cell', language: 'python' },
];
