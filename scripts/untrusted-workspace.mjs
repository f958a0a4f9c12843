// The untrusted-workspace run (node scripts/test-integration.mjs --untrusted): a local HTTP
// "trap" that records every request it gets, and a workspace whose .finops.yml and
// .vscode/settings.json point the extension at it. The trap listens before VS Code starts,
// so not even a request made during activation can slip past it.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { repoRoot } from './vscode-host.mjs';

export const UNTRUSTED_TESTS_DIR = path.join(repoRoot, 'out', 'test', 'untrusted');
export const UNTRUSTED_FIXTURE_DIR = path.join(repoRoot, 'test', 'fixtures', 'untrusted-workspace');
/** Requests under this path come from the suite's own control (user settings), not from the workspace. */
export const CONTROL_PREFIX = '/control/';
const PLACEHOLDER = /\{\{TRAP_URL\}\}/g;
const TEMPLATED = ['.finops.yml', path.join('.vscode', 'settings.json')];

/**
 * Starts the trap and writes its URL into the copied workspace's files. Returns the
 * environment for the extension host (where the suite finds the trap and its request log),
 * problem() and close().
 */
export async function prepareUntrustedWorkspace(workspace, tmp) {
  const logFile = path.join(tmp, 'trap-requests.jsonl');
  fs.writeFileSync(logFile, '');
  const requests = [];
  const server = http.createServer((req, res) => {
    const entry = { method: req.method, url: req.url, authorization: req.headers.authorization ?? null };
    requests.push(entry);
    fs.appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
    // Any answer will do: the point is that nothing from the workspace asks.
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end('{"message":"trap"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  for (const rel of TEMPLATED) {
    const file = path.join(workspace, rel);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(PLACEHOLDER, url));
  }
  return {
    env: { AI_FINOPS_TRAP_URL: url, AI_FINOPS_TRAP_LOG: logFile },
    /** Fails the run on any request the workspace caused, even one after the suite's own checks. */
    problem: () => {
      const seen = requests.filter((r) => !r.url.startsWith(CONTROL_PREFIX));
      return seen.length ? `the untrusted workspace made ${seen.length} request(s) to its endpoint: ${seen.map((r) => `${r.method} ${r.url}`).join(', ')}` : undefined;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
