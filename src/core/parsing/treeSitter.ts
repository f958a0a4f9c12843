import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/** Grammars we ship as WASM; each maps to the file the build copies into `dist/wasm/`. */
export type GrammarName = 'terraform' | 'python' | 'typescript' | 'tsx';

const GRAMMAR_FILES: Record<GrammarName, { file: string; pkg: string }> = {
  terraform: { file: 'tree-sitter-terraform.wasm', pkg: '@tree-sitter-grammars/tree-sitter-hcl' },
  python: { file: 'tree-sitter-python.wasm', pkg: 'tree-sitter-python' },
  typescript: { file: 'tree-sitter-typescript.wasm', pkg: 'tree-sitter-typescript' },
  tsx: { file: 'tree-sitter-tsx.wasm', pkg: 'tree-sitter-typescript' },
};
const RUNTIME = { file: 'web-tree-sitter.wasm', pkg: 'web-tree-sitter' };

let wasmDirOverride: string | undefined;

/** The bundles call this with their own `dist/wasm`; tests and tools fall back to node_modules. */
export function setWasmDirectory(dir: string): void {
  wasmDirOverride = dir;
}

function locateWasm(file: string, pkg: string): string {
  const candidates = [
    wasmDirOverride && path.join(wasmDirOverride, file),
    path.join(__dirname, 'wasm', file),
    ...nodeModulesCandidates(pkg, file),
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Grammar file ${file} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Walks up from this module to find `node_modules/<pkg>/<file>`, as Node's resolver would. */
function nodeModulesCandidates(pkg: string, file: string): string[] {
  const out: string[] = [];
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    out.push(path.join(dir, 'node_modules', pkg, file));
    if (path.dirname(dir) === dir) return out;
  }
}

let runtimeReady: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

function initRuntime(): Promise<void> {
  runtimeReady ??= Parser.init({ locateFile: () => locateWasm(RUNTIME.file, RUNTIME.pkg) });
  return runtimeReady;
}

/** Loads a grammar once per process; later calls share the same promise. */
function loadLanguage(name: GrammarName): Promise<Language> {
  let lang = languages.get(name);
  if (!lang) {
    const { file, pkg } = GRAMMAR_FILES[name];
    lang = initRuntime().then(() => Language.load(locateWasm(file, pkg)));
    languages.set(name, lang);
  }
  return lang;
}

/** A parser is cheap once the language is loaded; callers own and delete it. */
export async function createParser(name: GrammarName): Promise<Parser> {
  const language = await loadLanguage(name);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Every grammar file the bundles must ship. */
export const WASM_FILES = [RUNTIME, ...Object.values(GRAMMAR_FILES)];
