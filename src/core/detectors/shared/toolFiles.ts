import * as path from 'node:path';

/**
 * JSON/YAML files that tools own (lock files, package manifests, editor and compiler
 * settings): never infrastructure, and lock files can be megabytes, so they are not read.
 */
const TOOL_FILES = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'composer.json',
  'deno.json',
  'jsconfig.json',
  '.eslintrc.json',
  '.prettierrc.json',
  'renovate.json',
  '.pre-commit-config.yaml',
  'mkdocs.yml',
]);

export function isToolFile(file: string): boolean {
  const name = path.basename(file);
  return TOOL_FILES.has(name) || /^tsconfig(\.[\w-]+)?\.json$/.test(name) || /(^|[\\/])\.(vscode|github|idea)[\\/]/.test(file);
}
