/**
 * IPython's additions to Python, rewritten line for line into the Python the kernel runs,
 * so a cell's line numbers still map back to it. As IPython does, a magic is recognised
 * only where a statement starts: not inside brackets, a triple-quoted string or after a
 * backslash continuation.
 */

import type { StoredValue } from './storedValues';

/** Cell magics whose body is still Python run by the kernel. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit']);

/** The cell magic a cell starts with (`%%bash` → `bash`), if any. */
export function cellMagic(source: string): string | undefined {
  // Colab puts `# @title` form lines above a cell magic.
  return /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*%%([\w-]+)/.exec(source)?.[1];
}

/**
 * Line magics and shell aliases IPython runs without `%` (automagic): `pip install x`,
 * `cd dir`, `rm -rf out`. Only when the word is not used as Python (`ls = [...]`, `time.sleep`).
 */
const AUTOMAGIC = /^(\s*)(pip|conda|mamba|cd|ls|ll|rm|rmdir|mkdir|cp|mv|cat|less|more|man|clear|pwd|pushd|popd|env|history|who|whos|load_ext|reload_ext|matplotlib|run|store|time|timeit|autoreload)(?:\s*$|\s+(?![=(\[.,:]|[-+*/%<>!&|^]=?\s))/;

/** True when the cell's body is Python (no cell magic, or one that runs Python). */
export function isPythonCellMagic(name: string): boolean {
  return PYTHON_CELL_MAGICS.has(name);
}

/** Where the previous line left the tokenizer. */
interface LineState {
  depth: number;
  /** The closing delimiter of an open triple-quoted string. */
  triple: string | null;
  /** The previous line ended with `\` outside a string. */
  continued: boolean;
  /** The previous line was a magic ending with `\`: this one belongs to it. */
  magicContinues: boolean;
}

/**
 * A code cell's lines as Python. `!cmd`, `%magic` and automagic statements become `pass` (an `if`
 * body of only a magic still parses), `x = !cmd` becomes `x = get_ipython().getoutput(...)`
 * as IPython itself rewrites it, `obj?` help becomes `pass`, and a magic's `\`
 * continuation lines become blank.
 */
export function ipythonToPython(lines: readonly string[], stored?: ReadonlyMap<string, StoredValue>): string[] {
  const state: LineState = { depth: 0, triple: null, continued: false, magicContinues: false };
  return lines.map((line) => {
    if (state.magicContinues) {
      state.magicContinues = /\\\s*$/.test(line);
      return '';
    }
    const atStatement = state.depth === 0 && state.triple === null && !state.continued;
    const rewritten = atStatement ? rewriteMagic(line, stored) : undefined;
    if (rewritten !== undefined) {
      state.magicContinues = /\\\s*$/.test(line);
      return rewritten;
    }
    scanPython(line, state);
    return line;
  });
}

/** The Python for a magic line, or undefined when the line is plain Python. */
function rewriteMagic(line: string, stored?: ReadonlyMap<string, StoredValue>): string | undefined {
  // `%store -r NAME` restores NAME saved by another notebook: it binds the name. The literal a
  // notebook beside this one stores, when known, rides along as two extra arguments.
  const restore = /^(\s*)%store\s+-r\s+([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*$/.exec(line);
  if (restore) {
    const value = stored?.get(restore[2]);
    const known = value ? `, ${value.literal}, ${JSON.stringify(value.from)}` : '';
    return `${restore[1]}${restore[2].split(/\s+/).join(' = ')} = get_ipython().run_line_magic("store", ${JSON.stringify(`-r ${restore[2]}`)}${known})`;
  }
  const statement = /^(\s*)[!%]/.exec(line) ?? AUTOMAGIC.exec(line);
  if (statement) return `${statement[1]}pass`;
  const assigned = /^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*([!%])(.*?)\\?\s*$/.exec(line);
  if (assigned) {
    const [, indent, target, kind, rest] = assigned;
    const command = rest.trim();
    if (kind === '!') return `${indent}${target} = get_ipython().getoutput(${JSON.stringify(command)})`;
    const [magic, ...args] = command.split(/\s+/);
    return `${indent}${target} = get_ipython().run_line_magic(${JSON.stringify(magic)}, ${JSON.stringify(args.join(' '))})`;
  }
  const help = /^(\s*)(\?{1,2}\s*[\w.]+|[\w.]+\s*\?{1,2})\s*$/.exec(line);
  if (help) return `${help[1]}pass`;
  return undefined;
}

/** Advances bracket depth, open triple-quoted strings and `\` continuation over one Python line. */
function scanPython(line: string, state: LineState): void {
  let i = 0;
  state.continued = false;
  while (i < line.length) {
    if (state.triple !== null) {
      const end = line.indexOf(state.triple, i);
      if (end < 0) return;
      i = end + 3;
      state.triple = null;
      continue;
    }
    const c = line[i];
    if (c === '#') return;
    if (c === '"' || c === "'") {
      if (line.startsWith(c.repeat(3), i)) {
        state.triple = c.repeat(3);
        i += 3;
        continue;
      }
      i = endOfString(line, i + 1, c);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') state.depth++;
    else if ((c === ')' || c === ']' || c === '}') && state.depth > 0) state.depth--;
    i++;
  }
  state.continued = /\\$/.test(line);
}

function endOfString(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) return i + 1;
  }
  return line.length;
}
