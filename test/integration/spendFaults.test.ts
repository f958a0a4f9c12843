// The Team Spend panel in the real extension host against a local spend service (the `http`
// contract) that goes from good to failing: the panel must keep the last good report, with
// the time it was read, under each failure's message, and recover when the service does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../src/core/spend/panelState';
import { startFaultServer, type FaultServer } from '../core/faultServer';

const EXTENSION_ID = 'ai-finops.ai-finops';
const STATE_COMMAND = 'aiFinops.spend.state';

const spendSettings = () => vscode.workspace.getConfiguration('aiFinops.spend');
const setSetting = (key: string, value: unknown) => spendSettings().update(key, value, vscode.ConfigurationTarget.Global);

/** Polls the panel's state until `done` holds. */
async function waitForState(done: (s: PanelSnapshot) => boolean, what: string, timeoutMs = 30_000): Promise<PanelSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: PanelSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await vscode.commands.executeCommand<PanelSnapshot>(STATE_COMMAND);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the panel never reached "${what}"; last state: ${JSON.stringify(last)}`);
}

/** A day inside the panel's default period (the last 30 days). */
function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

describe('team spend panel under a failing spend service', function () {
  this.timeout(90_000);
  let server: FaultServer;
  let good: PanelSnapshot;
  const body = JSON.stringify({
    schemaVersion: 1,
    currency: 'USD',
    series: [
      { date: yesterday(), key: 'nlp', cost: 120.5 },
      { date: yesterday(), key: 'vision', cost: 79.5 },
    ],
  });

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    server = await startFaultServer({ kind: 'answer', status: 200, body });
    // One second, so the stalled body fails fast; the default is 30 s.
    await setSetting('requestTimeoutSeconds', 1);
    await setSetting('url', server.url);
    await setSetting('source', 'http');
    // Opening the view loads the webview, which asks the host for its first report.
    await vscode.commands.executeCommand('aiFinops.spend.focus');
  });

  after(async () => {
    for (const key of ['source', 'url', 'requestTimeoutSeconds']) await setSetting(key, undefined);
    await server?.close();
  });

  it('shows the report of the local spend service', async () => {
    good = await waitForState((s) => s.status === 'ready' && s.lastGood?.source === server.host, 'a report from the local service');
    assert.equal(good.lastGood?.total, 200);
    assert.equal(good.error, undefined);
  });

  it('keeps the last good report under a 500, with the service\'s message', async () => {
    server.setFault({ kind: 'answer', status: 500, body: JSON.stringify({ message: 'ledger database down' }) });
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    const s = await waitForState((x) => x.status === 'failed', 'failed after a 500');
    assert.equal(s.error, `the spend service at ${server.url} answered 500: ledger database down`);
    assert.deepEqual(s.lastGood, good.lastGood);
  });

  it('keeps it under a body that stalls half way, ending at the configured timeout', async () => {
    server.setFault({ kind: 'stall', partialBody: body.slice(0, 40) });
    const started = Date.now();
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    const s = await waitForState((x) => x.status === 'failed' && x.failuresSinceGood >= 2, 'failed after a stalled body');
    assert.equal(s.error, `the spend service at ${server.url} broke off its answer (HTTP 200): timed out after 1 s`);
    assert.deepEqual(s.lastGood, good.lastGood);
    assert.ok(Date.now() - started < 15_000, 'ends near the timeout, not at the default');
  });

  it('keeps it when the service does not answer at all', async () => {
    server.setFault({ kind: 'hang' });
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    const s = await waitForState((x) => x.status === 'failed' && x.failuresSinceGood >= 3, 'failed after no answer');
    assert.equal(s.error, `the spend service at ${server.url} is unreachable: timed out after 1 s`);
    assert.deepEqual(s.lastGood, good.lastGood);
  });

  it('replaces it with a newer report once the service recovers', async () => {
    server.setFault({ kind: 'answer', status: 200, body });
    await vscode.commands.executeCommand('aiFinops.spend.refresh');
    const s = await waitForState((x) => x.status === 'ready', 'ready again');
    assert.equal(s.failuresSinceGood, 0);
    assert.equal(s.lastGood?.total, 200);
    assert.ok((s.lastGood?.readAt ?? '') > (good.lastGood?.readAt ?? ''), 'a newer read');
  });
});
