// `npm run demo`: VS Code (code-server) on a temporary copy of samples/workspace with this
// repo loaded as the extension under development, so the extension can be tried in a browser
// without packaging or installing it. Edits (autosave, quick fixes) land in the copy, never
// in the tracked samples. Runs until Ctrl-C; the copy is removed on exit.
//
// Usage: node scripts/demo.mjs [--port 8080] [--host 127.0.0.1]   (or PORT=... in the environment)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer, assertPortFree, payloadUrl, repoRoot, startCodeServer } from './vscode-host.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = Number(opts.port ?? process.env.PORT ?? 8080);
const samples = path.join(repoRoot, 'samples', 'workspace');

// Exit through process.exit so the 'exit' hooks stop code-server and clean up.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(0));

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  await ensureCodeServer();
  await assertPortFree(port, opts.host);
  // Fresh editor state on every start, so the demo looks the same each time.
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-demo-'));
  process.once('exit', () => fs.rmSync(stateDir, { recursive: true, force: true }));
  const workspace = path.join(stateDir, 'workspace');
  fs.cpSync(samples, workspace, { recursive: true });
  const server = await startCodeServer({
    workspace,
    port,
    host: opts.host,
    userDataDir: path.join(stateDir, 'user-data'),
    extensionsDir: path.join(stateDir, 'extensions'),
    settings: { 'git.openRepositoryInParentFolders': 'never' },
    onOutput: (line) => console.log(`[code-server] ${line}`),
  });
  const url = payloadUrl(server.url, { folder: workspace, extensionDevelopmentPath: repoRoot });
  console.log(`\nAI FinOps demo on a copy of samples/workspace (${workspace}), removed on exit.`);
  console.log(`Open this URL in a browser (Ctrl-C to stop):\n\n  ${url}\n`);
  console.log('After `npm run build`, reload the page to load the new build.');
  await server.exited;
  throw new Error('code-server stopped');
}

main().catch((err) => {
  console.error(`demo: ${err.message}`);
  process.exit(1);
});
