import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import type { CostItem } from '../../src/core/model';
import * as liveCore from '../../src/core/pricing/live';
import { AwsPriceListSource, createPricingClient } from '../../src/core/pricing/live';
import { LivePrices } from '../../src/extension/livePrices';
import { EXTENSION_ID, logMatching, until } from '../integration/hostFiles';

interface TrapRequest {
  method: string;
  url: string;
}

/** Set by scripts/untrusted-workspace.mjs: the trap the workspace's files point at, and its request log. */
function trap(): { url: string; requests: () => TrapRequest[] } {
  const url = process.env.AI_FINOPS_TRAP_URL;
  const log = process.env.AI_FINOPS_TRAP_LOG;
  assert.ok(url && log, 'run with node scripts/test-integration.mjs --untrusted');
  const requests = () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TrapRequest);
  return { url, requests };
}
/** The suite's own control goes through user settings, under this path (CONTROL_PREFIX in the harness). */
const CONTROL = '/control/';
const fromWorkspace = () => trap().requests().filter((r) => !r.url.startsWith(CONTROL));

/** The cost items behind the lenses of infra/main.tf. */
async function lensItems(): Promise<CostItem[]> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  const uri = vscode.Uri.joinPath(folder.uri, 'infra', 'main.tf');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  let items: CostItem[] = [];
  await until('cost lenses on infra/main.tf', async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    items = lenses.map((l) => l.command?.arguments?.[0] as CostItem | undefined).filter((i): i is CostItem => i !== undefined);
    return items.length >= 2;
  });
  return items;
}

const userSpend = (key: string, value: string | undefined) =>
  vscode.workspace.getConfiguration('aiFinops.spend').update(key, value, vscode.ConfigurationTarget.Global);

describe('an untrusted workspace', () => {
  it('is opened in restricted mode, and the extension activates there by itself', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await until('the extension to activate', () => ext.isActive);
  });

  it('ignores the restricted spend settings of the workspace but reads its other settings', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8');
    assert.ok(file.includes(`${trap().url}/workspace-settings/http`), 'the workspace settings name the trap');
    const spend = vscode.workspace.getConfiguration('aiFinops.spend');
    for (const key of ['source', 'url', 'path']) assert.equal(spend.get(key), spend.inspect(key)?.defaultValue, key);
    // Live prices are an application setting: a workspace cannot turn them on at all.
    assert.equal(vscode.workspace.getConfiguration('aiFinops').get('livePrices.enabled'), false);
    assert.equal(vscode.workspace.getConfiguration('editor').get('tabSize'), 3, 'the workspace settings file is read');
  });

  it('prices Terraform offline from the bundled catalog', async () => {
    const trainer = (await lensItems()).find((i) => i.sku === 'p4d.24xlarge');
    assert.ok(trainer, 'the p4d.24xlarge trainer has a lens');
    const bundled = bundledCatalog().lookup({ instanceType: 'p4d.24xlarge', region: 'us-east-1' });
    assert.ok(bundled.found);
    assert.equal(trainer.priceSource?.fetchedAt, undefined, 'not a live price');
    const expected = (bundled.offer.onDemandUsdPerHour ?? Number.NaN) * trainer.quantity;
    assert.ok(Math.abs((trainer.estimate.hourlyUsd ?? 0) - expected) < 0.01, `${trainer.estimate.hourlyUsd} per hour at the bundled ${expected}`);
  });

  it('shows the bundled sample in the spend panel and logs why the workspace source was refused', async function () {
    this.timeout(90_000); // the first query loads DuckDB
    await vscode.commands.executeCommand('aiFinops.openSpendPanel');
    await logMatching(/spend source: bundled sample data \(FOCUS 1\.2\) \(\.finops\.yml names the opencost source, which this untrusted workspace may not use/, 60_000);
  });

  it('fetches no live price, even with live prices turned on in user settings', async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-untrusted-'));
    const setLive = (on: boolean | undefined) => vscode.workspace.getConfiguration('aiFinops').update('livePrices.enabled', on, vscode.ConfigurationTarget.Global);
    try {
      await setLive(true);
      const client = createPricingClient({ endpoint: `${trap().url}/live-prices`, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
      const live = new LivePrices(vscode.Uri.file(storage), () => undefined, () => [new AwsPriceListSource(client)], () => liveCore);
      assert.match(await live.refreshNow(await lensItems(), bundledCatalog()), /not fetched in an untrusted workspace/);
      live.dispose();
      await vscode.commands.executeCommand('aiFinops.refreshPrices');
    } finally {
      await setLive(undefined);
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });

  it('made no request to the endpoint its files name', () => {
    assert.deepEqual(fromWorkspace(), []);
  });

  // Proves the trap counts: the same panel, pointed there by the user's own settings, does ask.
  it('still uses a network source from user settings, which the trap records', async function () {
    this.timeout(60_000);
    try {
      await userSpend('source', 'http');
      await userSpend('url', `${trap().url}${CONTROL}http`);
      // The live-price test showed main.tf over the panel; a hidden page asks again once revealed.
      await vscode.commands.executeCommand('aiFinops.openSpendPanel');
      await until('the panel to query the source from user settings', () => trap().requests().some((r) => r.url.startsWith(`${CONTROL}http/spend?`)));
    } finally {
      await userSpend('source', undefined);
      await userSpend('url', undefined);
    }
    assert.deepEqual(fromWorkspace(), []);
  });
});
