// Finds the unhandled promise rejections our extension caused during a run in the real
// extension host. One second after a rejection nobody handled, the extension host warns
// "rejected promise not handled within 1 second: <reason>" and "stack trace: ..." (in the
// workbench console) and passes the error to its unexpected-error handler, which writes it
// as an `[error]` entry with its stack to the extension host log (remoteexthost.log). A
// block is ours when it names our extension or its stack runs through this repository.
import fs from 'node:fs';
import path from 'node:path';

const CONSOLE_START = /rejected promise not handled within/;
/** An unexpected error in the extension host log: `2026-11-27 01:24:56.222 [error] Error: ...`. */
const LOG_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[error\]/;
const CONTINUES = /^\s+at |stack trace:/;

/**
 * @param {{ userDataDir: string, consoleLines: string[], repoRoot: string, extensionId: string }} where
 * @returns {{ ours: string[], others: string[] }} one text block per rejection
 */
export function findUnhandledRejections({ userDataDir, consoleLines, repoRoot, extensionId }) {
  const texts = [
    ...extensionHostLogFiles(userDataDir).map((f) => ({ text: fs.readFileSync(f, 'utf8'), start: LOG_START })),
    { text: consoleLines.join('\n'), start: CONSOLE_START },
  ];
  const ours = new Set();
  const others = new Set();
  for (const { text, start } of texts) {
    for (const block of blocks(text, start)) {
      (block.includes(repoRoot) || block.includes(extensionId) ? ours : others).add(block);
    }
  }
  return { ours: [...ours], others: [...others] };
}

/** A warning line and the stack lines after it. */
function blocks(text, start) {
  const lines = text.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!start.test(lines[i])) continue;
    const block = [lines[i]];
    while (i + 1 < lines.length && CONTINUES.test(lines[i + 1])) block.push(lines[++i]);
    found.push(block.join('\n'));
  }
  return found;
}

function extensionHostLogFiles(userDataDir) {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return [];
  return fs
    .readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /exthost\d*[/\\](remote)?exthost\.log$/.test(f))
    .map((f) => path.join(logsDir, f))
    .filter((f) => fs.statSync(f).isFile());
}
