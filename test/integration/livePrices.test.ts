import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { describePriceSource } from '../../src/core/format/priceSourceText';
import type { CostItem } from '../../src/core/model';
import * as liveCore from '../../src/core/pricing/live';
import { AwsPriceListSource, createPricingClient } from '../../src/core/pricing/live';
import { LivePrices } from '../../src/extension/livePrices';
import { awsError, awsPage, awsProduct, startServer } from '../core/pricing/priceServers';

/** The cost items behind the lenses of the fixture's main.tf, as the extension computed them. */
async function fixtureItems(): Promise<CostItem[]> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  const uri = vscode.Uri.joinPath(folder.uri, 'infra', 'main.tf');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const items = lenses.map((l) => l.command?.arguments?.[0] as CostItem | undefined).filter((i): i is CostItem => i !== undefined);
    if (items.length >= 2 || Date.now() > deadline) return items;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const setEnabled = (on: boolean | undefined) =>
  vscode.workspace.getConfiguration('aiFinops').update('livePrices.enabled', on, vscode.ConfigurationTarget.Global);

describe('Live prices in VS Code', () => {
  let failing = false;
  let server: Awaited<ReturnType<typeof startServer>>;
  let storage: string;

  before(async () => {
    server = await startServer((req) => {
      if (failing) return awsError(500, 'InternalErrorException', 'down for maintenance');
      const filters = JSON.parse(req.body).Filters as { Field: string; Value: string }[];
      const type = filters.find((f) => f.Field === 'instanceType')?.Value ?? '';
      const price = type === 'p4d.24xlarge' ? '30.0000000000' : '0.9000000000';
      return awsPage([awsProduct({ servicecode: 'AmazonEC2', instanceType: type, regionCode: 'us-east-1', usagetype: `BoxUsage:${type}` }, price)]);
    });
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-live-'));
  });

  after(async () => {
    await setEnabled(undefined);
    await server.close();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const create = (onUpdated: () => void = () => undefined) => {
    const client = createPricingClient({ endpoint: server.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
    const retry = { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 };
    return new LivePrices(vscode.Uri.file(storage), onUpdated, () => [new AwsPriceListSource(client, { retry })], () => liveCore);
  };

  it('fetches nothing while the setting is off', async () => {
    await setEnabled(false);
    const live = create();
    const message = await live.refreshNow(await fixtureItems(), bundledCatalog());
    assert.match(message, /live prices are off/);
    assert.equal(server.requests.length, 0);
    live.dispose();
  });

  it('refreshes the types the workspace uses, saves them, and prices lookups with them', async () => {
    await setEnabled(true);
    let updates = 0;
    const live = create(() => updates++);
    const items = await fixtureItems();
    const message = await live.refreshNow(items, bundledCatalog());
    assert.match(message, /refreshed 2 of 2 prices/);
    assert.deepEqual(server.requests.map((r) => r.headers['x-amz-target']), ['AWSPriceListService.GetProducts', 'AWSPriceListService.GetProducts']);
    assert.equal(updates, 1);
    const saved = JSON.parse(fs.readFileSync(path.join(storage, 'live-prices.json'), 'utf8'));
    assert.deepEqual(saved.entries.map((e: { instanceType: string }) => e.instanceType).sort(), ['g5.xlarge', 'p4d.24xlarge']);
    const found = bundledCatalog().withOverlay(live.overlay).lookup({ instanceType: 'p4d.24xlarge', region: 'us-east-1' });
    assert.ok(found.found);
    assert.equal(found.offer.onDemandUsdPerHour, 30);
    assert.equal(describePriceSource(bundledCatalog().priceSource(found.offer)), 'AWS Price List API, just now');
    live.dispose();
  });

  it('keeps the last good prices when the API fails, and loads them in a new session', async () => {
    failing = true;
    const live = create();
    await live.ready();
    assert.equal(bundledCatalog().withOverlay(live.overlay).offersFor('p4d.24xlarge').find((o) => o.region === 'us-east-1')?.onDemandUsdPerHour, 30);
    const message = await live.refreshNow(await fixtureItems(), bundledCatalog());
    assert.match(message, /refreshed 0 of 2 prices; 1 failed, the previous prices stay in use/);
    const found = bundledCatalog().withOverlay(live.overlay).lookup({ instanceType: 'p4d.24xlarge', region: 'us-east-1' });
    assert.ok(found.found);
    assert.equal(found.offer.onDemandUsdPerHour, 30);
    const saved = JSON.parse(fs.readFileSync(path.join(storage, 'live-prices.json'), 'utf8'));
    assert.equal(saved.entries.length, 2);
    live.dispose();
  });
});
